import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, test} from 'vitest';
import {startDebugLog} from '../../source/commands/start-debug-log.js';
import {loadConfig} from '../../source/config/load.js';
import {addDebugSecret, closeDebugLog, debugLine, debugLogFile, openDebugLog} from '../../source/lib/debug-log.js';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'oh-tui-debug-log-'));
afterEach(() => closeDebugLog());

describe('the debug log', () => {
  test('writes nothing until opened', () => {
    debugLine('llm', 'call 1.1');
    expect(debugLogFile()).toBeUndefined();
  });

  test('appends a stamped line per call, each secret it knows (also one learned later) replaced', () => {
    const file = path.join(scratch, 'a', 'logs', 'run.log');
    openDebugLog(file, ['sk-from-settings-123', undefined]);
    debugLine('runtime', 'running with sk-from-settings-123 in sight');
    addDebugSecret('sk-learned-later-456');
    addDebugSecret('short');
    debugLine('llm', 'failed: Incorrect API key provided: sk-learned-later-456; a short word stays');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z \[runtime\] running with \*\*\* in sight$/);
    expect(lines[1]).toContain('[llm] failed: Incorrect API key provided: ***; a short word stays');
  });

  test('a log it cannot write turns itself off instead of failing the session', () => {
    // A folder where the file should be: no append succeeds, whoever runs the test.
    const file = path.join(scratch, 'blocked', 'run.log');
    openDebugLog(file);
    mkdirSync(file);
    expect(() => debugLine('llm', 'lost')).not.toThrow();
    expect(debugLogFile()).toBeUndefined();
  });
});

describe('startDebugLog ([core] debug)', () => {
  const home = path.join(scratch, 'home');
  const configFor = (debug: boolean) => {
    const {config} = loadConfig({cwd: scratch, env: {}, homeDir: home});
    return {
      ...config,
      core: {...config.core, debug, file_store_path: path.join(scratch, 'store')},
      llm: {...config.llm, api_key: 'sk-settings-key-0001'},
    };
  };

  test('is off without [core] debug', () => {
    expect(startDebugLog(configFor(false), {}, 'session s')).toBeUndefined();
    expect(existsSync(path.join(scratch, 'store', 'logs'))).toBe(false);
  });

  test("opens <file_store_path>/logs/oh-tui-<time>-<pid>.log, saying what runs, with the settings' and the environment's keys redacted", () => {
    const file = startDebugLog(
      configFor(true),
      {OPENAI_API_KEY: 'sk-env-key-0002', GITHUB_TOKEN: 'ghp-token-0003', HOME: '/home/x'},
      'session s1',
    );
    expect(file).toBe(path.join(scratch, 'store', 'logs', readdirSync(path.join(scratch, 'store', 'logs'))[0] as string));
    expect(path.basename(file as string)).toMatch(new RegExp(`^oh-tui-\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ-${process.pid}\\.log$`));
    debugLine('llm', 'sk-settings-key-0001 sk-env-key-0002 ghp-token-0003 /home/x');
    const text = readFileSync(file as string, 'utf8');
    expect(text).toContain('[start] oh-tui ');
    expect(text).toContain('session s1');
    expect(text).toContain('[llm] *** *** *** /home/x');
  });
});

process.on('exit', () => rmSync(scratch, {recursive: true, force: true}));
