// The action server as a process: start-up errors exit with a clear message, SIGTERM cleans up.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ProtocolClient} from '../helpers/protocol-client.js';
import {buildServerBundle, freePort, runServerToExit, startServer, waitUntil} from '../helpers/server-harness.js';

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (parent === pid) children.push(Number(entry));
    } catch {
      // gone
    }
  }
  return children;
}

function descendantsOf(pid: number): number[] {
  const direct = childrenOf(pid);
  return [...direct, ...direct.flatMap((child) => descendantsOf(child))];
}

describe('action server process', () => {
  let bundle: string;
  const user = os.userInfo();
  const asMe = ['--username', user.username, '--user-id', String(user.uid), '--host', '127.0.0.1'];

  beforeAll(async () => {
    bundle = await buildServerBundle();
  });

  it.each([
    [['--plugins', 'agent_skills', 'jupyterx'], 'unknown plugin "jupyterx"; known plugins: agent_skills, jupyter, vscode'],
    [['--working-dir', '/tmp'], 'port is required'],
    [['70000'], 'port must be an integer from 1 to 65535, got "70000"'],
    [['3000', '--user-id', 'abc'], '--user-id must be an integer'],
    [['3000', '--working-dir', 'relative'], '--working-dir must be an absolute path'],
    [['3000', '--frobnicate'], 'unknown option --frobnicate'],
    [['3000', '--soft-timeout', '0'], '--soft-timeout must be a positive number'],
  ])('refuses %j with exit code 2 and a message', async (args, message) => {
    const withPort = args[0] === '--plugins' ? ['3000', ...args] : args;
    // The case's own flags come last, so they win over the defaults before them.
    const result = await runServerToExit(bundle, ['--working-dir', os.tmpdir(), ...asMe, ...withPort], {port: ''});
    expect(result.code).toBe(2);
    expect(result.output).toContain(message);
    expect(result.output).not.toMatch(/\n\s+at /);
  });

  it('takes the port from the `port` environment variable (0.15 sets it) when no argument is given', async () => {
    const port = await freePort();
    const workspace = fs.mkdtempSync(`${os.tmpdir()}/oh-tui-env-port-`);
    const child = runServerToExit(bundle, ['--working-dir', workspace, ...asMe], {port: String(port), SESSION_API_KEY: ''});
    try {
      const alive = await waitUntil('the server on the env port', async () => {
        const response = await fetch(`http://127.0.0.1:${port}/alive`).catch(() => undefined);
        return response?.ok ? response.json() : undefined;
      });
      expect(alive).toEqual({status: 'ok'});
    } finally {
      const pid = Number(
        fs.readdirSync('/proc').find((entry) => /^\d+$/.test(entry) && safeRead(`/proc/${entry}/cmdline`).includes(workspace)),
      );
      if (pid) process.kill(pid, 'SIGTERM');
      expect((await child).code).toBe(0);
      fs.rmSync(workspace, {recursive: true, force: true});
    }
  });

  it('exits 1 with a message when the port is taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = await runServerToExit(bundle, [String(port), '--working-dir', os.tmpdir(), ...asMe]);
      expect(result.code).toBe(1);
      expect(result.output).toContain('the port is already in use');
    } finally {
      blocker.close();
    }
  });

  it('without SESSION_API_KEY every route is open', async () => {
    const server = await startServer({bundle, apiKey: null});
    try {
      const client = new ProtocolClient(server);
      expect((await client.request('GET', '/server_info', {key: null})).status).toBe(200);
      expect((await client.request('GET', '/vscode/connection_token', {key: null})).json).toEqual({token: null});
    } finally {
      await server.stop();
    }
  });

  it("on SIGTERM exits 0 and takes its shell (and the shell's jobs) with it", async () => {
    const server = await startServer({bundle});
    const client = new ProtocolClient(server);
    expect((await client.runToEnd('sleep 600 & echo started')).extras.exit_code).toBe(0);
    const descendants = descendantsOf(server.pid);
    expect(descendants.length).toBeGreaterThanOrEqual(3);
    const exitCode = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    expect(await exitCode).toBe(0);
    await waitUntil('the shell processes to exit', () => descendants.every((pid) => !fs.existsSync(`/proc/${pid}`) || isZombie(pid)));
    await server.stop();
  });
});

afterAll(() => undefined);

function safeRead(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isZombie(pid: number): boolean {
  const stat = safeRead(`/proc/${pid}/stat`);
  return stat === '' || stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
}
