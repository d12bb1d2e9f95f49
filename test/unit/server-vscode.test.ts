// The vscode plugin: the server starts openvscode-server (here the stand-in from templates/) once,
// with a 0600 token file, and /vscode/connection_token hands out that token.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {packageRoot} from '../../source/lib/version.js';
import {ProtocolClient} from '../helpers/protocol-client.js';
import {buildServerBundle, freePort, startServer, waitUntil, type ServerHandle} from '../helpers/server-harness.js';

const STAND_IN_ROOT = path.join(packageRoot, 'templates/openvscode-stand-in');

/** Pids of live processes whose command line mentions `fragment`. */
function processesMentioning(fragment: string): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(fragment)) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

async function tokenOf(server: ServerHandle): Promise<unknown> {
  const result = await new ProtocolClient(server).request('GET', '/vscode/connection_token');
  expect(result.status).toBe(200);
  return (result.json as {token: unknown}).token;
}

describe('vscode plugin with the openvscode-server stand-in', () => {
  let bundle: string;
  let runDir: string;
  let vscodePort: number;
  let first: ServerHandle;
  let second: ServerHandle | undefined;

  beforeAll(async () => {
    bundle = await buildServerBundle();
    runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-tui-vscode-run-'));
    vscodePort = await freePort();
    first = await startServer({
      bundle,
      plugins: ['agent_skills', 'jupyter', 'vscode'],
      runDir,
      vscodePort,
      env: {OPENVSCODE_SERVER_ROOT: STAND_IN_ROOT},
    });
  });

  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    fs.rmSync(runDir, {recursive: true, force: true});
  });

  it('hands out the token written to a 0600 file in the run dir', async () => {
    const token = await tokenOf(first);
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    const tokenFile = path.join(runDir, 'openvscode-server.token');
    expect(fs.readFileSync(tokenFile, 'utf8')).toBe(token);
    expect(fs.statSync(tokenFile).mode & 0o777).toBe(0o600);
  });

  it('starts openvscode-server on VSCODE_PORT: /version answers, the token is checked', async () => {
    const token = String(await tokenOf(first));
    const base = `http://127.0.0.1:${vscodePort}`;
    const version = await waitUntil('openvscode-server to listen', async () => {
      const response = await fetch(`${base}/version`).catch(() => undefined);
      return response?.status === 200 ? response.text() : undefined;
    });
    expect(version).toContain('stand-in');
    expect((await fetch(`${base}/?tkn=${token}`)).status).toBe(200);
    expect((await fetch(`${base}/?tkn=wrong-token`)).status).toBe(403);
    expect((await fetch(`${base}/`)).status).toBe(403);
    const pidFile = Number(fs.readFileSync(path.join(runDir, 'openvscode-server.pid'), 'utf8'));
    expect(processesMentioning(path.join(runDir, 'openvscode-server.token'))).toEqual([pidFile]);
  });

  it('a second server with the same run dir reuses the running instance instead of starting another', async () => {
    const token = await tokenOf(first);
    second = await startServer({
      bundle,
      plugins: ['vscode'],
      runDir,
      vscodePort,
      env: {OPENVSCODE_SERVER_ROOT: STAND_IN_ROOT},
    });
    expect(await tokenOf(second)).toBe(token);
    expect(second.logs()).toContain('already runs');
    expect(processesMentioning(path.join(runDir, 'openvscode-server.token'))).toHaveLength(1);
  });

  it('stops openvscode-server when the server that started it stops', async () => {
    const pid = Number(fs.readFileSync(path.join(runDir, 'openvscode-server.pid'), 'utf8'));
    await second?.stop();
    second = undefined;
    expect(processesMentioning(path.join(runDir, 'openvscode-server.token'))).toEqual([pid]);
    await first.stop();
    await waitUntil('openvscode-server to exit', () => processesMentioning(path.join(runDir, 'openvscode-server.token')).length === 0);
  });
});

describe('vscode token without VS Code', () => {
  it('is null without the vscode plugin, and null when the executable is missing', async () => {
    const bundle = await buildServerBundle();
    const emptyRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-tui-no-vscode-'));
    const withoutPlugin = await startServer({bundle, plugins: ['agent_skills'], env: {OPENVSCODE_SERVER_ROOT: STAND_IN_ROOT}});
    const withoutBinary = await startServer({bundle, plugins: ['vscode'], env: {OPENVSCODE_SERVER_ROOT: emptyRoot}});
    try {
      expect(await tokenOf(withoutPlugin)).toBeNull();
      expect(await tokenOf(withoutBinary)).toBeNull();
      expect(withoutBinary.logs()).toContain('no executable');
    } finally {
      await withoutPlugin.stop();
      await withoutBinary.stop();
      fs.rmSync(emptyRoot, {recursive: true, force: true});
    }
  });
});
