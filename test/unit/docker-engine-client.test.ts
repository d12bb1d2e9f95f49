import {mkdtempSync} from 'node:fs';
import http from 'node:http';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {engineContainerApi} from '../../source/docker/container-api.js';
import {createContainer, engineMessage, findContainerByName, startContainer, statusCode} from '../../source/docker/containers.js';
import {EngineClient, EngineError} from '../../source/docker/engine-client.js';
import {UserError} from '../../source/lib/errors.js';

/** A fake engine on a unix socket, answering as Docker 20.10 does for the calls the runtime makes. */
const requests: Array<{method: string; url: string; body: string}> = [];
const server = http.createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    requests.push({method: request.method!, url: request.url!, body});
    const url = new URL(request.url!, 'http://engine');
    const json = (status: number, value: unknown) =>
      response.writeHead(status, {'Content-Type': 'application/json'}).end(JSON.stringify(value));
    if (url.pathname === '/containers/json') {
      const filters = JSON.parse(url.searchParams.get('filters') ?? '{}') as {name?: string[]};
      const pattern = new RegExp(filters.name?.[0] ?? '.*');
      const all = [
        {Id: 'aaa', Names: ['/openhands-runtime-x']},
        {Id: 'bbb', Names: ['/openhands-runtime-x2']},
      ];
      return json(
        200,
        all.filter((container) => container.Names.some((name) => pattern.test(name))),
      );
    }
    if (url.pathname === '/containers/aaa/json') return json(200, {Id: 'aaa', Name: '/openhands-runtime-x', State: {Status: 'exited'}});
    if (url.pathname === '/containers/create') {
      if (url.searchParams.get('name') === 'taken') return json(409, {message: 'Conflict. The container name "/taken" is already in use'});
      return json(201, {Id: 'new1', Warnings: []});
    }
    if (url.pathname === '/images/oh-tui%2Fruntime%3Aoh_v1_a_b/json' || url.pathname === '/images/oh-tui/runtime:oh_v1_a_b/json')
      return json(200, {Id: 'sha256:1'});
    if (url.pathname === '/containers/running/start') return response.writeHead(304).end();
    if (url.pathname === '/containers/broken/start')
      return json(500, {
        message:
          'driver failed programming external connectivity: Error starting userland proxy: listen tcp4 10.9.9.9:0: bind: cannot assign requested address',
      });
    json(404, {message: 'page not found'});
  });
});
const socketPath = path.join(mkdtempSync(path.join(tmpdir(), 'oh-tui-engine-')), 'engine.sock');
const api = engineContainerApi(new EngineClient({socketPath}));

beforeAll(() => new Promise<void>((resolve) => server.listen(socketPath, resolve)));
afterAll(() => server.close());

describe('the light engine client', () => {
  it('finds a container by its exact name only, sending the filter as the engine expects', async () => {
    const found = await findContainerByName(api, 'openhands-runtime-x');
    expect(found?.Id).toBe('aaa');
    const list = requests.find((request) => request.url.startsWith('/containers/json'))!;
    expect(new URL(list.url, 'http://engine').searchParams.get('filters')).toBe('{"name":["^/openhands-runtime-x$"]}');
    expect(await findContainerByName(api, 'openhands-runtime-y')).toBeUndefined();
  });

  it('creates with the name in the query and the rest as the body; a taken name is a conflict, not an error', async () => {
    expect(await createContainer(api, {name: 'fresh', Image: 'img', Cmd: ['true']})).toEqual({id: 'new1'});
    const create = requests.find((request) => request.url === '/containers/create?name=fresh')!;
    expect(JSON.parse(create.body)).toEqual({Image: 'img', Cmd: ['true']});
    expect(await createContainer(api, {name: 'taken', Image: 'img'})).toEqual({conflict: true});
  });

  it('treats "already started" as done and turns an engine failure into a UserError with its message', async () => {
    await expect(startContainer(api, 'running', 'c')).resolves.toBeUndefined();
    const error = (await startContainer(api, 'broken', 'openhands-runtime-b').catch((caught: unknown) => caught)) as UserError;
    expect(error).toBeInstanceOf(UserError);
    expect(error.message).toBe(
      'Could not start container openhands-runtime-b: driver failed programming external connectivity: Error starting userland proxy: listen tcp4 10.9.9.9:0: bind: cannot assign requested address',
    );
    expect(error.hint).toContain('runtime_binding_address');
  });

  it('tells whether an image exists', async () => {
    expect(await api.imageExists('oh-tui/runtime:oh_v1_a_b')).toBe(true);
    expect(await api.imageExists('oh-tui/runtime:missing')).toBe(false);
  });

  it('carries status code and engine message on errors, like dockerode', async () => {
    const error = await new EngineClient({socketPath}).call('GET', '/nowhere').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(EngineError);
    expect(statusCode(error)).toBe(404);
    expect(engineMessage(error)).toBe('page not found');
  });
});
