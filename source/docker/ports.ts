import net from 'node:net';
import type Dockerode from 'dockerode';
import {UserError} from '../lib/errors.js';
import {sleep} from '../lib/sleep.js';

type InspectInfo = Dockerode.ContainerInspectInfo;

/** Ports inside the container: the action server's, and openvscode-server's when it is exposed. */
export interface RuntimePorts {
  server: number;
  vscode: number | undefined;
}

/** Where a container port is reached from this machine. */
export interface HostAddress {
  host: string;
  port: number;
}

export interface PublishedPorts {
  server: HostAddress;
  vscode: HostAddress | undefined;
}

/** `KEY=value` entries of a container's environment, as a map. */
export function containerEnv(info: Pick<InspectInfo, 'Config'>): Map<string, string> {
  const env = new Map<string, string>();
  for (const entry of info.Config?.Env ?? []) {
    const equals = entry.indexOf('=');
    if (equals > 0) env.set(entry.slice(0, equals), entry.slice(equals + 1));
  }
  return env;
}

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const port = Number(value);
  return port > 0 && port < 65536 ? port : undefined;
}

function isHostNetwork(info: InspectInfo): boolean {
  return info.HostConfig?.NetworkMode === 'host';
}

/**
 * The container-side ports, read from the container itself so any client can attach: env `port=`
 * (ours and OpenHands'), else the first exposed port (OpenHands 0.15's own guess); VS Code from env
 * VSCODE_PORT, else server port + 1 (OpenHands 0.15 sets no env for it).
 */
export function runtimePortsFromInspect(info: InspectInfo): RuntimePorts {
  const env = containerEnv(info);
  const exposed = Object.keys(info.Config?.ExposedPorts ?? {})
    .filter((key) => key.endsWith('/tcp'))
    .map((key) => parsePort(key.slice(0, -4)))
    .filter((port): port is number => port !== undefined)
    .sort((a, b) => a - b);
  const server = parsePort(env.get('port')) ?? exposed[0];
  if (server === undefined) {
    throw new UserError(`Container ${info.Name.replace(/^\//, '')} does not say which port its action server uses.`, {
      hint: 'It has no `port=` environment variable and exposes no port. Remove it (docker rm -f) so it is recreated.',
    });
  }
  const vscodeCandidate = parsePort(env.get('VSCODE_PORT')) ?? server + 1;
  const vscode = isHostNetwork(info) || exposed.includes(vscodeCandidate) ? vscodeCandidate : undefined;
  return {server, vscode};
}

const wildcardHosts = new Set(['', '0.0.0.0', '::']);

/**
 * The address to dial for a published port. A wildcard binding is reached on the engine's host:
 * the TCP endpoint's host for a remote engine, else loopback.
 */
export function dialHost(hostIp: string | undefined, endpoint: string): string {
  if (hostIp !== undefined && !wildcardHosts.has(hostIp)) return hostIp;
  const remote = /^(?:tcp|https?):\/\/([^/:]+|\[[^\]]+\])/.exec(endpoint)?.[1];
  return remote ?? '127.0.0.1';
}

function publishedAddress(info: InspectInfo, containerPort: number, endpoint: string): HostAddress | undefined {
  if (isHostNetwork(info)) return {host: dialHost(undefined, endpoint), port: containerPort};
  const bindings = info.NetworkSettings?.Ports?.[`${containerPort}/tcp`] ?? [];
  // The engine lists an IPv4 and an IPv6 entry for a wildcard binding; IPv4 is the one always reachable.
  const usable = bindings.filter((binding) => parsePort(binding.HostPort) !== undefined);
  const chosen = usable.find((binding) => !binding.HostIp.includes(':')) ?? usable[0];
  if (!chosen) return undefined;
  return {host: dialHost(chosen.HostIp, endpoint), port: parsePort(chosen.HostPort)!};
}

/**
 * Host addresses of a running container's ports, or undefined while the engine has not published
 * them yet (right after a start, or when the container is not running).
 */
export function publishedPortsFromInspect(info: InspectInfo, endpoint: string): PublishedPorts | undefined {
  const ports = runtimePortsFromInspect(info);
  const server = publishedAddress(info, ports.server, endpoint);
  if (!server) return undefined;
  if (ports.vscode === undefined) return {server, vscode: undefined};
  const vscode = publishedAddress(info, ports.vscode, endpoint);
  return vscode ? {server, vscode} : undefined;
}

/** Any binding on every interface: used to warn when the API is reachable from the network. */
export function wildcardBindings(info: InspectInfo): string[] {
  return Object.entries(info.NetworkSettings?.Ports ?? {}).flatMap(([port, bindings]) =>
    (bindings ?? [])
      .filter((binding) => wildcardHosts.has(binding.HostIp))
      .map((binding) => `${binding.HostIp || '*'}:${binding.HostPort} → ${port}`),
  );
}

export function formatUrlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * Host ports change at every start (HostPort '0'), so after a start the container is re-read until
 * the engine shows them. Bounded: a container that stops or never publishes fails the wait.
 */
export async function waitForPublishedPorts(
  inspect: () => Promise<InspectInfo>,
  endpoint: string,
  options: {timeoutMs?: number; signal?: AbortSignal} = {},
): Promise<{info: InspectInfo; ports: PublishedPorts}> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let delay = 10;
  for (;;) {
    options.signal?.throwIfAborted();
    const info = await inspect();
    const ports = publishedPortsFromInspect(info, endpoint);
    if (ports) return {info, ports};
    if (!info.State.Running || Date.now() >= deadline) {
      const name = info.Name.replace(/^\//, '');
      throw new PortsNotPublishedError(
        info.State.Running
          ? `Container ${name} has not published its ports after ${Math.round((options.timeoutMs ?? 10_000) / 1000)} s.`
          : `Container ${name} stopped (${info.State.Status}) before its ports were published.`,
        info,
      );
    }
    await sleep(delay, options.signal);
    delay = Math.min(delay * 2, 250);
  }
}

export class PortsNotPublishedError extends Error {
  constructor(
    message: string,
    readonly info: InspectInfo,
  ) {
    super(message);
  }
}

/** True when nothing on this machine listens on `host:port` (checked by binding it). */
export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({port, host, exclusive: true}, () => server.close(() => resolve(true)));
  });
}

function ephemeralPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({port: 0, host}, () => {
      const {port} = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Two adjacent free ports (server, server + 1) for a host-network container, whose ports are the
 * host's own. Checked on the wildcard address because the server inside listens on every interface.
 */
export async function findFreePortPair(host = '0.0.0.0', attempts = 20): Promise<{server: number; vscode: number}> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const server = await ephemeralPort(host);
    if (server < 65535 && (await isPortFree(server + 1, host))) return {server, vscode: server + 1};
  }
  throw new UserError(`Could not find two adjacent free TCP ports on ${host} for a host-network runtime.`, {
    hint: 'Free some ports, or set [sandbox] use_host_network = false.',
  });
}
