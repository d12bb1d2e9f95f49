// The HTTP layer on its own (in-process, with a stub executor): failures become JSON, the server stays up.
import type {AddressInfo} from 'node:net';
import type http from 'node:http';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {ActionExecutor} from '../../source/server/executor.js';
import {HttpError} from '../../source/server/http/http-error.js';
import {attachment, createHttpServer} from '../../source/server/http/router.js';
import {ServerInfo} from '../../source/server/server-info.js';
import {LiveHub} from '../../source/server/stream/live-hub.js';

describe('HTTP router', () => {
  let server: http.Server;
  let base: string;
  const logs: string[] = [];
  let nextFailure: Error = new Error('boom');

  beforeAll(async () => {
    const executor = {
      execute: async () => {
        throw nextFailure;
      },
    } as unknown as ActionExecutor;
    const hub = new LiveHub({execute: async () => undefined, interrupt: () => undefined, type: () => undefined, log: (m) => logs.push(m)});
    server = createHttpServer({
      apiKey: 'key',
      executor,
      serverInfo: new ServerInfo(),
      workingDir: '/tmp',
      owner: undefined,
      vscodeToken: () => null,
      hub,
      log: (message) => logs.push(message),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (body: unknown) =>
    fetch(`${base}/execute_action`, {method: 'POST', headers: {'X-Session-API-Key': 'key'}, body: JSON.stringify(body)});

  it('turns an exception in a handler into 500 with a JSON detail, logs it, and keeps serving', async () => {
    nextFailure = new Error('boom');
    const failed = await post({action: {action: 'run', args: {command: 'x'}}});
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({detail: 'Internal server error: boom'});
    expect(logs.some((line) => line.includes('POST /execute_action failed') && line.includes('boom'))).toBe(true);
    const alive = await fetch(`${base}/alive`);
    expect(await alive.json()).toEqual({status: 'ok'});
  });

  it('answers an HttpError with its own status and detail', async () => {
    nextFailure = new HttpError(409, 'busy');
    const failed = await post({});
    expect(failed.status).toBe(409);
    expect(await failed.json()).toEqual({detail: 'busy'});
  });

  it('formats Content-Disposition for ASCII and non-ASCII names', () => {
    expect(attachment('/workspace.zip')).toBe('attachment; filename="/workspace.zip"');
    expect(attachment('/tmp/é "q".zip')).toBe("attachment; filename*=UTF-8''%2Ftmp%2F%C3%A9%20%22q%22.zip");
  });
});
