import fs from 'node:fs';
import http from 'node:http';
import net, {type AddressInfo} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {Writable} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {type WebSocket, WebSocketServer} from 'ws';
import {reportError} from '../../source/cli/report-error.js';
import {cmdRunAction} from '../../source/events/actions.js';
import {exitCodeOf} from '../../source/events/observations.js';
import {encodeOutputFrame, STREAM_PATH} from '../../source/events/stream-protocol.js';
import {RuntimeClient} from '../../source/runtime/client.js';
import {httpRequest} from '../../source/runtime/http.js';
import type {LiveEvent} from '../../source/runtime/live-connection.js';
import {RuntimeProtocolError, RuntimeRequestError} from '../../source/runtime/runtime-errors.js';
import {isUserError} from '../../source/lib/errors.js';

/**
 * A small server speaking the action-server protocol on a real socket (HTTP, and /stream with
 * binary output frames), so the client's headers, bodies, timeouts, multiplexing and fallback are
 * exercised for real. Each command name below scripts one behaviour.
 */
interface Seen {
  method: string;
  url: string;
  key: string | undefined;
  body: string;
}

type StreamRequest = {type: string; action?: {args: {command: string}}; request_id?: number};

const runObservation = (command: string, content: string, exitCode: number) => ({
  message: `Command \`${command}\` executed with exit code ${exitCode}.`,
  observation: 'run',
  content,
  extras: {command_id: -1, command, exit_code: exitCode, hidden: false, interpreter_details: ''},
});

function startServer(options: {stream: boolean}) {
  const seen: Seen[] = [];
  const seenStream: StreamRequest[] = [];
  let upgrades = 0;
  let seq = 0;
  const sockets = new Set<WebSocket>();
  // An HTTP `hang-until-interrupted` action waits for a `ctrl+c` action.
  let releaseHang: (() => void) | undefined;
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
        const command = action.args.command;
        if (command === 'hang') return; // never answers
        if (command === 'crash') return json(500, {detail: 'Traceback: boom'});
        if (command === 'garbage') return response.writeHead(200).end('<html>a proxy page</html>');
        if (command === 'not-an-observation') return json(200, {status: 'ok'});
        if (command === 'hang-until-interrupted') {
          releaseHang = () => json(200, runObservation(command, 'waited\n\n[SIGINT was sent to interrupt the command.]', 130));
          return;
        }
        if (command === 'ctrl+c') {
          releaseHang?.();
          releaseHang = undefined;
          return json(200, runObservation(command, '', 130));
        }
        return json(200, runObservation(command, `ran ${command}`, 0));
      }
      json(404, {detail: 'Not Found'});
    });
  });
  if (options.stream) {
    const wss = new WebSocketServer({noServer: true});
    const pairs: Array<{ws: WebSocket; id: number; seq: number; command: string}> = [];
    server.on('upgrade', (request, socket, head) => {
      if (request.url !== STREAM_PATH) return socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      if (request.headers['x-session-api-key'] !== 'secret') return socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      upgrades++;
      wss.handleUpgrade(request, socket, head, (ws) => {
        sockets.add(ws);
        ws.on('close', () => sockets.delete(ws));
        const waitingForInterrupt = new Map<number, number>();
        ws.on('message', (data) => {
          const message = JSON.parse(data.toString()) as StreamRequest;
          seenStream.push(message);
          if (message.type === 'interrupt') {
            const actionSeq = waitingForInterrupt.get(message.request_id!);
            if (actionSeq === undefined) return;
            ws.send(encodeOutputFrame(actionSeq, Buffer.from('^C\n')));
            ws.send(
              JSON.stringify({
                type: 'observation',
                seq: actionSeq,
                request_id: message.request_id,
                observation: runObservation('sleep', '^C', 130),
              }),
            );
            return;
          }
          const id = message.request_id!;
          const command = message.action!.args.command;
          const mine = ++seq;
          const started = () => ws.send(JSON.stringify({type: 'started', seq: mine, request_id: id, action: message.action}));
          const output = (text: string | Buffer) => ws.send(encodeOutputFrame(mine, Buffer.from(text)));
          const finish = (content: string, exitCode: number) =>
            ws.send(
              JSON.stringify({type: 'observation', seq: mine, request_id: id, observation: runObservation(command, content, exitCode)}),
            );
          switch (command) {
            case 'drop':
              return ws.terminate();
            case 'bad':
              return ws.send(JSON.stringify({type: 'error', detail: 'action.args.command must be a string', request_id: id}));
            case 'broken-frame':
              started();
              return ws.send(Buffer.from([1, 0]));
            case 'sleep':
              started();
              output('sleeping\n');
              waitingForInterrupt.set(id, mine);
              return;
            case 'queued':
              // Starts late, as behind another action: an interrupt must wait for `started`.
              waitingForInterrupt.set(id, mine);
              setTimeout(started, 150);
              return;
            case 'utf8': {
              started();
              const bytes = Buffer.from('grüße ✓\n');
              for (let at = 0; at < bytes.length; at += 3) output(bytes.subarray(at, at + 3));
              return finish('grüße ✓', 0);
            }
            case 'slow':
              started();
              output('a');
              ws.send(JSON.stringify({type: 'output_dropped', seq: mine, bytes: 4096}));
              output('z');
              return finish('az', 0);
            case 'pair-a':
            case 'pair-b':
              started();
              pairs.push({ws, id, seq: mine, command});
              if (pairs.length === 2) {
                const [a, b] = pairs.splice(0) as [(typeof pairs)[0], (typeof pairs)[0]];
                for (const [who, text] of [
                  [a, 'a1 '],
                  [b, 'b1 '],
                  [a, 'a2'],
                  [b, 'b2'],
                ] as const)
                  who.ws.send(encodeOutputFrame(who.seq, Buffer.from(text)));
                for (const who of [b, a])
                  who.ws.send(
                    JSON.stringify({
                      type: 'observation',
                      seq: who.seq,
                      request_id: who.id,
                      observation: runObservation(who.command, who.command, 0),
                    }),
                  );
              }
              return;
            default:
              started();
              output('line 1\n');
              // Another client's action finishing: not ours, must be ignored (but subscribers hear it).
              ws.send(JSON.stringify({type: 'started', seq: 999, action: {action: 'run', args: {command: 'other'}}, cause: 5}));
              ws.send(encodeOutputFrame(999, Buffer.from('not yours')));
              ws.send(JSON.stringify({type: 'observation', seq: 999, cause: 5, observation: runObservation('other', 'x', 9)}));
              output('line 2\n');
              return finish('line 1\nline 2', 3);
          }
        });
      });
    });
  }
  return {
    server,
    seen,
    seenStream,
    upgrades: () => upgrades,
    dropClients: () => {
      for (const ws of sockets) ws.terminate();
    },
  };
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('RuntimeClient over HTTP', () => {
  const {server, seen} = startServer({stream: true});
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
    expect(observation).toEqual(runObservation('ls', 'ran ls', 0));
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
    await expect(client.runStreaming(cmdRunAction('ls'), () => {})).rejects.toMatchObject({kind: 'unreachable'});
  });
});

