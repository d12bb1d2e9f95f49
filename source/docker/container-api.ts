import type Dockerode from 'dockerode';
import type {EngineClient} from './engine-client.js';

export type ContainerInfo = Dockerode.ContainerInspectInfo;

/**
 * The container calls the runtime makes (and its one image check). Failures carry the engine's
 * HTTP `statusCode` (404 gone, 409 name taken, 304 already started/stopped) whichever
 * implementation answers.
 */
export interface ContainerApi {
  imageExists(reference: string): Promise<boolean>;
  /** Every container the filters match, running or not; State is the engine's word for it (running, exited, ...). */
  list(
    filters: Record<string, string[]>,
  ): Promise<Array<{Id: string; Names: string[]; State?: string; Labels?: Record<string, string> | null}>>;
  inspect(id: string): Promise<ContainerInfo>;
  create(spec: Dockerode.ContainerCreateOptions): Promise<{id: string}>;
  start(id: string): Promise<void>;
  stop(id: string, graceSeconds: number): Promise<void>;
  remove(id: string): Promise<void>;
  unpause(id: string): Promise<void>;
  /** The last `tail` lines of stdout and stderr, still multiplexed for a non-TTY container. */
  logs(id: string, tail: number): Promise<Buffer>;
}

const shortCall = 30_000;

/** Over our light Engine API client: nothing heavy to load, for the attach path. */
export function engineContainerApi(engine: EngineClient): ContainerApi {
  const path = (id: string, action = '') => `/containers/${encodeURIComponent(id)}${action}`;
  return {
    async imageExists(reference) {
      try {
        await engine.call('GET', `/images/${encodeURIComponent(reference)}/json`, {timeoutMs: shortCall});
        return true;
      } catch (error) {
        if ((error as {statusCode?: number}).statusCode === 404) return false;
        throw error;
      }
    },
    list: (filters) => engine.json('GET', '/containers/json', {query: {all: true, filters: JSON.stringify(filters)}, timeoutMs: shortCall}),
    inspect: (id) => engine.json('GET', path(id, '/json'), {timeoutMs: shortCall}),
    async create(spec) {
      const {name, ...body} = spec;
      const created = await engine.json<{Id: string}>('POST', '/containers/create', {query: {name}, body, timeoutMs: shortCall});
      return {id: created.Id};
    },
    start: async (id) => void (await engine.call('POST', path(id, '/start'), {timeoutMs: shortCall})),
    stop: async (id, graceSeconds) =>
      void (await engine.call('POST', path(id, '/stop'), {query: {t: graceSeconds}, timeoutMs: graceSeconds * 1000 + shortCall})),
    remove: async (id) => void (await engine.call('DELETE', path(id), {query: {force: true}, timeoutMs: shortCall})),
    unpause: async (id) => void (await engine.call('POST', path(id, '/unpause'), {timeoutMs: shortCall})),
    logs: async (id, tail) =>
      (await engine.call('GET', path(id, '/logs'), {query: {stdout: true, stderr: true, tail}, timeoutMs: shortCall})).body,
  };
}

/** Over dockerode: for engines only it can reach (ssh://), or a caller that already has one. */
export function dockerodeContainerApi(docker: Dockerode): ContainerApi {
  return {
    async imageExists(reference) {
      try {
        await docker.getImage(reference).inspect();
        return true;
      } catch (error) {
        if ((error as {statusCode?: number}).statusCode === 404) return false;
        throw error;
      }
    },
    list: (filters) => docker.listContainers({all: true, filters}),
    inspect: (id) => docker.getContainer(id).inspect(),
    create: async (spec) => ({id: (await docker.createContainer(spec)).id}),
    start: async (id) => void (await docker.getContainer(id).start()),
    stop: async (id, graceSeconds) => void (await docker.getContainer(id).stop({t: graceSeconds})),
    remove: async (id) => void (await docker.getContainer(id).remove({force: true})),
    unpause: async (id) => void (await docker.getContainer(id).unpause()),
    async logs(id, tail) {
      const output = (await docker.getContainer(id).logs({stdout: true, stderr: true, tail, follow: false})) as unknown;
      return Buffer.isBuffer(output) ? output : Buffer.from(String(output));
    },
  };
}
