import {randomBytes} from 'node:crypto';
import type {Config} from '../config/types.js';
import type {ContainerApi, ContainerInfo} from '../docker/container-api.js';
import {containerSpec} from '../docker/container-spec.js';
import {createContainer, findContainerByName, inspectContainer, startContainer, unpauseContainer} from '../docker/containers.js';
import {findFreePortPair} from '../docker/ports.js';
import {UserError} from '../lib/errors.js';
import {sleep} from '../lib/sleep.js';
import type {RuntimeOrigin, RuntimeStatus} from './status.js';

export interface BroughtUp {
  id: string;
  origin: RuntimeOrigin;
  /** The inspect data when it is still current (attach: no start happened since). */
  info?: ContainerInfo;
}

export interface BringUpOptions {
  api: ContainerApi;
  config: Config;
  sid: string;
  name: string;
  ensureImage: () => Promise<string>;
  onStatus?: (status: RuntimeStatus) => void;
  signal?: AbortSignal;
  /** Told the container's id as soon as there is one: found, or created and not started yet. */
  onContainer?: (id: string) => void;
}

/**
 * Find, then attach, start or create. The container name is the lock between clients: a lost
 * race for it (409) re-finds the winner's container instead of removing anything.
 */
export async function bringUp(options: BringUpOptions): Promise<BroughtUp> {
  const {api, config, sid, name, onStatus} = options;
  let image: string | undefined;
  let info = await findContainerByName(api, name);
  for (let round = 0; round < 5; round++) {
    options.signal?.throwIfAborted();
    if (!info) {
      onStatus?.({type: 'preparing-image', container: name});
      image ??= await options.ensureImage();
      options.signal?.throwIfAborted();
      onStatus?.({type: 'creating', container: name, image});
      const hostNetworkPorts = config.sandbox.use_host_network ? await findFreePortPair() : undefined;
      const apiKey = randomBytes(24).toString('base64url');
      const outcome = await createContainer(api, containerSpec({config, sid, name, image, apiKey, hostNetworkPorts}));
      if ('conflict' in outcome) {
        // Another client created it first: use theirs. The engine reserves the name a moment
        // before it lists the container, so look again for a little while.
        info = await findSoon(api, name);
        continue;
      }
      options.onContainer?.(outcome.id);
      // The create call is never cut short (the engine would finish it anyway); an abort that came
      // meanwhile leaves the container created and not started.
      options.signal?.throwIfAborted();
      onStatus?.({type: 'starting', container: name});
      await startContainer(api, outcome.id, name);
      return {id: outcome.id, origin: 'created'};
    }

    options.onContainer?.(info.Id);
    switch (info.State.Status) {
      case 'running':
      case 'restarting':
        return {id: info.Id, origin: 'attached', info};
      case 'paused':
        await unpauseContainer(api, info.Id);
        return {id: info.Id, origin: 'attached'};
      case 'created':
      case 'exited':
        onStatus?.({type: 'starting', container: name});
        await startContainer(api, info.Id, name);
        return {id: info.Id, origin: 'started'};
      case 'removing':
        await waitUntilGone(api, info.Id, name);
        info = undefined;
        continue;
      default:
        throw new UserError(`Container ${name} is ${info.State.Status} and cannot be started.`, {
          hint: `Remove it (docker rm -f ${name}) and run again: it is recreated.`,
        });
    }
  }
  throw new UserError(`Container ${name} kept appearing and disappearing while oh-tui tried to open it.`, {
    hint: 'Another program is creating and removing it; stop that and run again.',
  });
}

async function findSoon(api: ContainerApi, name: string, timeoutMs = 5000): Promise<ContainerInfo | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const info = await findContainerByName(api, name);
    if (info || Date.now() >= deadline) return info;
    await sleep(25);
  }
}

async function waitUntilGone(api: ContainerApi, id: string, name: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await inspectContainer(api, id)) {
    if (Date.now() >= deadline) throw new UserError(`Container ${name} is still being removed after ${timeoutMs / 1000} s.`);
    await sleep(100);
  }
}
