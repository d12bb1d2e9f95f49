import type {BuildEvent} from './build-progress.js';

/**
 * Maps the classic builder's Engine API stream (`POST /build` with version=1: one JSON object per
 * line, `{stream}`, `{status, id, progressDetail}`, `{aux: {ID}}`, `{errorDetail, error}`) onto the
 * events of the buildx progress model: each `Step N/M : X` becomes a vertex named `[N/M] X`.
 * The HTTP request succeeds even when the build fails, so `failed` must be checked at the end.
 */
export interface ClassicStreamMapper {
  map(message: unknown, at: number): BuildEvent[];
  /** End of stream: flushes text and completes the last step unless the build was interrupted. */
  finish(at: number, interrupted: boolean): BuildEvent[];
  readonly failed: boolean;
  readonly imageId: string | undefined;
}

interface Step {
  digest: string;
  name: string;
  startedAt: number;
  completedAt: number | undefined;
  cached: boolean;
  error: string | undefined;
}

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const BOOKKEEPING =
  /^( ---> (Running in [0-9a-f]+|[0-9a-f]{12,})|Removing intermediate container [0-9a-f]+|Successfully (built|tagged) .*)$/;
const LAYER_DONE = /complete|Already exists|Downloaded newer image|Image is up to date/i;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export function createClassicStreamMapper(): ClassicStreamMapper {
  let step: Step | undefined;
  let pending = '';
  let failed = false;
  let imageId: string | undefined;

  const vertexEvent = (s: Step): BuildEvent => ({
    type: 'vertex',
    digest: s.digest,
    name: s.name,
    startedAt: s.startedAt,
    completedAt: s.completedAt,
    cached: s.cached,
    error: s.error,
  });

  function completeStep(at: number, events: BuildEvent[]): void {
    if (step === undefined || step.completedAt !== undefined) return;
    step = {...step, completedAt: at};
    events.push(vertexEvent(step));
  }

  function line(text: string, at: number, events: BuildEvent[]): void {
    const header = STEP.exec(text);
    if (header !== null) {
      completeStep(at, events);
      step = {
        digest: `classic-step-${header[1]}`,
        name: `[${header[1]}/${header[2]}] ${header[3]}`,
        startedAt: at,
        completedAt: undefined,
        cached: false,
        error: undefined,
      };
      events.push(vertexEvent(step));
      return;
    }
    if (text === ' ---> Using cache') {
      if (step !== undefined) {
        step = {...step, cached: true, completedAt: at};
        events.push(vertexEvent(step));
      }
      return;
    }
    if (BOOKKEEPING.test(text) || step === undefined) {
      if (text.startsWith('Successfully built')) completeStep(at, events);
      events.push({type: 'raw', line: text});
      return;
    }
    events.push({type: 'log', digest: step.digest, text: `${text}\n`});
  }

  function streamText(text: string, at: number, events: BuildEvent[]): void {
    const pieces = (pending + text).split('\n');
    pending = pieces.pop() ?? '';
    for (const piece of pieces) line(piece, at, events);
  }

  function map(message: unknown, at: number): BuildEvent[] {
    const events: BuildEvent[] = [];
    if (!isObject(message)) return events;
    if (typeof message.stream === 'string') streamText(message.stream, at, events);

    const detail = isObject(message.errorDetail) ? message.errorDetail : undefined;
    const error = typeof detail?.message === 'string' ? detail.message : typeof message.error === 'string' ? message.error : undefined;
    if (error !== undefined) {
      if (pending !== '') streamText('\n', at, events);
      failed = true;
      if (step !== undefined) {
        step = {...step, error, completedAt: at};
        events.push(vertexEvent(step));
      }
      events.push({type: 'text', line: `ERROR: ${error}`});
    }

    if (typeof message.status === 'string') {
      const status = message.status;
      const id = typeof message.id === 'string' ? message.id : undefined;
      const progress = isObject(message.progressDetail) ? message.progressDetail : {};
      if (id !== undefined && step !== undefined) {
        events.push({
          type: 'byte-status',
          digest: step.digest,
          status: {
            id,
            name: status,
            current: typeof progress.current === 'number' ? progress.current : 0,
            total: typeof progress.total === 'number' ? progress.total : undefined,
            completed: LAYER_DONE.test(status),
          },
        });
      } else if (step !== undefined) {
        events.push({type: 'log', digest: step.digest, text: `${status}\n`});
      } else {
        events.push({type: 'raw', line: status});
      }
    }

    const aux = isObject(message.aux) ? message.aux : undefined;
    if (typeof aux?.ID === 'string') {
      imageId = aux.ID;
      events.push({type: 'image-id', id: aux.ID});
    }
    return events;
  }

  function finish(at: number, interrupted: boolean): BuildEvent[] {
    const events: BuildEvent[] = [];
    if (pending !== '') {
      line(pending, at, events);
      pending = '';
    }
    if (!interrupted && !failed) completeStep(at, events);
    return events;
  }

  return {
    map,
    finish,
    get failed() {
      return failed;
    },
    get imageId() {
      return imageId;
    },
  };
}

export interface ClassicBuildOptions {
  buildargs: Record<string, string>;
  labels: Record<string, string>;
  nocache?: boolean;
  pull?: boolean;
  target?: string;
  networkmode?: string;
  /** Path of the Dockerfile inside the context. */
  dockerfile?: string;
  /** buildx flags the Engine API has no equivalent for; the build screen says they were ignored. */
  ignored: string[];
}

/** Maps `[sandbox] runtime_extra_build_args` (buildx flags) onto the Engine API's build options. */
export function classicOptionsFromArgs(args: readonly string[]): ClassicBuildOptions {
  const options: ClassicBuildOptions = {buildargs: {}, labels: {}, ignored: []};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const takesValue = ['--build-arg', '--label', '--target', '--network', '--file', '-f'].includes(flag);
    const value = takesValue ? (inline ?? args[++i]) : undefined;
    if (takesValue && value === undefined) {
      options.ignored.push(arg);
      continue;
    }
    switch (flag) {
      case '--build-arg':
      case '--label': {
        const v = value as string;
        const eq = v.indexOf('=');
        // `--build-arg NAME` alone passes NAME from the environment, as the docker CLI does.
        const key = eq === -1 ? v : v.slice(0, eq);
        const val = eq === -1 ? process.env[key] : v.slice(eq + 1);
        if (val === undefined) break;
        if (flag === '--build-arg') options.buildargs[key] = val;
        else options.labels[key] = val;
        break;
      }
      case '--file':
      case '-f':
        options.dockerfile = value;
        break;
      case '--target':
        options.target = value;
        break;
      case '--network':
        options.networkmode = value;
        break;
      case '--no-cache':
        options.nocache = true;
        break;
      case '--pull':
        options.pull = true;
        break;
      default:
        options.ignored.push(arg);
    }
  }
  return options;
}
