import http from 'node:http';
import net, {type AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {WebSocketServer} from 'ws';
import {cmdRunAction} from '../../source/events/actions.js';
import {exitCodeOf} from '../../source/events/observations.js';
import {RuntimeClient, RuntimeRequestError, streamPath} from '../../source/runtime/client.js';
import {httpRequest} from '../../source/runtime/http.js';

/**
 * A small server speaking the action-server protocol on a real socket, so the client's headers,
 * bodies, timeouts and stream handling are exercised over HTTP and WebSocket for real.
 */
interface Seen {
  method: string;
  url: string;
  key: string | undefined;
  body: string;
}

function startServer(options: {stream: boolean}) {
  const seen: Seen[] = [];
  const seenStream: Array<{type: string; request_id?: string}> = [];
  let pendingId: string | undefined;
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const key = request.headers['x-session-api-key'] as string | undefined;
      seen.push({method: request.method!, url: request.url!, key, body});
      const json = (status: number, value: unknown) =>
        response.writeHead(status, {'Content-Type': 'application/json'}).end(JSON.stringify(value));
      if (request.url === '/alive') return json(200, {status: 'ok'});
      if (key !== 'secret') return json(403, {detail: 'Invalid API Key'});
      if (request.url === '/vscode/connection_token') return json(200, {token: 'tok-1'});
      if (request.url === '/list_files') return json(200, ['src/', 'README.md']);
      if (request.url === '/server_info') return json(200, {uptime: 1, idle_time: 1});
      if (request.url === '/execute_action') {
        const {action} = JSON.parse(body) as {action: {args: {command: string}}};
        if (action.args.command === 'hang') return; // never answers
        if (action.args.command === 'crash') return json(500, {detail: 'Traceback: boom'});
        return json(200, {observation: 'run', content: `ran ${action.args.command}`, extras: {exit_code: 0, command: action.args.command}});
      }
      json(404, {detail: 'Not Found'});
    });
  });
  if (options.stream) {
    // As our action server's /stream: output goes to every client, observations carry request_id.
    const wss = new WebSocketServer({noServer: true});
    server.on('upgrade', (request, socket, head) => {
      if (request.url !== streamPath) return socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      if (request.headers['x-session-api-key'] !== 'secret') return socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      wss.handleUpgrade(request, socket, head, (ws) => {
        ws.on('message', (data) => {
          const message = JSON.parse(data.toString()) as {type: string; action?: {args: {command: string}}; request_id?: string};
          seenStream.push(message);
          if (message.type === 'interrupt') {
            ws.send(JSON.stringify({type: 'output', data: '^C\r\n'}));
            ws.send(
              JSON.stringify({
                type: 'observation',
                request_id: pendingId,
                observation: {observation: 'run', content: '^C', extras: {exit_code: 130}},
              }),
            );
            return;
          }
          const command = message.action!.args.command;
          if (command === 'drop') return ws.terminate();
          if (command === 'bad')
            return ws.send(JSON.stringify({type: 'error', detail: 'Invalid action type', request_id: message.request_id}));
          if (command === 'sleep') {
            pendingId = message.request_id;
            ws.send(JSON.stringify({type: 'output', data: 'sleeping\r\n'}));
            return;
          }
          ws.send(JSON.stringify({type: 'output', data: 'line 1\r\n'}));
          // Another client's action finishing: not ours, must be ignored.
          ws.send(
            JSON.stringify({
              type: 'observation',
              request_id: 'someone-else',
              observation: {observation: 'run', content: 'x', extras: {exit_code: 9}},
            }),
          );
          ws.send(JSON.stringify({type: 'output', data: 'line 2\r\n'}));
          ws.send(
            JSON.stringify({
              type: 'observation',
              request_id: message.request_id,
              observation: {observation: 'run', content: 'line 1\r\nline 2', extras: {exit_code: 3, command}},
            }),
          );
        });
      });
    });
  }
  return {server, seen, seenStream};
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('RuntimeClient over HTTP', () => {
  const {server, seen, seenStream} = startServer({stream: true});
  let apiUrl = '';
  beforeAll(async () => {
    apiUrl = await listen(server);
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('sends the session key and the action wrapped as {"action": ...}', async () => {
    const client = new RuntimeClient({apiUrl, apiKey: 'secret', defaultActionTimeout: 120});
    const observation = await client.executeAction(cmdRunAction('ls', {timeout: 10}));
    expect(observation).toEqual({observation: 'run', content: 'ran ls', extras: {exit_code: 0, command: 'ls'}});
    const request = seen.find((entry) => entry.url === '/execute_action')!;
    expect(request.key).toBe('secret');
    expect(JSON.parse(request.body)).toEqual({
      action: expect.objectContaining({action: 'run', args: expect.objectContaining({command: 'ls'})}),
    });
  });

  it('reads alive, server info, files and the VS Code token', async () => {
    const client = new RuntimeClient({apiUrl: `${apiUrl}/`, apiKey: 'secret', defaultActionTimeout: 120});
    expect(await client.alive()).toBe(true);
    expect(await client.serverInfo()).toEqual({uptime: 1, idle_time: 1});
    expect(await client.listFiles('src')).toEqual(['src/', 'README.md']);
    expect(JSON.parse(seen.at(-1)!.body)).toEqual({path: 'src'});
    expect(await client.vscodeToken()).toBe('tok-1');
  });

  it("reports a refused key and a server error with the server's detail", async () => {
    const wrongKey = new RuntimeClient({apiUrl, apiKey: 'wrong', defaultActionTimeout: 120});
    await expect(wrongKey.vscodeToken()).rejects.toThrow('Runtime answered GET /vscode/connection_token with HTTP 403: Invalid API Key');
    const client = new RuntimeClient({apiUrl, apiKey: 'secret', defaultActionTimeout: 120});
    const error = await client.executeAction(cmdRunAction('crash', {timeout: 10})).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RuntimeRequestError);
    expect(error).toMatchObject({kind: 'http', status: 500, message: expect.stringContaining('Traceback: boom')});
  });

  it('bounds an action by its timeout plus the grace, unlike 0.15.0', async () => {
    const client = new RuntimeClient({apiUrl, apiKey: 'secret', defaultActionTimeout: 120, graceMs: 300});
    const started = Date.now();
    await expect(client.executeAction(cmdRunAction('hang', {timeout: 0}))).rejects.toThrow(
      'Runtime failed to return execute_action before the requested timeout of 0s',
    );
    expect(Date.now() - started).toBeLessThan(3000);
    expect(client.actionTimeoutMs(cmdRunAction('x'))).toBe(120_300);
  });

  it('says the runtime is unreachable when nothing listens', async () => {
    const closed = http.createServer();
    const url = await listen(closed);
    closed.close();
    const client = new RuntimeClient({apiUrl: url, apiKey: undefined, defaultActionTimeout: 1});
    expect(await client.alive(500)).toBe(false);
    await expect(client.serverInfo()).rejects.toThrow(new RegExp(`Runtime at ${url} is unreachable \\(ECONNREFUSED\\)`));
  });

  it('streams output chunks, then resolves with its own observation', async () => {
    const client = new RuntimeClient({apiUrl, apiKey: 'secret', defaultActionTimeout: 120});
    const chunks: string[] = [];
    const observation = await client.runStreaming(cmdRunAction('make', {timeout: 10}), (chunk) => chunks.push(chunk));
    expect(chunks).toEqual(['line 1\r\n', 'line 2\r\n']);
    expect(exitCodeOf(observation)).toBe(3);
    const sent = seenStream.at(-1)!;
    expect(sent).toMatchObject({type: 'execute', action: {action: 'run', args: {command: 'make'}}});
    expect(sent.request_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends an interrupt when asked, and still returns the observation', async () => {
    const client = new RuntimeClient({apiUrl, apiKey: 'secret', defaultActionTimeout: 120});
    const interrupt = new AbortController();
    const chunks: string[] = [];
    const pending = client.runStreaming(
      cmdRunAction('sleep', {timeout: 10}),
      (chunk) => {
        chunks.push(chunk);
        if (chunk.startsWith('sleeping')) interrupt.abort();
      },
      {interrupt: interrupt.signal},
    );
    expect(exitCodeOf(await pending)).toBe(130);
    expect(chunks).toEqual(['sleeping\r\n', '^C\r\n']);
    expect(seenStream.at(-1)).toEqual({type: 'interrupt'});
  });

  it('fails a stream that closes early, is refused, or rejects the action', async () => {
    const client = new RuntimeClient({apiUrl, apiKey: 'secret', defaultActionTimeout: 120});
    await expect(client.runStreaming(cmdRunAction('drop', {timeout: 10}), () => {})).rejects.toThrow(
      /closed the stream before the run finished/,
    );
    await expect(client.runStreaming(cmdRunAction('bad', {timeout: 10}), () => {})).rejects.toThrow(
      'Runtime refused the run: Invalid action type',
    );
    const wrongKey = new RuntimeClient({apiUrl, apiKey: 'nope', defaultActionTimeout: 120});
    await expect(wrongKey.runStreaming(cmdRunAction('ls', {timeout: 10}), () => {})).rejects.toThrow(
      'refused the stream: the session key was refused',
    );
  });
});

describe('RuntimeClient against a server without the stream endpoint (OpenHands 0.15)', () => {
  const {server} = startServer({stream: false});
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('falls back to /execute_action and hands the whole output over as one chunk', async () => {
    const client = new RuntimeClient({apiUrl: await listen(server), apiKey: 'secret', defaultActionTimeout: 120});
    const chunks: string[] = [];
    const observation = await client.runStreaming(cmdRunAction('ls', {timeout: 10}), (chunk) => chunks.push(chunk));
    expect(chunks).toEqual(['ran ls']);
    expect(exitCodeOf(observation)).toBe(0);
  });
});

describe('httpRequest', () => {
  it('fails at once when a port proxy accepts and drops the connection (docker-proxy before the server listens)', async () => {
    const dropper = net.createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => dropper.listen(0, '127.0.0.1', resolve));
    const started = Date.now();
    await expect(
      httpRequest({url: `http://127.0.0.1:${(dropper.address() as AddressInfo).port}/alive`, timeoutMs: 5000}),
    ).rejects.toMatchObject({
      code: 'ECONNRESET',
    });
    expect(Date.now() - started).toBeLessThan(1000);
    dropper.close();
  });

  it('destroys a request that gets no answer within its bound', async () => {
    const mute = net.createServer(() => {});
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    await expect(httpRequest({url: `http://127.0.0.1:${(mute.address() as AddressInfo).port}/`, timeoutMs: 200})).rejects.toThrow(
      'no answer within 0.2 s',
    );
    mute.close();
  });
});
