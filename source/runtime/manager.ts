import type Dockerode from 'dockerode';
import type {Config} from '../config/types.js';
import type {DockerConnection} from '../docker/connect.js';
import {dockerodeContainerApi, type ContainerApi} from '../docker/container-api.js';
import {
  engineMessage,
  inspectContainer,
  removeContainer,
  runtimeContainerName,
  stopContainer,
  type ContainerInfo,
} from '../docker/containers.js';
import {labelDrift, readRuntimeLabels, type RuntimeLabels} from '../docker/labels.js';
import {containerLogTail} from '../docker/logs.js';
import {
  containerEnv,
  formatUrlHost,
  publishedPortsFromInspect,
  PortsNotPublishedError,
  waitForPublishedPorts,
  wildcardBindings,
  type HostAddress,
  type PublishedPorts,
} from '../docker/ports.js';
import {UserError} from '../lib/errors.js';
import {validateSessionId} from '../session/sid.js';
import {cmdRunAction} from '../events/actions.js';
import {exitCodeOf} from '../events/observations.js';
import {bringUp} from './bring-up.js';
import {RuntimeClient} from './client.js';
import {exportCommand, startupEnv} from './startup-env.js';
import type {RuntimeOrigin, RuntimeStatus} from './status.js';
import {waitAlive} from './wait-alive.js';
import {addDebugSecret} from '../lib/debug-log.js';

/**
 * The engine to use: a connection from connectDocker (its light container calls keep dockerode
 * unloaded on the attach path), or any dockerode instance.
 */
export type RuntimeEngine =
  | {connection: Pick<DockerConnection, 'containers' | 'endpoint'>; docker?: undefined}
  | {
      docker: Dockerode;
      /** The engine address; a remote tcp:// engine publishes ports on its own host. */
      endpoint?: string;
      connection?: undefined;
    };

export type OpenRuntimeOptions = RuntimeEngine & {
  config: Config;
  sid: string;
  /** Resolves (building if needed) the runtime image; called only when a container must be created. */
  ensureImage: () => Promise<string>;
  onStatus?: (status: RuntimeStatus) => void;
  signal?: AbortSignal;
  /**
   * When opening fails or is aborted after the container was found or created, stop it again
   * (unless [sandbox] keep_runtime_alive): the interactive session promises that every way out
   * stops its container. Without it the container is left as it is, for the next call.
   */
  stopOnFailure?: boolean;
  /** Host environment for SANDBOX_ENV_* exports; process.env when omitted. */
  env?: Record<string, string | undefined>;
  aliveTimeoutMs?: number;
};

export interface RuntimeHandle {
  sid: string;
  containerName: string;
  containerId: string;
  image: string;
  origin: RuntimeOrigin;
  /** The container's state when the runtime became ready: 'running'. */
  state: string;
  apiUrl: string;
  /** The container's SESSION_API_KEY; undefined for a container made by OpenHands (it sets none). */
  apiKey: string | undefined;
  /** Where openvscode-server is published on this machine; undefined when the runtime has no VS Code. */
  vscodeAddress: HostAddress | undefined;
  /** Our labels, or undefined for a container oh-tui did not create. */
  labels: RuntimeLabels | undefined;
  /** Things the user should know (stale container, API published on every interface). */
  warnings: string[];
  client: RuntimeClient;
  /** The container's state now ('running', 'exited', ...), or 'missing' once it is gone. */
  currentState(): Promise<string>;
  /**
   * Stops the container (kept, so `--session` resumes it) unless [sandbox] keep_runtime_alive;
   * removes it only with `remove`. Acts on this handle's container id and nothing else.
   */
  close(options?: {remove?: boolean}): Promise<void>;
}

/**
 * The session's runtime, ready to take actions: attach to its running container, start it when
 * stopped, or create it (resolving the image first) when absent; then wait until the action server
 * answers. Safe against a second client doing the same at once: the container name is the lock.
 */
export async function openRuntime(options: OpenRuntimeOptions): Promise<RuntimeHandle> {
  const {config, onStatus} = options;
  const sid = validateSessionId(options.sid);
  const name = runtimeContainerName(config, sid);
  const api = options.connection ? options.connection.containers : dockerodeContainerApi(options.docker);
  // Known as soon as the container is found or created (before it is started), so a failure or an
  // abort at any later step still knows which container to stop, and never another one.
  let containerId: string | undefined;
  try {
    return await bringUpAndWait(options, {sid, name, api, onContainer: (id) => (containerId = id)});
  } catch (error) {
    if (options.stopOnFailure && containerId !== undefined && !config.sandbox.keep_runtime_alive) {
      onStatus?.({type: 'stopping', container: name});
      try {
        await stopContainer(api, containerId);
      } catch (stopError) {
        onStatus?.({type: 'stop-failed', container: name, message: engineMessage(stopError)});
      }
    }
    throw error;
  }
}

