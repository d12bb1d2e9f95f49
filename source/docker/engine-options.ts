import path from 'node:path';
import type Dockerode from 'dockerode';
import type {EndpointCandidate} from './endpoints.js';

/** Thrown for an engine address we cannot use; connect.ts reports it with the others tried. */
export class EndpointError extends Error {}

/**
 * Dockerode options for one candidate. Every connection key is set, even to undefined, because
 * docker-modem merges its own defaults from process.env.DOCKER_HOST underneath ours.
 */
export function engineOptions(
  candidate: EndpointCandidate,
  env: Record<string, string | undefined>,
  readFile: (file: string) => Buffer,
): Dockerode.DockerOptions {
  const base: Dockerode.DockerOptions = {
    socketPath: undefined,
    host: undefined,
    port: undefined,
    protocol: undefined,
    username: undefined,
    ca: undefined,
    cert: undefined,
    key: undefined,
  };
  const address = candidate.host;
  const scheme = /^([a-z]+):\/\//.exec(address)?.[1];

  if (scheme === 'unix' || scheme === 'npipe') {
    const socketPath = address.slice(scheme.length + 3);
    if (!socketPath) throw new EndpointError(`${address} names no socket path`);
    return {...base, socketPath};
  }

  let url: URL;
  try {
    url = new URL(scheme ? address : `tcp://${address}`);
  } catch {
    throw new EndpointError(`${address} is not an engine address (expected unix://, tcp:// or ssh://)`);
  }

  if (url.protocol === 'ssh:') {
    return {
      ...base,
      protocol: 'ssh',
      host: url.hostname,
      port: url.port || 22,
      username: decodeURIComponent(url.username) || undefined,
      sshOptions: {agent: env.SSH_AUTH_SOCK},
    };
  }

  if (!['tcp:', 'http:', 'https:'].includes(url.protocol)) {
    throw new EndpointError(`${address}: unsupported scheme ${url.protocol} (expected unix://, tcp:// or ssh://)`);
  }
  const defaultPort = url.protocol === 'https:' ? '2376' : '2375';
  const port = url.port || defaultPort;
  const tls =
    url.protocol === 'https:' ||
    port === '2376' ||
    (candidate.via === 'DOCKER_HOST' && env.DOCKER_TLS_VERIFY === '1') ||
    (candidate.via === 'context' && candidate.tlsDir !== undefined);
  const options: Dockerode.DockerOptions = {...base, host: url.hostname, port, protocol: tls ? 'https' : 'http'};
  if (tls && candidate.tlsDir) {
    const dir = candidate.tlsDir;
    options.ca = readFile(path.join(dir, 'ca.pem'));
    options.cert = readFile(path.join(dir, 'cert.pem'));
    options.key = readFile(path.join(dir, 'key.pem'));
  }
  return options;
}
