import {createHash} from 'node:crypto';
import path from 'node:path';

/** Where a candidate engine address came from, in the order they are consulted. */
export type EndpointSource = 'DOCKER_HOST' | 'context' | 'socket';

export interface EndpointCandidate {
  /** Engine address as Docker writes it: `unix:///var/run/docker.sock`, `tcp://host:2376`, `ssh://me@host`. */
  host: string;
  via: EndpointSource;
  /** For people: what pointed us here (`DOCKER_HOST`, `context "colima"`, `socket`). */
  origin: string;
  /** Directory holding ca.pem, cert.pem and key.pem for a TLS endpoint. */
  tlsDir?: string;
}

export interface DiscoveryInput {
  env: Record<string, string | undefined>;
  homedir: string;
  uid: number | undefined;
  exists: (file: string) => boolean;
  /** File contents, or undefined when the file does not exist. */
  readFile: (file: string) => string | undefined;
}

export interface Discovery {
  candidates: EndpointCandidate[];
  /** What was looked at and gave no candidate; goes into the "no engine" error. */
  notes: string[];
}

/** Docker stores a context's metadata under the sha256 of its name. */
export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

export function dockerConfigDir(env: DiscoveryInput['env'], homedir: string): string {
  return env.DOCKER_CONFIG || path.join(homedir, '.docker');
}

/**
 * The engine addresses to try, most specific first, as the docker CLI picks them: DOCKER_HOST
 * alone when set; else the selected context alone when it is not "default" (a user on Colima or
 * Podman must not silently land on another engine); else the usual sockets that exist.
 */
export function discoverEndpoints(input: DiscoveryInput): Discovery {
  const {env} = input;
  const dockerHost = env.DOCKER_HOST?.trim();
  if (dockerHost) {
    const tlsDir = env.DOCKER_CERT_PATH || undefined;
    return {candidates: [{host: dockerHost, via: 'DOCKER_HOST', origin: 'DOCKER_HOST', tlsDir}], notes: []};
  }

  const notes: string[] = [];
  const configDir = dockerConfigDir(env, input.homedir);
  const contextName = selectedContext(input, configDir, notes);
  if (contextName && contextName !== 'default') {
    const candidate = contextEndpoint(input, configDir, contextName, notes);
    return {candidates: candidate ? [candidate] : [], notes};
  }

  const candidates: EndpointCandidate[] = [];
  for (const socket of socketPaths(input)) {
    if (candidates.some((candidate) => candidate.host === `unix://${socket}`)) continue;
    if (input.exists(socket)) candidates.push({host: `unix://${socket}`, via: 'socket', origin: 'socket'});
    else notes.push(`socket ${socket}: does not exist`);
  }
  return {candidates, notes};
}

function socketPaths(input: DiscoveryInput): string[] {
  const paths = [
    '/var/run/docker.sock',
    path.join(input.homedir, '.docker', 'run', 'docker.sock'),
    path.join(input.homedir, '.docker', 'desktop', 'docker.sock'),
  ];
  if (input.env.XDG_RUNTIME_DIR) paths.push(path.join(input.env.XDG_RUNTIME_DIR, 'docker.sock'));
  if (input.uid !== undefined) paths.push(`/run/user/${input.uid}/docker.sock`);
  return [...new Set(paths)];
}

function selectedContext(input: DiscoveryInput, configDir: string, notes: string[]): string | undefined {
  if (input.env.DOCKER_CONTEXT) return input.env.DOCKER_CONTEXT;
  const configFile = path.join(configDir, 'config.json');
  const text = input.readFile(configFile);
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as {currentContext?: unknown};
    return typeof parsed.currentContext === 'string' && parsed.currentContext ? parsed.currentContext : undefined;
  } catch (error) {
    notes.push(`${configFile}: not valid JSON (${(error as Error).message}); its currentContext was ignored`);
    return undefined;
  }
}

function contextEndpoint(input: DiscoveryInput, configDir: string, name: string, notes: string[]): EndpointCandidate | undefined {
  const hashed = contextDirName(name);
  const metaFile = path.join(configDir, 'contexts', 'meta', hashed, 'meta.json');
  const origin = `context "${name}"`;
  const text = input.readFile(metaFile);
  if (text === undefined) {
    notes.push(`${origin}: no metadata at ${metaFile}`);
    return undefined;
  }
  let host: unknown;
  try {
    host = (JSON.parse(text) as {Endpoints?: {docker?: {Host?: unknown}}}).Endpoints?.docker?.Host;
  } catch (error) {
    notes.push(`${origin}: ${metaFile} is not valid JSON (${(error as Error).message})`);
    return undefined;
  }
  if (typeof host !== 'string' || !host) {
    notes.push(`${origin}: ${metaFile} has no Endpoints.docker.Host`);
    return undefined;
  }
  const tlsDir = path.join(configDir, 'contexts', 'tls', hashed, 'docker');
  return {host, via: 'context', origin, tlsDir: input.exists(tlsDir) ? tlsDir : undefined};
}
