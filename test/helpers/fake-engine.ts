import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface FakeContainer {
  id: string;
  name: string;
  state: 'running' | 'exited' | 'created' | 'paused';
  labels?: Record<string, string>;
}

/**
 * A Docker engine stand-in on a unix socket, for CLI tests that must not depend on (or touch) the
 * machine's engine: ping, list with the `name` regex filter, inspect, stop and remove, on
 * containers held in memory. `calls` records every request as `METHOD /path`.
 */
export class FakeEngine {
  readonly socketPath: string;
  readonly calls: string[] = [];
  containers: FakeContainer[];
  readonly #server: http.Server;

  private constructor(containers: FakeContainer[], socketPath: string) {
    this.containers = containers;
    this.socketPath = socketPath;
    this.#server = http.createServer((request, response) => this.#answer(request, response));
  }

  static async start(containers: FakeContainer[] = []): Promise<FakeEngine> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-tui-engine-'));
    const engine = new FakeEngine(containers, path.join(dir, 'docker.sock'));
    await new Promise<void>((resolve) => engine.#server.listen(engine.socketPath, resolve));
    return engine;
  }

  get dockerHost(): string {
    return `unix://${this.socketPath}`;
  }

  close(): Promise<void> {
    return new Promise((resolve) =>
      this.#server.close(() => {
        fs.rmSync(path.dirname(this.socketPath), {recursive: true, force: true});
        resolve();
      }),
    );
  }

  #answer(request: http.IncomingMessage, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://engine');
    const route = url.pathname.replace(/^\/v[\d.]+/, '');
    this.calls.push(`${request.method} ${route}`);
    const json = (status: number, body: unknown) => {
      response.writeHead(status, {'Content-Type': 'application/json'});
      response.end(JSON.stringify(body));
    };
    const empty = (status: number) => {
      response.writeHead(status);
      response.end();
    };
    if (route === '/_ping') {
      response.end('OK');
      return;
    }
    if (request.method === 'GET' && route === '/containers/json') {
      const filters = JSON.parse(url.searchParams.get('filters') ?? '{}') as {name?: string[]};
      const patterns = (filters.name ?? []).map((pattern) => new RegExp(pattern));
      const listed = this.containers.filter((container) => patterns.every((pattern) => pattern.test(`/${container.name}`)));
      const summaries = listed.map((container) => ({
        Id: container.id,
        Names: [`/${container.name}`],
        State: container.state,
        Labels: container.labels ?? {},
      }));
      json(200, summaries);
      return;
    }
    const match = /^\/containers\/([^/]+)(\/json|\/stop)?$/.exec(route);
    const container = this.containers.find((candidate) => candidate.id === match?.[1] || candidate.name === match?.[1]);
    if (!match || !container) {
      json(404, {message: `No such container: ${match?.[1] ?? route}`});
    } else if (request.method === 'GET' && match[2] === '/json') {
      json(200, {
        Id: container.id,
        Name: `/${container.name}`,
        State: {Status: container.state, Running: container.state === 'running'},
        Config: {Labels: container.labels ?? null, Image: 'oh-tui/runtime:test'},
      });
    } else if (request.method === 'POST' && match[2] === '/stop') {
      const wasRunning = container.state === 'running';
      container.state = 'exited';
      empty(wasRunning ? 204 : 304);
    } else if (request.method === 'DELETE' && match[2] === undefined) {
      this.containers = this.containers.filter((candidate) => candidate !== container);
      empty(204);
    } else {
      json(404, {message: `not faked: ${request.method} ${route}`});
    }
  }
}

/** An engine socket that accepts connections and never answers: a hung Docker daemon. */
export async function startHungEngine(): Promise<{dockerHost: string; close(): Promise<void>}> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oh-tui-hung-'));
  const socketPath = path.join(dir, 'docker.sock');
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    dockerHost: `unix://${socketPath}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => {
          fs.rmSync(dir, {recursive: true, force: true});
          resolve();
        });
      }),
  };
}
