import {existsSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import os from 'node:os';
import type Dockerode from 'dockerode';
import {UserError} from '../lib/errors.js';
import {dockerodeContainerApi, engineContainerApi, type ContainerApi} from './container-api.js';
import {discoverEndpoints, type EndpointCandidate} from './endpoints.js';
import {EngineClient} from './engine-client.js';
import {engineOptions} from './engine-options.js';

export interface DockerConnection {
  /** dockerode for this engine, loaded on first use (it costs ~200 ms to load). */
  readonly docker: Dockerode;
  /** The container calls the runtime makes, without loading dockerode (except for ssh:// engines). */
  readonly containers: ContainerApi;
  /** The engine address that answered, e.g. `unix:///var/run/docker.sock`. */
  readonly endpoint: string;
}

export interface ConnectOptions {
  /** How long one candidate may take to answer a ping. Candidates are pinged at the same time. */
  pingTimeoutMs?: number;
  homedir?: string;
  uid?: number;
}

const defaultPingTimeoutMs = 1500;
const require = createRequire(import.meta.url);

/**
 * Finds a Docker engine that answers: DOCKER_HOST, else the current docker context, else the usual
 * sockets. Never hangs: every ping is bounded, so a dead engine is reported within ~1.5 s.
 */
export async function connectDocker(
  env: Record<string, string | undefined> = process.env,
  options: ConnectOptions = {},
): Promise<DockerConnection> {
  const timeoutMs = options.pingTimeoutMs ?? defaultPingTimeoutMs;
  const discovery = discoverEndpoints({
    env,
    homedir: options.homedir ?? env.HOME ?? os.homedir(),
    uid: options.uid ?? process.getuid?.(),
    exists: existsSync,
    readFile: readTextIfPresent,
  });

  const attempts = discovery.candidates.map((candidate) => ({candidate, result: tryCandidate(candidate, env, timeoutMs)}));
  const failures: string[] = [];
  // Pinged together, chosen in priority order.
  for (const {candidate, result} of attempts) {
    const outcome = await result;
    if ('connection' in outcome) return outcome.connection;
    failures.push(`${describeCandidate(candidate)}: ${outcome.reason}`);
  }
  throw noEngineError([...failures, ...discovery.notes]);
}

type Outcome = {connection: DockerConnection} | {reason: string};

async function tryCandidate(candidate: EndpointCandidate, env: Record<string, string | undefined>, timeoutMs: number): Promise<Outcome> {
  let options: Dockerode.DockerOptions;
  try {
    options = engineOptions(candidate, env, (file) => readFileSync(file));
  } catch (error) {
    return {reason: (error as Error).message};
  }
  let dockerode: Dockerode | undefined;
  const loadDockerode = (): Dockerode => {
    if (!dockerode) {
      const DockerodeClass = require('dockerode') as typeof Dockerode;
      dockerode = new DockerodeClass(options);
    }
    return dockerode;
  };

  const signal = AbortSignal.timeout(timeoutMs);
  let timer: NodeJS.Timeout | undefined;
  // The race is the guarantee; the signal also tears down the request behind it.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PingTimeout()), timeoutMs + 50);
  });
  try {
    let containers: ContainerApi;
    if (options.protocol === 'ssh') {
      // Only dockerode (through ssh2) speaks to an engine over ssh.
      const docker = loadDockerode();
      await Promise.race([pingWithSignal(docker, signal), deadline]);
      containers = dockerodeContainerApi(docker);
    } else {
      const engine = new EngineClient({
        socketPath: options.socketPath,
        host: options.host,
        port: options.port,
        protocol: options.protocol === 'https' ? 'https' : 'http',
        ca: options.ca,
        cert: options.cert,
        key: options.key as Buffer | undefined,
      });
      await Promise.race([engine.call('GET', '/_ping', {signal}), deadline]);
      containers = engineContainerApi(engine);
    }
    return {
      connection: {
        get docker() {
          return loadDockerode();
        },
        containers,
        endpoint: candidate.host,
      },
    };
  } catch (error) {
    return {reason: describePingError(error, timeoutMs, signal.aborted)};
  } finally {
    clearTimeout(timer);
  }
}

class PingTimeout extends Error {}

/** dockerode's ping takes an abortSignal at runtime; its type declarations omit the option. */
function pingWithSignal(docker: Dockerode, signal: AbortSignal): Promise<unknown> {
  const ping = docker.ping as unknown as (this: Dockerode, options: {abortSignal: AbortSignal}) => Promise<unknown>;
  return ping.call(docker, {abortSignal: signal});
}

function describeCandidate(candidate: EndpointCandidate): string {
  return candidate.via === 'socket' ? `socket ${candidate.host}` : `${candidate.origin} ${candidate.host}`;
}

export function describePingError(error: unknown, timeoutMs: number, aborted: boolean): string {
  if (aborted || error instanceof PingTimeout) return `no answer within ${(timeoutMs / 1000).toFixed(1)} s`;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such socket';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (is your user in the "docker" group?)';
    case 'ECONNREFUSED':
      return 'connection refused (is the engine running?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    default:
      return (error as Error | undefined)?.message ?? String(error);
  }
}

function noEngineError(lines: string[]): UserError {
  const tried = lines.length > 0 ? lines.map((line) => `  - ${line}`).join('\n') : '  - nothing: no socket, context or DOCKER_HOST found';
  return new UserError(`No Docker engine is reachable. Tried:\n${tried}`, {
    hint: 'Start Docker (e.g. `sudo systemctl start docker`, Docker Desktop or Colima), or set DOCKER_HOST to your engine (e.g. unix:///var/run/docker.sock).',
  });
}

function readTextIfPresent(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw new UserError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}
