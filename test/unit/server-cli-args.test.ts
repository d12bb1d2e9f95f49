import {describe, expect, it} from 'vitest';
import {parseServerArgs} from '../../source/server/cli-args.js';
import {StartupError} from '../../source/server/startup-error.js';

describe('parseServerArgs', () => {
  it('reads the command line EventStreamRuntime 0.15 builds', () => {
    const options = parseServerArgs(
      [
        '30123',
        '--working-dir',
        '/workspace',
        '--plugins',
        'agent_skills',
        'jupyter',
        'vscode',
        '--username',
        'openhands',
        '--user-id',
        '1000',
      ],
      {SESSION_API_KEY: 'secret'},
    );
    expect(options).toMatchObject({
      port: 30123,
      host: '0.0.0.0',
      workingDir: '/workspace',
      username: 'openhands',
      userId: 1000,
      plugins: ['agent_skills', 'jupyter', 'vscode'],
      sessionApiKey: 'secret',
      vscodePort: 30124,
      timeoutSeconds: 120,
      softTimeoutSeconds: 5,
      maxMessageChars: 30000,
      openvscodeRoot: '/openhands/.openvscode-server',
      runDir: undefined,
    });
  });

  it('takes settings from the environment, flags first', () => {
    const options = parseServerArgs(['--timeout=30', '--soft-timeout', '0.5', '--host', '127.0.0.1'], {
      port: '4000',
      VSCODE_PORT: '4100',
      SANDBOX_TIMEOUT: '99',
      SOFT_TIMEOUT_SECONDS: '7',
      MAX_MESSAGE_CHARS: '5000',
      OPENVSCODE_SERVER_ROOT: '/opt/vscode',
      OH_TUI_SERVER_RUN_DIR: '/run/x',
    });
    expect(options).toMatchObject({
      port: 4000,
      host: '127.0.0.1',
      vscodePort: 4100,
      timeoutSeconds: 30,
      softTimeoutSeconds: 0.5,
      maxMessageChars: 5000,
      openvscodeRoot: '/opt/vscode',
      runDir: '/run/x',
      sessionApiKey: undefined,
    });
    expect(parseServerArgs(['1'], {SANDBOX_TIMEOUT: '99', SOFT_TIMEOUT_SECONDS: '7'})).toMatchObject({
      timeoutSeconds: 99,
      softTimeoutSeconds: 7,
    });
  });

  it.each([
    [['1', '--plugins', 'browser'], 'unknown plugin "browser"'],
    [['1', '--plugins'], '--plugins needs at least one plugin name'],
    [[], 'port is required'],
    [['1', '2'], 'unexpected argument 2'],
    [['1', '--username', 'bad name'], 'is not a valid user name'],
    [['1', '--username', 'x;rm'], 'is not a valid user name'],
    [['1', '--user-id', '-5'], '--user-id must be an integer'],
    [['1', '--working-dir'], '--working-dir needs a value'],
    [['1', '--timeout', 'soon'], '--timeout must be a positive number of seconds, got "soon"'],
    [['1', '--verbose'], 'unknown option --verbose'],
  ])('refuses %j with a StartupError saying %s', (argv, message) => {
    expect(() => parseServerArgs(argv, {})).toThrow(StartupError);
    expect(() => parseServerArgs(argv, {})).toThrow(message);
  });

  it('accepts and ignores 0.15 --browsergym-eval-env', () => {
    expect(parseServerArgs(['1', '--browsergym-eval-env', 'x'], {}).port).toBe(1);
  });
});