describe('user mistakes and bugs stay apart', () => {
  const {server} = startServer({stream: true});
  let apiUrl = '';
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-tui-report-'));
  beforeAll(async () => {
    apiUrl = await listen(server);
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
    fs.rmSync(scratch, {recursive: true, force: true});
  });

  function report(error: unknown): {code: number; stderr: string; log: string} {
    let stderr = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        stderr += chunk;
        done();
      },
    });
    const logPath = path.join(scratch, `debug-${Math.random()}.log`);
    const code = reportError(error, sink, logPath);
    return {code, stderr, log: fs.existsSync(logPath) ? fs.readFileSync(logPath, 'utf8') : ''};
  }

  it('a server answer that is not our protocol is a bug: exit 70, the stack in the debug log', async () => {
    const client = new RuntimeClient({apiUrl, apiKey: 'secret', defaultActionTimeout: 120});
    for (const command of ['garbage', 'not-an-observation']) {
      const error = await client.executeAction(cmdRunAction(command, {timeout: 10})).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(RuntimeProtocolError);
      expect(isUserError(error)).toBe(false);
      expect(error).toMatchObject({
        kind: 'protocol',
        message: expect.stringContaining('answered execute_action with something that is not an observation'),
      });
      const {code, stderr, log} = report(error);
      expect(code).toBe(70);
      expect(stderr).toContain('oh-tui: internal error: Runtime at');
      expect(log).toMatch(/RuntimeProtocolError: Runtime at .*\n\s+at /);
    }
    const broken = await client.runStreaming(cmdRunAction('broken-frame'), () => {}).catch((caught: unknown) => caught);
    expect(broken).toBeInstanceOf(RuntimeProtocolError);
    expect((broken as Error).message).toContain('an output frame of 2 bytes, shorter than its header');
    client.dispose();
  });

  it('an unreachable, slow or refusing runtime is a user-facing error: its exit code, a message, no stack', async () => {
    const closed = http.createServer();
    const url = await listen(closed);
    closed.close();
    const client = new RuntimeClient({apiUrl: url, apiKey: undefined, defaultActionTimeout: 1});
    const error = await client.serverInfo().catch((caught: unknown) => caught);
    expect(isUserError(error)).toBe(true);
    const {code, stderr, log} = report(error);
    expect(code).toBe(1);
    expect(stderr).toBe(`oh-tui: Runtime at ${url} is unreachable (ECONNREFUSED)\n`);
    expect(log).toBe('');
    const refused = await new RuntimeClient({apiUrl, apiKey: 'secret', defaultActionTimeout: 120})
      .runStreaming(cmdRunAction('bad'), () => {})
      .catch((caught: unknown) => caught);
    expect(refused).toMatchObject({kind: 'refused', message: 'Runtime refused the run: action.args.command must be a string'});
    expect(report(refused)).toMatchObject({code: 1, log: ''});
  });
});

