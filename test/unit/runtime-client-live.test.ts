// The runtime client against our real action server (the bundle, as a local process): over the
// live stream, and through a proxy that refuses the WebSocket upgrade, as a server OpenHands made would.
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {cmdRunAction} from '../../source/events/actions.js';
import {exitCodeOf} from '../../source/events/observations.js';
import {RuntimeClient} from '../../source/runtime/client.js';
import {clientActionRunner} from '../../source/runtime/client-agent-runtime.js';
import {Interrupter} from '../../source/runtime/interrupter.js';
import type {LiveEvent} from '../../source/runtime/live-connection.js';
import {buildServerBundle, type ServerHandle, startServer, waitUntil} from '../helpers/server-harness.js';

let server: ServerHandle;
let proxy: http.Server;
let proxyUrl = '';
let upgrades = 0;

beforeAll(async () => {
  server = await startServer({bundle: await buildServerBundle(), softTimeoutSeconds: 1});
  proxy = http.createServer((request, response) => {
    const upstream = http.request(`${server.baseUrl}${request.url}`, {method: request.method, headers: request.headers}, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  proxy.on('upgrade', (_request, socket) => {
    upgrades++;
    socket.end('HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  proxy?.closeAllConnections();
  proxy?.close();
  await server?.stop();
});

const clientOf = (apiUrl: string) => new RuntimeClient({apiUrl, apiKey: server.apiKey, defaultActionTimeout: 60});

describe('RuntimeClient with our action server', () => {
  it('streams a command’s output live, and returns its observation', async () => {
    const client = clientOf(server.baseUrl);
    try {
      let text = '';
      let firstAt = 0;
      const observation = await client.runStreaming(cmdRunAction('echo first; sleep 1; echo second', {timeout: 30}), (chunk) => {
        text += chunk;
        firstAt ||= Date.now();
      });
      expect(Date.now() - firstAt).toBeGreaterThan(500);
      expect(text).toBe('first\nsecond\n');
      expect(observation).toMatchObject({observation: 'run', content: 'first\nsecond'});
      expect(exitCodeOf(await client.runStreaming(cmdRunAction('(exit 4)', {timeout: 30}), () => {}))).toBe(4);
    } finally {
      client.dispose();
    }
  });

  it('Ctrl+C (the interrupt signal) stops the command: exit 130, at once', async () => {
    const client = clientOf(server.baseUrl);
    try {
      const interrupt = new AbortController();
      const started = Date.now();
      const observation = await client.runStreaming(
        cmdRunAction('echo go; sleep 60', {timeout: 120}),
        (chunk) => {
          if (chunk.includes('go')) interrupt.abort();
        },
        {interrupt: interrupt.signal},
      );
      expect(exitCodeOf(observation)).toBe(130);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      client.dispose();
    }
  });

  it('each press of an interrupter sends SIGINT: a press stops the running command, a later one is harmless', async () => {
    const client = clientOf(server.baseUrl);
    try {
      const interrupter = new Interrupter();
      const started = Date.now();
      const observation = await client.runStreaming(
        cmdRunAction('echo go; sleep 60', {timeout: 120}),
        (chunk) => {
          if (chunk.includes('go')) interrupter.press();
        },
        {interrupter},
      );
      expect(exitCodeOf(observation)).toBe(130);
      expect(Date.now() - started).toBeLessThan(5000);
      interrupter.press();
      expect(exitCodeOf(await client.runStreaming(cmdRunAction('echo after', {timeout: 30}), () => {}))).toBe(0);
    } finally {
      client.dispose();
    }
  });

  it("runs the agent's actions headless: an edit creates a file, a command runs it, an abort interrupts", async () => {
    const client = clientOf(server.baseUrl);
    try {
      let output = '';
      const runner = clientActionRunner(client, {onOutput: (text) => (output += text)});
      const signal = new AbortController().signal;
      const file = `${server.workspace}/agent-hello.sh`;
      const created = await runner.run(
        {source: 'agent', action: 'edit', args: {path: file, command: 'create', file_text: 'echo hello from the agent\n'}},
        {signal},
      );
      expect(created).toMatchObject({observation: 'edit', extras: {path: file, prev_exist: false}});
      const ran = await runner.run(cmdRunAction(`bash ${file}`, {timeout: 30, source: 'agent'}), {signal});
      // As 0.15 does for the agent's commands, the command is echoed first.
      expect(ran).toMatchObject({observation: 'run', content: `bash ${file}\nhello from the agent`, extras: {exit_code: 0}});
      expect(output).toBe('hello from the agent\n');
      const abort = new AbortController();
      const stoppable = clientActionRunner(client, {onOutput: (text) => text.includes('started') && abort.abort()});
      const stopped = await stoppable.run(cmdRunAction('echo started; sleep 60', {timeout: 120, source: 'agent'}), {signal: abort.signal});
      expect(exitCodeOf(stopped)).toBe(130);
    } finally {
      client.dispose();
    }
  });

  it('lets a subscriber see actions another client runs over HTTP', async () => {
    const watcher = clientOf(server.baseUrl);
    const other = clientOf(server.baseUrl);
    const events: LiveEvent[] = [];
    const unsubscribe = watcher.subscribe((event) => events.push(event));
    try {
      // The subscription opens the connection in the background; an action needs it open to be seen.
      await waitUntil('the watcher to connect', async () => {
        await other.executeAction(cmdRunAction('true', {timeout: 10}));
        return events.some((event) => event.type === 'observation');
      });
      await other.executeAction(cmdRunAction('echo seen-by-watcher', {timeout: 10}));
      await waitUntil('the observation', () =>
        events.some((event) => event.type === 'observation' && event.observation.content === 'seen-by-watcher'),
      );
      const started = events.findLast((event) => event.type === 'started');
      expect(started).toMatchObject({action: {args: {command: 'echo seen-by-watcher'}}});
      const output = events.filter((event) => event.type === 'output' && started && event.seq === started.seq);
      expect(Buffer.concat(output.map((event) => (event.type === 'output' ? event.bytes : Buffer.alloc(0)))).toString()).toBe(
        'seen-by-watcher\n',
      );
    } finally {
      unsubscribe();
      watcher.dispose();
      other.dispose();
    }
  });
});

describe('RuntimeClient through a proxy without /stream (as a server OpenHands made)', () => {
  it('runs over plain /execute_action and hands the output over at the end', async () => {
    const client = clientOf(proxyUrl);
    try {
      const before = upgrades;
      const chunks: string[] = [];
      const observation = await client.runStreaming(cmdRunAction('echo one; echo two', {timeout: 30}), (chunk) => chunks.push(chunk));
      expect(chunks).toEqual(['one\ntwo']);
      expect(exitCodeOf(observation)).toBe(0);
      await client.runStreaming(cmdRunAction('true', {timeout: 30}), () => {});
      expect(upgrades).toBe(before + 1);
    } finally {
      client.dispose();
    }
  });

  it('Ctrl+C still stops the command, with a concurrent ctrl+c action: exit 130, at once', async () => {
    const client = clientOf(proxyUrl);
    const watcher = clientOf(server.baseUrl);
    const events: LiveEvent[] = [];
    const unsubscribe = watcher.subscribe((event) => events.push(event));
    try {
      await waitUntil('the watcher to connect', async () => {
        await watcher.executeAction(cmdRunAction('true', {timeout: 10}));
        return events.some((event) => event.type === 'observation');
      });
      const interrupt = new AbortController();
      const pending = client.runStreaming(cmdRunAction('echo long-one; sleep 60', {timeout: 120}), () => {}, {interrupt: interrupt.signal});
      // Over HTTP nothing shows until the end: the watcher on the real server sees the command start.
      await waitUntil('the command to run', () =>
        events.some((event) => event.type === 'output' && event.bytes.toString().includes('long-one')),
      );
      const started = Date.now();
      interrupt.abort();
      const observation = await pending;
      expect(Date.now() - started).toBeLessThan(5000);
      expect(exitCodeOf(observation)).toBe(130);
      expect(observation.content).toMatch(/^long-one\n+\[SIGINT was sent to interrupt the command\.\]$/);
    } finally {
      unsubscribe();
      watcher.dispose();
      client.dispose();
    }
  });
});
