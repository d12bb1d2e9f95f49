import type Dockerode from 'dockerode';
import type {Config} from '../config/types.js';
import {UserError} from '../lib/errors.js';
import type {ContainerApi, ContainerInfo} from './container-api.js';

export type {ContainerInfo} from './container-api.js';

export function runtimeContainerName(config: Config, sid: string): string {
  return `${config.sandbox.container_name_prefix}${sid}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The engine's `name` filter for every container whose name starts with `prefix`. */
export function prefixNameFilter(prefix: string): string {
  return `^/${escapeRegExp(prefix)}`;
}

/** The engine's `name` filter is an unanchored regex; anchored, it matches this one name only. */
export function exactNameFilter(name: string): string {
  return `^/${escapeRegExp(name)}$`;
}

export function statusCode(error: unknown): number | undefined {
  const code = (error as {statusCode?: unknown} | undefined)?.statusCode;
  return typeof code === 'number' ? code : undefined;
}

/** Engine error text without dockerode's "(HTTP code 409) unexpected - " prefix. */
export function engineMessage(error: unknown): string {
  const json = (error as {json?: {message?: unknown}} | undefined)?.json;
  if (json && typeof json.message === 'string') return json.message;
  return (error as Error | undefined)?.message ?? String(error);
}

/** The container with exactly this name, or undefined. Never a prefix match (0.15's cleanup bug). */
export async function findContainerByName(api: ContainerApi, name: string): Promise<ContainerInfo | undefined> {
  const listed = await api.list({name: [exactNameFilter(name)]});
  const match = listed.find((container) => container.Names.includes(`/${name}`));
  if (!match) return undefined;
  return inspectContainer(api, match.Id);
}

/** Inspect by id; undefined once the container is gone. */
export async function inspectContainer(api: ContainerApi, id: string): Promise<ContainerInfo | undefined> {
  try {
    return await api.inspect(id);
  } catch (error) {
    if (statusCode(error) === 404) return undefined;
    throw error;
  }
}

export type CreateOutcome = {id: string} | {conflict: true};

/** Creates the container; a name conflict (another client won the race) is an outcome, not an error. */
export async function createContainer(api: ContainerApi, spec: Dockerode.ContainerCreateOptions): Promise<CreateOutcome> {
  try {
    return await api.create(spec);
  } catch (error) {
    if (statusCode(error) === 409) return {conflict: true};
    if (statusCode(error) === 404) {
      throw new UserError(`Image ${spec.Image} is not there any more: ${engineMessage(error)}`, {
        hint: 'It was removed while oh-tui was starting. Run the command again to rebuild it.',
        cause: error,
      });
    }
    throw new UserError(`Could not create container ${spec.name}: ${engineMessage(error)}`, {cause: error});
  }
}

/** Starts a container; one that is already running (another client started it) is fine. */
export async function startContainer(api: ContainerApi, id: string, name: string): Promise<void> {
  try {
    await api.start(id);
  } catch (error) {
    if (statusCode(error) === 304) return;
    const message = engineMessage(error);
    const hint = /address|bind|port/i.test(message)
      ? 'A published port could not be bound: check [sandbox] runtime_binding_address, or free the port.'
      : undefined;
    throw new UserError(`Could not start container ${name}: ${message}`, {hint, cause: error});
  }
}

export async function unpauseContainer(api: ContainerApi, id: string): Promise<void> {
  try {
    await api.unpause(id);
  } catch (error) {
    if (statusCode(error) !== 409) throw error;
  }
}

/** Stops a container; already stopped or already gone is fine. */
export async function stopContainer(api: ContainerApi, id: string, graceSeconds = 5): Promise<void> {
  try {
    await api.stop(id, graceSeconds);
  } catch (error) {
    const code = statusCode(error);
    if (code !== 304 && code !== 404) throw error;
  }
}

/** Removes a container by id (never by name prefix); already gone is fine. */
export async function removeContainer(api: ContainerApi, id: string): Promise<void> {
  try {
    await api.remove(id);
  } catch (error) {
    const code = statusCode(error);
    // 409: removal already in progress.
    if (code !== 404 && code !== 409) throw error;
  }
}