describe('RuntimeClient over the live stream', () => {
  const {server, seenStream, upgrades, dropClients} = startServer({stream: true});
  let apiUrl = '';
  let client: RuntimeClient;
  beforeAll(async () => {
    apiUrl = await listen(server);
    client = new RuntimeClient({apiUrl, apiKey: 'secret', defaultActionTimeout: 120});
  });
  afterAll(() => {
    client.dispose();
    server.closeAllConnections();
    server.close();
  });

  it('streams output chunks of its own action only, then resolves with its observation', async () => {
    const chunks: string[] = [];
    const observation = await client.runStreaming(cmdRunAction('make', {timeout: 10}), (chunk) => chunks.push(chunk));
    expect(chunks).toEqual(['line 1\n', 'line 2\n']);
    expect(exitCodeOf(observation)).toBe(3);
    const sent = seenStream.at(-1)!;
    expect(sent).toMatchObject({type: 'execute', action: {action: 'run', args: {command: 'make'}}});
    expect(typeof sent.request_id).toBe('number');
  });

  it('uses one WebSocket for every request, concurrent ones included, and sorts their output by request', async () => {
    const before = upgrades();
    const a: string[] = [];
    const b: string[] = [];
    const [first, second] = await Promise.all([
      client.runStreaming(cmdRunAction('pair-a'), (chunk) => a.push(chunk)),
      client.runStreaming(cmdRunAction('pair-b'), (chunk) => b.push(chunk)),
    ]);
    expect([first.content, second.content]).toEqual(['pair-a', 'pair-b']);
    expect(a.join('')).toBe('a1 a2');
    expect(b.join('')).toBe('b1 b2');
    await client.runStreaming(cmdRunAction('make'), () => {});
    expect(upgrades()).toBe(before);
  });

  it('decodes UTF-8 characters split across frames', async () => {
    const chunks: string[] = [];
    await client.runStreaming(cmdRunAction('utf8'), (chunk) => chunks.push(chunk));
    expect(chunks.join('')).toBe('grüße ✓\n');
    expect(chunks.every((chunk) => !chunk.includes('\uFFFD'))).toBe(true);
  });

  it('sends an interrupt for its own request, and still returns the observation', async () => {
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
    expect(chunks).toEqual(['sleeping\n', '^C\n']);
    const execute = seenStream.findLast((message) => message.type === 'execute')!;
    expect(seenStream.at(-1)).toEqual({type: 'interrupt', request_id: execute.request_id});
  });

  it('holds an interrupt for a request the server has not started yet, and sends it when it starts', async () => {
    const interrupt = new AbortController();
    interrupt.abort();
    const pending = client.runStreaming(cmdRunAction('queued'), () => {}, {interrupt: interrupt.signal});
    expect(exitCodeOf(await pending)).toBe(130);
    expect(seenStream.at(-1)).toMatchObject({type: 'interrupt'});
  });

  it('tells of output the server dropped for a slow reader', async () => {
    const chunks: string[] = [];
    await client.runStreaming(cmdRunAction('slow'), (chunk) => chunks.push(chunk));
    expect(chunks).toEqual(['a', '\n[oh-tui: 4096 bytes of output were dropped: the client read too slowly]\n', 'z']);
  });

  it('fails a request whose stream drops, and opens a new connection for the next one', async () => {
    const before = upgrades();
    await expect(client.runStreaming(cmdRunAction('drop', {timeout: 10}), () => {})).rejects.toMatchObject({
      kind: 'unreachable',
      message: expect.stringMatching(/closed the stream before the run finished/),
    });
    const observation = await client.runStreaming(cmdRunAction('make'), () => {});
    expect(exitCodeOf(observation)).toBe(3);
    expect(upgrades()).toBe(before + 1);
  });

  it('fails a request that outlives its timeout without closing the connection', async () => {
    const quick = new RuntimeClient({apiUrl, apiKey: 'secret', defaultActionTimeout: 120, graceMs: 200});
    const before = upgrades();
    await expect(quick.runStreaming(cmdRunAction('sleep', {timeout: 0}), () => {})).rejects.toThrow(
      'Runtime failed to return run before the requested timeout of 0s',
    );
    expect(exitCodeOf(await quick.runStreaming(cmdRunAction('make'), () => {}))).toBe(3);
    expect(upgrades()).toBe(before + 1);
    quick.dispose();
  });

  it('refuses a wrong key with a clear message', async () => {
    const wrongKey = new RuntimeClient({apiUrl, apiKey: 'nope', defaultActionTimeout: 120});
    await expect(wrongKey.runStreaming(cmdRunAction('ls', {timeout: 10}), () => {})).rejects.toThrow(
      'refused the stream: the session key was refused',
    );
  });

  it('lets a subscriber hear every action, also those others started, and reconnects it after a drop', async () => {
    const watcher = new RuntimeClient({apiUrl, apiKey: 'secret', defaultActionTimeout: 120});
    const events: LiveEvent[] = [];
    const unsubscribe = watcher.subscribe((event) => events.push(event));
    try {
      await watcher.runStreaming(cmdRunAction('make'), () => {});
      const other = events.filter((event) => 'seq' in event && event.seq === 999);
      expect(other.map((event) => event.type)).toEqual(['started', 'output', 'observation']);
      expect(other[0]).toMatchObject({action: {args: {command: 'other'}}, cause: 5});
      expect(other[0]).not.toHaveProperty('requestId');
      expect(events.find((event) => event.type === 'started' && event.requestId !== undefined)).toMatchObject({
        action: {args: {command: 'make'}},
      });
      const before = upgrades();
      dropClients();
      await waitFor(() => events.some((event) => event.type === 'closed'));
      await waitFor(() => upgrades() > before, 5000);
    } finally {
      unsubscribe();
      watcher.dispose();
    }
  });
});

