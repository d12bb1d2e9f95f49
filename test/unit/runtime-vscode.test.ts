import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import type {Config} from '../../source/config/types.js';
import {spawn} from 'node:child_process';
import {cannotOpenReason, exitCodeWithin, launcherFailure, openLink, unsafeLinkReason} from '../../source/runtime/open-link.js';
import {vscodeHost, vscodeUrl, waitVscode} from '../../source/runtime/vscode.js';
import {defaultConfig} from '../fixtures/config/default-config.js';

function config(sandbox: Partial<Config['sandbox']> = {}): Config {
  const loaded = defaultConfig('/home/me/project', '/home/me');
  return {...loaded, sandbox: {...loaded.sandbox, ...sandbox}};
}

describe('the VS Code link', () => {
  it('is http://<host>:<published port>/?tkn=<token>&folder=<workspace in the sandbox>', () => {
    expect(vscodeUrl({host: 'localhost', port: 32768, token: 'a1-b2_c3', folder: '/workspace'})).toBe(
      'http://localhost:32768/?tkn=a1-b2_c3&folder=/workspace',
    );
  });

  it('escapes what needs escaping and brackets IPv6 hosts', () => {
    expect(vscodeUrl({host: '::1', port: 1, token: 't', folder: '/my work&co'})).toBe('http://[::1]:1/?tkn=t&folder=/my+work%26co');
  });

  it('takes the host from VSCODE_HOST, else [sandbox] vscode_host, else localhost', () => {
    expect(vscodeHost(config({vscode_host: 'devbox'}), {VSCODE_HOST: 'override.example'})).toBe('override.example');
    expect(vscodeHost(config({vscode_host: 'devbox'}), {})).toBe('devbox');
    expect(vscodeHost(config({vscode_host: ''}), {})).toBe('localhost');
  });
});

describe('waitVscode', () => {
  const servers: http.Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });

  it('waits until GET /version answers', async () => {
    let calls = 0;
    const server = http.createServer((request, response) => {
      calls++;
      if (request.url === '/version' && calls >= 3) response.end('deadbeef');
      else response.writeHead(503).end();
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await waitVscode({host: '127.0.0.1', port: (server.address() as AddressInfo).port}, {timeoutMs: 5000});
    expect(calls).toBe(3);
  });

  it('gives up within its bound, naming the URL and the last answer', async () => {
    const server = http.createServer((_request, response) => response.writeHead(502).end());
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    await expect(waitVscode({host: '127.0.0.1', port}, {timeoutMs: 200})).rejects.toThrow(
      new RegExp(`did not answer at http://127.0.0.1:${port}/version within 0.2 s \\(last: HTTP 502\\)`),
    );
  });
});

describe('opening the link', () => {
  it('does not try over SSH or on Linux without a display', () => {
    expect(cannotOpenReason({SSH_CONNECTION: '1 2 3 4', DISPLAY: ':0'}, 'linux')).toBe('this is an SSH session');
    expect(cannotOpenReason({SSH_TTY: '/dev/pts/1'}, 'darwin')).toBe('this is an SSH session');
    expect(cannotOpenReason({}, 'linux')).toMatch(/no display/);
    expect(cannotOpenReason({WAYLAND_DISPLAY: 'wayland-0'}, 'linux')).toBeUndefined();
    expect(cannotOpenReason({}, 'darwin')).toBeUndefined();
  });

  it('opens through the launcher when it can, and reports a failing launcher instead of throwing', async () => {
    const opened: string[] = [];
    expect(await openLink('http://x/', {env: {DISPLAY: ':0'}, platform: 'linux', opener: async (url) => opened.push(url)})).toEqual({
      opened: true,
    });
    expect(opened).toEqual(['http://x/']);
    const failing = await openLink('http://x/', {
      env: {DISPLAY: ':0'},
      platform: 'linux',
      opener: async () => {
        throw new Error('spawn xdg-open ENOENT');
      },
    });
    expect(failing).toEqual({opened: false, reason: 'opening the browser failed: spawn xdg-open ENOENT'});
    expect(await openLink('http://x/', {env: {SSH_TTY: 'x'}, platform: 'linux', opener: async (url) => opened.push(url)})).toEqual({
      opened: false,
      reason: 'this is an SSH session',
    });
    expect(opened).toHaveLength(1);
  });
});

describe('what is handed to the launcher', () => {
  it('only http(s) links without control characters', async () => {
    expect(unsafeLinkReason('http://localhost:4000/?tkn=abc&folder=/workspace')).toBeUndefined();
    expect(unsafeLinkReason('HTTPS://example.com/')).toBeUndefined();
    expect(unsafeLinkReason('file:///etc/passwd')).toBe('only http and https links are opened');
    expect(unsafeLinkReason('--help')).toBe('only http and https links are opened');
    expect(unsafeLinkReason('http://x/\n--flag')).toBe('the link contains control characters');
    const opened: string[] = [];
    const outcome = await openLink('javascript:alert(1)', {
      env: {DISPLAY: ':0'},
      platform: 'linux',
      opener: async (url) => opened.push(url),
    });
    expect(outcome).toEqual({opened: false, reason: 'only http and https links are opened'});
    expect(opened).toEqual([]);
  });

  it("says a launcher's failure in words: xdg-open's 3 means no browser was found", () => {
    expect(launcherFailure('xdg-open', 3)).toBe('no browser was found (xdg-open exited with code 3)');
    expect(launcherFailure('open', 1)).toBe('open exited with code 1');
  });
});

describe('exitCodeWithin (how a failing browser launcher is noticed)', () => {
  it('gives the exit code of a launcher that ends, and undefined for one still running', async () => {
    expect(await exitCodeWithin(spawn('false'), 5000)).toBe(1);
    expect(await exitCodeWithin(spawn('true'), 5000)).toBe(0);
    const running = spawn('sleep', ['5']);
    expect(await exitCodeWithin(running, 150)).toBeUndefined();
    running.kill();
  });
});
