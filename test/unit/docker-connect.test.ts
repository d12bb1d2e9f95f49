import {mkdtempSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {connectDocker} from '../../source/docker/connect.js';
import {UserError} from '../../source/lib/errors.js';

/** Resolves with the settled outcome, or rejects when the promise has not settled by then. */
function settleWithin<T>(promise: Promise<T>, ms: number): Promise<{ok: true; value: T} | {ok: false; error: unknown}> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve({ok: true, value});
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ok: false, error});
      },
    );
  });
}

const servers: net.Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
});

describe('connectDocker failures', () => {
  const home = mkdtempSync(path.join(tmpdir(), 'oh-tui-connect-'));

  it('names a missing DOCKER_HOST socket and gives a hint, fast', async () => {
    const outcome = await settleWithin(connectDocker({DOCKER_HOST: 'unix:///nonexistent.sock', HOME: home}), 2000);
    expect(outcome.ok).toBe(false);
    const error = (outcome as {error: unknown}).error as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toContain('DOCKER_HOST unix:///nonexistent.sock: no such socket');
    expect(error.hint).toMatch(/Start Docker.*DOCKER_HOST/);
  });

  it('gives up on a socket that accepts and never answers within 2 s', async () => {
    const socketPath = path.join(mkdtempSync(path.join(tmpdir(), 'oh-tui-mute-')), 'mute.sock');
    const accepted: net.Socket[] = [];
    const server = net.createServer((socket) => accepted.push(socket));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));

    const started = Date.now();
    const outcome = await settleWithin(connectDocker({DOCKER_HOST: `unix://${socketPath}`, HOME: home}), 2000);
    expect(outcome.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(accepted.length).toBeGreaterThan(0);
    const message = ((outcome as {error: unknown}).error as Error).message;
    expect(message).toContain(`DOCKER_HOST unix://${socketPath}: no answer within 1.5 s`);
  });

  it('says what it looked at when the selected context has no endpoint', async () => {
    const configDir = path.join(home, 'no-contexts');
    const outcome = await settleWithin(connectDocker({HOME: home, DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'colima'}), 2000);
    expect(outcome.ok).toBe(false);
    expect(((outcome as {error: unknown}).error as Error).message).toMatch(
      /Tried:\n {2}- context "colima": no metadata at .*no-contexts\/contexts\/meta\/[0-9a-f]{64}\/meta\.json/,
    );
  });

  it('reports an unusable address with the others', async () => {
    const outcome = await settleWithin(connectDocker({DOCKER_HOST: 'ftp://engine', HOME: home}), 2000);
    expect(((outcome as {error: unknown}).error as Error).message).toContain(
      'DOCKER_HOST ftp://engine: ftp://engine: unsupported scheme ftp:',
    );
  });
});