describe('RuntimeClient against a server without the stream endpoint (OpenHands 0.15)', () => {
  const {server, seen} = startServer({stream: false});
  let apiUrl = '';
  beforeAll(async () => {
    apiUrl = await listen(server);
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('falls back to /execute_action and hands the whole output over as one chunk', async () => {
    const client = new RuntimeClient({apiUrl, apiKey: 'secret', defaultActionTimeout: 120});
    const chunks: string[] = [];
    const observation = await client.runStreaming(cmdRunAction('ls', {timeout: 10}), (chunk) => chunks.push(chunk));
    expect(chunks).toEqual(['ran ls']);
    expect(exitCodeOf(observation)).toBe(0);
    const subscriber: LiveEvent[] = [];
    client.subscribe((event) => subscriber.push(event));
    await client.runStreaming(cmdRunAction('ls', {timeout: 10}), () => {});
    expect(subscriber).toEqual([]);
    client.dispose();
  });

  it('interrupts with a concurrent `ctrl+c` run action, as 0.15 takes it', async () => {
    const client = new RuntimeClient({apiUrl, apiKey: 'secret', defaultActionTimeout: 120});
    const interrupt = new AbortController();
    const pending = client.runStreaming(cmdRunAction('hang-until-interrupted', {timeout: 60}), () => {}, {interrupt: interrupt.signal});
    await waitFor(() => seen.some((entry) => entry.body.includes('hang-until-interrupted')));
    interrupt.abort();
    const observation = await pending;
    expect(exitCodeOf(observation)).toBe(130);
    const sent = JSON.parse(seen.findLast((entry) => entry.url === '/execute_action')!.body) as {action: {args: {command: string}}};
    expect(sent.action.args.command).toBe('ctrl+c');
    client.dispose();
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

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