async function bringUpAndWait(
  options: OpenRuntimeOptions,
  context: {sid: string; name: string; api: ContainerApi; onContainer: (id: string) => void},
): Promise<RuntimeHandle> {
  const {config, onStatus} = options;
  const {sid, name, api} = context;
  const endpoint = options.connection ? options.connection.endpoint : (options.endpoint ?? 'unix:///var/run/docker.sock');

  onStatus?.({type: 'finding', container: name});
  const {
    id,
    origin,
    info: known,
  } = await bringUp({
    api,
    config,
    sid,
    name,
    ensureImage: options.ensureImage,
    onStatus,
    signal: options.signal,
    onContainer: context.onContainer,
  });
  options.signal?.throwIfAborted();

  const {info, ports} = await readPorts(api, id, name, endpoint, known, options.signal);
  const apiKey = containerEnv(info).get('SESSION_API_KEY');
  addDebugSecret(apiKey);
  const apiUrl = `http://${formatUrlHost(ports.server.host)}:${ports.server.port}`;
  const client = new RuntimeClient({apiUrl, apiKey, defaultActionTimeout: config.sandbox.timeout});
  try {
    onStatus?.({type: 'waiting', container: name, apiUrl});
    await waitAlive({
      probe: () => client.alive(),
      checkContainer: () => checkStillRunning(api, id, name),
      description: `The action server of ${name} at ${apiUrl}`,
      timeoutMs: options.aliveTimeoutMs,
      signal: options.signal,
      timeoutError: async (timeoutMs) =>
        new UserError(
          `The action server of ${name} did not answer at ${apiUrl} within ${Math.round(timeoutMs / 1000)} s. Its last log lines:\n${await containerLogTail(api, id)}`,
          {hint: `Its whole log: docker logs ${name}`},
        ),
    });

    // A fresh server means a fresh shell: the exported variables must be set again.
    if (origin !== 'attached') await exportStartupEnv(client, options, name);
  } catch (error) {
    client.dispose();
    throw error;
  }

  const labels = readRuntimeLabels(info.Config.Labels);
  const warnings = [...labelDrift(labels, config, name), ...exposureWarnings(info, config, name)];
  onStatus?.({type: 'ready', container: name, apiUrl, origin});

  return {
    sid,
    containerName: name,
    containerId: id,
    image: info.Config.Image,
    origin,
    state: info.State.Status,
    apiUrl,
    apiKey,
    vscodeAddress: ports.vscode,
    labels,
    warnings,
    client,
    async currentState() {
      return (await inspectContainer(api, id))?.State.Status ?? 'missing';
    },
    async close(closeOptions = {}) {
      client.dispose();
      if (closeOptions.remove) return removeContainer(api, id);
      if (config.sandbox.keep_runtime_alive) return;
      await stopContainer(api, id);
    },
  };
}

async function readPorts(
  api: ContainerApi,
  id: string,
  name: string,
  endpoint: string,
  known: ContainerInfo | undefined,
  signal: AbortSignal | undefined,
): Promise<{info: ContainerInfo; ports: PublishedPorts}> {
  const ready = known ? publishedPortsFromInspect(known, endpoint) : undefined;
  if (known && ready) return {info: known, ports: ready};
  try {
    return await waitForPublishedPorts(() => inspectOrLost(api, id, name), endpoint, {signal});
  } catch (error) {
    if (error instanceof PortsNotPublishedError && !error.info.State.Running) throw await exitedError(api, error.info, name);
    throw error;
  }
}

async function inspectOrLost(api: ContainerApi, id: string, name: string): Promise<ContainerInfo> {
  const info = await inspectContainer(api, id);
  if (!info) throw new UserError(`Container ${name} disappeared while oh-tui was opening it (removed by someone else?).`);
  return info;
}

async function checkStillRunning(api: ContainerApi, id: string, name: string): Promise<void> {
  const info = await inspectOrLost(api, id, name);
  if (!info.State.Running) throw await exitedError(api, info, name);
}

async function exitedError(api: ContainerApi, info: ContainerInfo, name: string): Promise<UserError> {
  const tail = await containerLogTail(api, info.Id, 50);
  const how = info.State.Status === 'exited' ? `exited with code ${info.State.ExitCode}` : `is ${info.State.Status}`;
  return new UserError(
    `Container ${name} ${how} before its action server answered.${info.State.Error ? ` Engine: ${info.State.Error}.` : ''} Its last log lines:\n${tail || '(no output)'}`,
    {hint: `The container is kept for inspection (docker logs ${name}); remove it (docker rm ${name}) to have it recreated.`},
  );
}

async function exportStartupEnv(client: RuntimeClient, options: OpenRuntimeOptions, name: string): Promise<void> {
  const vars = startupEnv(options.config, options.env ?? process.env);
  const command = exportCommand(vars);
  if (!command) return;
  options.onStatus?.({type: 'exporting-env', container: name, names: Object.keys(vars)});
  const observation = await client.executeAction(cmdRunAction(command, {timeout: 30, hidden: true}), {signal: options.signal});
  const code = exitCodeOf(observation);
  if (code !== 0) {
    throw new UserError(
      `Exporting the startup variables into ${name}'s shell failed (exit code ${code ?? 'none'}): ${observation.content}`,
      {
        hint: 'Check [sandbox] runtime_startup_env_vars and SANDBOX_ENV_* variables.',
      },
    );
  }
}

function exposureWarnings(info: ContainerInfo, config: Config, name: string): string[] {
  const open = wildcardBindings(info);
  if (open.length === 0 || ['0.0.0.0', '::'].includes(config.sandbox.runtime_binding_address)) return [];
  return [`Container ${name} publishes ports on every network interface (${open.join(', ')}); anyone on your network can reach them.`];
}
