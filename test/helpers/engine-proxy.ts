import {mkdtempSync, rmSync} from 'node:fs';
import net from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/**
 * A Docker engine the test can take away: a unix socket that passes bytes to the machine's engine
 * socket, for the app's DOCKER_HOST. `cut` closes it and every connection through it (an engine
 * that stopped, as far as the app can see) without touching the real engine other tests use;
 * `restore` listens again at the same path. `holdRequests` holds the requests whose bytes match a
 * pattern (the container create, say) until `release`, so a test can act at exactly that step.
 */
export class EngineProxy {
  readonly #directory = mkdtempSync(join(tmpdir(), 'oh-tui-engine-'));
  readonly path = join(this.#directory, 'docker.sock');
  readonly #connections = new Set<net.Socket>();
  #server: net.Server | undefined;
  #hold: {pattern: RegExp; held: (() => void)[]; onHeld: (() => void)[]} | undefined;

  constructor(private readonly target = '/var/run/docker.sock') {}

  get dockerHost(): string {
    return `unix://${this.path}`;
  }

  async start(): Promise<this> {
    const server = net.createServer((client) => this.#pipe(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.path, () => resolve());
    });
    this.#server = server;
    return this;
  }

  /** The engine goes away: no new connection is accepted, and those open are cut. */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#connections) socket.destroy();
    this.#connections.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(this.path, {force: true});
  }

  async restore(): Promise<void> {
    await this.start();
  }

  /** From now on, a request whose bytes match `pattern` waits; resolves when the first one is held. */
  holdRequests(pattern: RegExp): Promise<void> {
    return new Promise((resolve) => {
      this.#hold = {pattern, held: [], onHeld: [resolve]};
    });
  }

  /** Lets the held requests (and any later matching one) through. */
  release(): void {
    const hold = this.#hold;
    this.#hold = undefined;
    for (const go of hold?.held ?? []) go();
  }

  async close(): Promise<void> {
    this.release();
    await this.cut();
    rmSync(this.#directory, {recursive: true, force: true});
  }

  #pipe(client: net.Socket): void {
    const engine = net.connect(this.target);
    this.#connections.add(client);
    this.#connections.add(engine);
    const forget = () => {
      this.#connections.delete(client);
      this.#connections.delete(engine);
      client.destroy();
      engine.destroy();
    };
    client.on('close', forget).on('error', forget);
    engine.on('close', forget).on('error', forget);
    engine.pipe(client);
    // Request bytes one chunk at a time, so a matching request can be held back (and what follows it).
    let queue = Promise.resolve();
    client.on('data', (chunk: Buffer) => {
      queue = queue.then(async () => {
        const hold = this.#hold;
        if (hold?.pattern.test(chunk.toString('latin1'))) {
          await new Promise<void>((go) => {
            hold.held.push(go);
            for (const told of hold.onHeld.splice(0)) told();
          });
        }
        if (!engine.destroyed) engine.write(chunk);
      });
    });
  }
}
