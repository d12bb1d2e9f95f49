/**
 * Starts the bundled action server (dist-style single .cjs file) as a child process on this machine,
 * on a free port, as the current user (never creating users on the host), and waits for /alive.
 */
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll} from 'vitest';
import {packageRoot} from '../../source/lib/version.js';
import {hermeticEnv} from './test-env.js';

let bundling: Promise<string> | undefined;
let bundleDir: string | undefined;

// Each test file gets its own module instance, hence its own bundle; remove it when the file is done.
afterAll(() => {
  if (bundleDir) fs.rmSync(bundleDir, {recursive: true, force: true});
  bundleDir = undefined;
  bundling = undefined;
});

/** Bundles source/server into a private temp file once per test process (no race on dist/). */
export function buildServerBundle(): Promise<string> {
  bundling ??= (async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-tui-server-bundle-'));
    bundleDir = dir;
    const outfile = path.join(dir, 'action-server.cjs');
    await promisify(execFile)(process.execPath, [path.join(packageRoot, 'scripts/bundle-server.mjs'), '--outfile', outfile]);
    return outfile;
  })();
  return bundling;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Polls `check` until it returns something other than undefined/false, or fails after `timeoutMs`. */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 10_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export interface ServerStartOptions {
  bundle: string;
  /** SESSION_API_KEY; null starts the server without one. Default: a random key. */
  apiKey?: string | null;
  workspace?: string;
  plugins?: string[];
  softTimeoutSeconds?: number;
  timeoutSeconds?: number;
  env?: NodeJS.ProcessEnv;
  extraArgs?: string[];
  vscodePort?: number;
  runDir?: string;
}

export interface ServerHandle {
  baseUrl: string;
  apiKey: string;
  workspace: string;
  port: number;
  vscodePort: number;
  runDir: string;
  softTimeoutSeconds: number;
  child: ChildProcess;
  pid: number;
  logs(): string;
  stop(): Promise<void>;
}

export async function startServer(options: ServerStartOptions): Promise<ServerHandle> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-tui-server-test-'));
  const workspace = options.workspace ?? path.join(scratch, 'workspace');
  const home = path.join(scratch, 'home');
  fs.mkdirSync(home);
  const runDir = options.runDir ?? path.join(scratch, 'run');
  const apiKey = options.apiKey === undefined ? randomBytes(16).toString('hex') : options.apiKey;
  const port = await freePort();
  const vscodePort = options.vscodePort ?? (await freePort());
  const softTimeoutSeconds = options.softTimeoutSeconds ?? 1;
  const user = os.userInfo();
  const args = [
    options.bundle,
    String(port),
    '--working-dir',
    workspace,
    '--username',
    user.username,
    '--user-id',
    String(user.uid),
    '--host',
    '127.0.0.1',
    '--soft-timeout',
    String(softTimeoutSeconds),
    ...(options.timeoutSeconds ? ['--timeout', String(options.timeoutSeconds)] : []),
    ...(options.plugins ? ['--plugins', ...options.plugins] : []),
    ...(options.extraArgs ?? []),
  ];
  // A home of its own: the init command runs `git config --global`.
  const env = hermeticEnv(home, {VSCODE_PORT: String(vscodePort), OH_TUI_SERVER_RUN_DIR: runDir, ...options.env});
  if (apiKey) env.SESSION_API_KEY = apiKey;
  const child = spawn(process.execPath, args, {env, stdio: ['ignore', 'pipe', 'pipe']});
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  const handle: ServerHandle = {
    baseUrl,
    apiKey: apiKey ?? '',
    workspace,
    port,
    vscodePort,
    runDir,
    softTimeoutSeconds,
    child,
    pid: child.pid ?? -1,
    logs: () => output,
    stop: async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const stopped = await Promise.race([exit.then(() => true), new Promise((r) => setTimeout(() => r(false), 5000))]);
        if (!stopped) child.kill('SIGKILL');
        await exit;
      }
      fs.rmSync(scratch, {recursive: true, force: true});
    },
  };
  try {
    await waitUntil(
      'the action server to answer /alive',
      async () => {
        if (exited) throw new Error(`the server exited: ${output}`);
        const response = await fetch(`${baseUrl}/alive`, {signal: AbortSignal.timeout(2000)}).catch(() => undefined);
        return response?.ok === true;
      },
      20_000,
    );
  } catch (error) {
    await handle.stop();
    throw new Error(`${(error as Error).message}\nserver output:\n${output}`);
  }
  return handle;
}

/**
 * Runs the bundle with `args` and returns its exit code and output (for start-up errors). A server
 * that does not exit within `timeoutMs` is killed and reported with code null.
 */
export function runServerToExit(
  bundle: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 15_000,
): Promise<{code: number | null; output: string}> {
  return new Promise((resolve) => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-tui-server-exit-'));
    const child = spawn(process.execPath, [bundle, ...args], {env: hermeticEnv(home, env), stdio: ['ignore', 'pipe', 'pipe']});
    child.once('close', () => fs.rmSync(home, {recursive: true, force: true}));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => {
      output += `\n[killed by the test after ${timeoutMs} ms]`;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({code, output});
    });
  });
}
