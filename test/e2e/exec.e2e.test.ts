import {execFileSync, spawn} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import http from 'node:http';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {dockerGate} from '../helpers/docker-gate.js';
import {e2eConfig, type E2eSetup} from '../helpers/e2e-config.js';
import {cliPath, runCli} from '../helpers/run-cli.js';

const gate = await dockerGate('exec e2e');

describe.skipIf(!gate.available)('oh-tui exec through the built CLI', () => {
  const sid = `e2e-${randomBytes(3).toString('hex')}-exec`;
  let setup: E2eSetup;
  const exec = (...command: string[]) =>
    runCli(['exec', '--config', setup.configPath, '--session', sid, '--', ...command], {cwd: setup.cwd, env: setup.env});

  beforeAll(async () => {
    setup = e2eConfig();
    // The first call builds the image if needed and creates the container.
    const first = await exec('true');
    expect(first.code, first.stderr).toBe(0);
  });

  afterAll(() => {
    try {
      execFileSync('docker', ['rm', '-f', `${setup.config.sandbox.container_name_prefix}${sid}`], {stdio: 'ignore'});
    } catch {
      // Already gone.
    }
  });

  test('prints the output and returns 0; the container stays up', async () => {
    const result = await exec('echo', 'hello', 'world');
    expect(result).toMatchObject({code: 0, stdout: 'hello world\n'});
    expect(
      execFileSync('docker', ['inspect', '--format', '{{.State.Status}}', `${setup.config.sandbox.container_name_prefix}${sid}`], {
        encoding: 'utf8',
      }).trim(),
    ).toBe('running');
  });

  test('propagates the exit code, and the session survives `exit`', async () => {
    expect((await exec('false')).code).toBe(1);
    expect((await exec('(exit 7)')).code).toBe(7);
    expect((await exec('exit', '3')).code).toBe(3);
    expect(await exec('echo', 'still here')).toMatchObject({code: 0, stdout: 'still here\n'});
  });

  test('the shell persists between calls: cd and export last', async () => {
    expect((await exec('cd', '/tmp')).code).toBe(0);
    expect((await exec('pwd')).stdout).toBe('/tmp\n');
    await exec('export', 'OH_TUI_MARK=42');
    expect((await exec('echo', '$OH_TUI_MARK')).stdout).toBe('42\n');
  });

  test('streams output while the command runs', async () => {
    const child = spawn(
      process.execPath,
      [cliPath, 'exec', '--config', setup.configPath, '--session', sid, '--', 'echo first; sleep 4; echo second'],
      {
        cwd: setup.cwd,
        env: setup.env,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const firstSeenAt = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`"first" not seen within 20 s; stdout=${stdout} stderr=${stderr}`)), 20_000);
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.includes('first')) {
          clearTimeout(timer);
          resolve(Date.now());
        }
      });
    });
    expect(stdout).not.toContain('second');
    expect(await exited).toBe(0);
    // "second" comes ~4 s later: "first" was shown live, not at the end.
    expect(Date.now() - firstSeenAt).toBeGreaterThan(2000);
    expect(stdout).toBe('first\nsecond\n');
  });

  test('Ctrl+C interrupts the command in the container (exit 130), and the shell goes on', async () => {
    const child = spawn(process.execPath, [cliPath, 'exec', '--config', setup.configPath, '--session', sid, '--', 'echo go; sleep 60'], {
      env: setup.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`"go" not seen within 20 s; stdout=${stdout} stderr=${stderr}`)), 20_000);
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        if (stdout.includes('go')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    const interruptedAt = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(Date.now() - interruptedAt).toBeLessThan(5000);
    expect(stderr).toContain('interrupting the command');
    expect(await exec('echo', 'after')).toMatchObject({code: 0, stdout: 'after\n'});
  });

  test("`oh-tui vscode` prints the session's working link; --open over SSH prints it and says why it did not open", async () => {
    const result = await runCli(['vscode', '--config', setup.configPath, '--session', sid], {cwd: setup.cwd, env: setup.env});
    expect(result.code).toBe(0);
    const url = result.stdout.trim();
    expect(url).toMatch(/^http:\/\/localhost:\d+\/\?tkn=[\w-]+&folder=\/workspace$/);
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get(url.replace('localhost', '127.0.0.1'), (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(status).toBeLessThan(400);

    const opened = await runCli(['vscode', '--open', '--config', setup.configPath, '--session', sid], {
      cwd: setup.cwd,
      env: {...setup.env, SSH_CONNECTION: '10.0.0.1 5000 10.0.0.2 22', VSCODE_HOST: 'devbox.example'},
    });
    expect(opened.code).toBe(0);
    expect(opened.stdout.trim()).toBe(url.replace('localhost', 'devbox.example'));
    expect(opened.stderr).toContain('not opening a browser: this is an SSH session; open the link above yourself');
  });

  test('refuses a bad session id with a clear message and exit 2', async () => {
    const result = await runCli(['exec', '--config', setup.configPath, '--session', 'bad/sid', '--', 'true'], {
      cwd: setup.cwd,
      env: setup.env,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid session id "bad/sid"');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
