import {execFileSync} from 'node:child_process';
import {describe, expect, it} from 'vitest';
import {UserError} from '../../source/lib/errors.js';
import {cmdRunAction} from '../../source/events/actions.js';
import {exitCodeOf} from '../../source/events/observations.js';
import {crlfToLf} from '../../source/runtime/crlf.js';
import {exportCommand, startupEnv} from '../../source/runtime/startup-env.js';
import {aliveDelayMs, waitAlive} from '../../source/runtime/wait-alive.js';
import {defaultConfig} from '../fixtures/config/default-config.js';

function config(vars: Record<string, string> = {}) {
  const loaded = defaultConfig('/home/me/project', '/home/me');
  return {...loaded, sandbox: {...loaded.sandbox, runtime_startup_env_vars: vars}};
}

describe('startup environment', () => {
  it('takes SANDBOX_ENV_* from the host (prefix stripped), then runtime_startup_env_vars', () => {
    const vars = startupEnv(config({FOO: 'from-config'}), {
      SANDBOX_ENV_TOKEN: 't',
      SANDBOX_ENV_FOO: 'from-env',
      SANDBOX_ENV_: 'x',
      PATH: '/bin',
    });
    expect(vars).toEqual({TOKEN: 't', FOO: 'from-config'});
  });

  it('refuses a name bash cannot export, naming it', () => {
    expect(() => startupEnv(config({'BAD-NAME': '1'}), {})).toThrow(UserError);
    expect(() => startupEnv(config({'BAD-NAME': '1'}), {})).toThrow(/"BAD-NAME"/);
  });

  it('builds one export line that bash reads back exactly, quotes and all', () => {
    const vars = {A: "it's", B: 'a b $HOME `x` "q"', C: ''};
    const command = exportCommand(vars)!;
    // Only PATH: a variable of the caller's could not stand in for one the command failed to set.
    const out = execFileSync('bash', ['-c', `${command}; printf '%s|' "$A" "$B" "$C"`], {encoding: 'utf8', env: {PATH: process.env.PATH}});
    expect(out).toBe(`it's|a b $HOME \`x\` "q"||`);
    expect(exportCommand({})).toBeUndefined();
  });
});

describe('run actions', () => {
  it('has OpenHands 0.15 shape; a timeout makes it blocking', () => {
    const action = cmdRunAction('ls', {timeout: 120});
    expect(Object.keys(action)).toEqual(['source', 'message', 'action', 'args', 'timeout']);
    expect(action).toMatchObject({
      source: 'user',
      message: 'Running command: ls',
      action: 'run',
      args: {command: 'ls', thought: '', blocking: true, keep_prompt: true, hidden: false, confirmation_state: 'confirmed'},
      timeout: 120,
    });
    expect(cmdRunAction('ls').args.blocking).toBe(false);
    expect('timeout' in cmdRunAction('ls')).toBe(false);
  });

  it('reads the exit code of a run observation only', () => {
    expect(exitCodeOf({observation: 'run', content: '', extras: {command: 'x', exit_code: 3}})).toBe(3);
    expect(exitCodeOf({observation: 'error', content: 'boom', extras: {error_id: ''}})).toBeUndefined();
  });
});

describe('crlfToLf', () => {
  it('turns CRLF into LF across chunk boundaries and keeps lone CRs', () => {
    const lines = crlfToLf();
    const out = [lines.push('a\r\nb\r'), lines.push('\nc 50%\r'), lines.push('c 100%\r\n'), lines.push('end\r'), lines.end()].join('');
    expect(out).toBe('a\nb\nc 50%\rc 100%\nend\r');
  });
});

describe('waitAlive', () => {
  it('polls every 10 ms for 3 s, then backs off to 250 ms', () => {
    expect([0, 1000, 2999, 3000, 3500, 4500, 5500, 6500, 60_000].map(aliveDelayMs)).toEqual([10, 10, 10, 10, 20, 40, 80, 160, 250]);
  });

  it('looks at the container at most every 100 ms while the server does not answer', async () => {
    let probes = 0;
    let checks = 0;
    await waitAlive({probe: async () => ++probes > 20, checkContainer: async () => void checks++, description: 'server', timeoutMs: 5000});
    // 20 misses 10 ms apart take ~200+ ms: a check roughly every tenth miss, never one per miss.
    expect(checks).toBeGreaterThanOrEqual(2);
    expect(checks).toBeLessThanOrEqual(8);
  });

  it('returns once the probe answers, having checked the container after the first miss', async () => {
    let probes = 0;
    let checks = 0;
    const result = await waitAlive({
      probe: async () => ++probes >= 3,
      checkContainer: async () => void checks++,
      description: 'server',
      timeoutMs: 5000,
    });
    expect(result.attempts).toBe(3);
    expect(checks).toBe(1);
  });

  it('fails at once with the container check error (exited container)', async () => {
    const started = Date.now();
    await expect(
      waitAlive({
        probe: async () => false,
        checkContainer: async () => {
          throw new UserError('Container c exited with code 1 before its action server answered. Its last log lines:\nboom');
        },
        description: 'server',
        timeoutMs: 60_000,
      }),
    ).rejects.toThrow(/exited with code 1.*\nboom/s);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('times out with the error the caller builds', async () => {
    await expect(
      waitAlive({
        probe: async () => false,
        checkContainer: async () => {},
        description: 'server',
        timeoutMs: 100,
        timeoutError: async (ms) => new UserError(`no answer in ${ms} ms; last lines: x`),
      }),
    ).rejects.toThrow('no answer in 100 ms; last lines: x');
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    const pending = waitAlive({probe: async () => false, checkContainer: async () => {}, description: 's', signal: controller.signal});
    controller.abort(new Error('cancelled by user'));
    await expect(pending).rejects.toThrow('cancelled by user');
  });
});
