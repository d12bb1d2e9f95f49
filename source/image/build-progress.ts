/**
 * One progress model for both builders: buildx rawjson (via solve-status.ts) and the classic
 * Engine API stream (via classic-builder.ts) are both turned into BuildEvents and folded here.
 * The reducer is pure and every list in the state is bounded, whatever a build prints.
 */
import stripAnsi from 'strip-ansi';
import {appendLines, emptyLines, lastLines, type BoundedLines} from './bounded-lines.js';

export type BuilderKind = 'buildx' | 'classic';

/** A byte counter of a step (a layer pull, the context upload). */
export interface ByteStatus {
  id: string;
  name: string;
  current: number;
  total: number | undefined;
  completed: boolean;
}

export interface BuildVertex {
  digest: string;
  name: string;
  /** `#N` in buildx's plain output: the order in which vertices were first seen. */
  number: number;
  /** `[internal] load ...` bookkeeping steps, which the screen hides once they are done. */
  internal: boolean;
  startedAt: number | undefined;
  completedAt: number | undefined;
  cached: boolean;
  error: string | undefined;
  /** The newest complete log lines, for the live view. */
  tail: BoundedLines;
  /** Text after the last newline (a progress bar redrawn with \r, or a line still being written). */
  partial: string;
  /** The whole log (complete lines, each ending in \n) up to a cap; its oldest part goes beyond it. */
  log: string;
  logDroppedLines: number;
  statuses: readonly ByteStatus[];
}

export interface BuildLimits {
  tailLines: number;
  vertexLogChars: number;
  totalLogChars: number;
  rawLogLines: number;
  textLines: number;
  lineChars: number;
  statusesPerVertex: number;
}

export const DEFAULT_LIMITS: BuildLimits = {
  tailLines: 200,
  vertexLogChars: 1_000_000,
  totalLogChars: 8_000_000,
  rawLogLines: 5_000,
  textLines: 200,
  lineChars: 16_384,
  statusesPerVertex: 32,
};

export interface BuildProgress {
  builder: BuilderKind | undefined;
  /** buildx was looked for and not found, so the classic builder runs. */
  buildxMissing: boolean;
  startedAt: number | undefined;
  vertices: ReadonlyMap<string, BuildVertex>;
  /** Digests in display order (first seen). */
  order: readonly string[];
  /** Every line as buildx's plain mode would print it, for the raw-log view. */
  rawLog: BoundedLines;
  /** Lines that were not progress JSON (`ERROR: failed to solve: ...`) and errors of our own. */
  textLines: BoundedLines;
  imageId: string | undefined;
  cancelRequested: boolean;
  finished: boolean;
  exitCode: number | undefined;
  cancelled: boolean;
  failingDigest: string | undefined;
  endedAt: number | undefined;
  /** Characters held in all vertex logs, kept under limits.totalLogChars. */
  logChars: number;
  limits: BuildLimits;
}

export type BuildEvent =
  | {type: 'start'; builder: BuilderKind; at: number; buildxMissing?: boolean}
  /** The full current state of a vertex (buildkit resends the whole vertex on each change). */
  | {
      type: 'vertex';
      digest: string;
      name: string;
      startedAt: number | undefined;
      completedAt: number | undefined;
      cached: boolean;
      error: string | undefined;
    }
  | {type: 'log'; digest: string; text: string}
  | {type: 'byte-status'; digest: string; status: ByteStatus}
  | {type: 'warning'; digest: string | undefined; text: string}
  /** A line that is not progress JSON: kept as error text and in the raw log. */
  | {type: 'text'; line: string}
  /** A line for the raw log only (the classic builder's ` ---> Running in ...` bookkeeping). */
  | {type: 'raw'; line: string}
  | {type: 'image-id'; id: string}
  | {type: 'cancel-requested'}
  | {type: 'end'; exitCode: number; cancelled: boolean; at: number};

export function createBuildProgress(limits: Partial<BuildLimits> = {}): BuildProgress {
  const all = {...DEFAULT_LIMITS, ...limits};
  return {
    builder: undefined,
    buildxMissing: false,
    startedAt: undefined,
    vertices: new Map(),
    order: [],
    rawLog: emptyLines(all.rawLogLines),
    textLines: emptyLines(all.textLines),
    imageId: undefined,
    cancelRequested: false,
    finished: false,
    exitCode: undefined,
    cancelled: false,
    failingDigest: undefined,
    endedAt: undefined,
    logChars: 0,
    limits: all,
  };
}

export function reduceBuildProgress(state: BuildProgress, event: BuildEvent): BuildProgress {
  switch (event.type) {
    case 'start':
      return {...state, builder: event.builder, startedAt: event.at, buildxMissing: event.buildxMissing ?? state.buildxMissing};
    case 'vertex':
      return applyVertex(state, event);
    case 'log':
      return applyLog(state, event.digest, event.text);
    case 'byte-status':
      return applyByteStatus(state, event.digest, event.status);
    case 'warning': {
      const vertex = event.digest === undefined ? undefined : state.vertices.get(event.digest);
      const line = `${vertex === undefined ? '' : `#${vertex.number} `}WARN: ${event.text}`;
      return {...state, rawLog: appendLines(state.rawLog, [line])};
    }
    case 'text': {
      const line = cleanLine(event.line, state.limits.lineChars);
      return {...state, textLines: appendLines(state.textLines, [line]), rawLog: appendLines(state.rawLog, [line])};
    }
    case 'raw':
      return {...state, rawLog: appendLines(state.rawLog, [cleanLine(event.line, state.limits.lineChars)])};
    case 'image-id':
      return {...state, imageId: event.id};
    case 'cancel-requested':
      return {...state, cancelRequested: true};
    case 'end':
      return {
        ...state,
        finished: true,
        exitCode: event.exitCode,
        cancelled: event.cancelled,
        endedAt: event.at,
        // A cancel marks the running steps "context canceled": that is not their failure.
        failingDigest: event.cancelled ? undefined : (state.failingDigest ?? firstErroredVertex(state)),
      };
  }
}

export function reduceAll(state: BuildProgress, events: readonly BuildEvent[]): BuildProgress {
  let next = state;
  for (const event of events) next = reduceBuildProgress(next, event);
  return next;
}

function newVertex(digest: string, name: string, number: number, limits: BuildLimits): BuildVertex {
  return {
    digest,
    name,
    number,
    internal: name.startsWith('[internal]'),
    startedAt: undefined,
    completedAt: undefined,
    cached: false,
    error: undefined,
    tail: emptyLines(limits.tailLines),
    partial: '',
    log: '',
    logDroppedLines: 0,
    statuses: [],
  };
}

/** The vertex for a digest, created (and put in display order) when first seen. */
function ensureVertex(state: BuildProgress, digest: string, name = digest): [BuildProgress, BuildVertex] {
  const existing = state.vertices.get(digest);
  if (existing !== undefined) return [state, existing];
  const vertex = newVertex(digest, name, state.order.length + 1, state.limits);
  const vertices = new Map(state.vertices).set(digest, vertex);
  return [{...state, vertices, order: [...state.order, digest]}, vertex];
}

function withVertex(state: BuildProgress, vertex: BuildVertex): BuildProgress {
  return {...state, vertices: new Map(state.vertices).set(vertex.digest, vertex)};
}

function applyVertex(state: BuildProgress, event: Extract<BuildEvent, {type: 'vertex'}>): BuildProgress {
  const [created, before] = ensureVertex(state, event.digest, event.name);
  let next = created;
  const after: BuildVertex = {
    ...before,
    name: event.name,
    internal: event.name.startsWith('[internal]'),
    startedAt: event.startedAt,
    completedAt: event.completedAt,
    cached: event.cached,
    error: event.error,
  };
  const raw: string[] = [];
  const tag = `#${after.number}`;
  const wasStarted = before.startedAt !== undefined || before.completedAt !== undefined;
  if (!wasStarted && (after.startedAt !== undefined || after.completedAt !== undefined)) raw.push(`${tag} ${after.name}`);
  const wasFinished = before.completedAt !== undefined && before.startedAt === after.startedAt;
  if (after.completedAt !== undefined && !wasFinished) {
    if (after.error !== undefined) raw.push(`${tag} ERROR: ${after.error}`);
    else if (after.cached) raw.push(`${tag} CACHED`);
    else raw.push(`${tag} DONE ${formatSeconds(elapsedOf(after, after.completedAt))}`);
  }
  next = withVertex(next, after);
  if (raw.length > 0) next = {...next, rawLog: appendLines(next.rawLog, raw)};
  if (after.error !== undefined && !next.cancelRequested && shouldBecomeFailing(next, after.error)) {
    next = {...next, failingDigest: after.digest};
  }
  return next;
}

function applyLog(state: BuildProgress, digest: string, text: string): BuildProgress {
  const limits = state.limits;
  const [created, existing] = ensureVertex(state, digest);
  let next = created;
  let vertex = existing;
  const pieces = (vertex.partial + text).split('\n');
  let partial = pieces.pop() ?? '';
  const lines = pieces.map((line) => cleanLine(line, limits.lineChars));
  // A line with no newline in sight is cut, so one endless line cannot grow memory.
  if (partial.length > limits.lineChars) {
    lines.push(cleanLine(partial, limits.lineChars));
    partial = '';
  }
  let log = vertex.log;
  let logDroppedLines = vertex.logDroppedLines;
  let logChars = next.logChars - log.length;
  if (lines.length > 0) {
    log += `${lines.join('\n')}\n`;
    if (log.length > limits.vertexLogChars) {
      // Drop down to three quarters of the cap at a line boundary, so the cut happens rarely.
      let cut = log.length - Math.floor(limits.vertexLogChars * 0.75);
      const newline = log.indexOf('\n', cut - 1);
      cut = newline === -1 ? log.length : newline + 1;
      logDroppedLines += countNewlines(log, cut);
      log = log.slice(cut);
    }
  }
  logChars += log.length;
  vertex = {...vertex, partial, log, logDroppedLines, tail: appendLines(vertex.tail, lines)};
  next = withVertex(next, vertex);
  next = {
    ...next,
    logChars,
    rawLog: appendLines(
      next.rawLog,
      lines.map((line) => `#${vertex.number} ${line}`),
    ),
  };
  return logChars > limits.totalLogChars ? shedFinishedLogs(next, digest) : next;
}

/** Over the global budget: forget the whole logs of steps that finished fine, oldest first. */
function shedFinishedLogs(state: BuildProgress, keep: string): BuildProgress {
  let vertices: Map<string, BuildVertex> | undefined;
  let logChars = state.logChars;
  for (const digest of state.order) {
    if (logChars <= state.limits.totalLogChars) break;
    const vertex = state.vertices.get(digest);
    if (vertex === undefined || digest === keep || vertex.log === '') continue;
    if (vertex.completedAt === undefined || vertex.error !== undefined) continue;
    vertices ??= new Map(state.vertices);
    logChars -= vertex.log.length;
    vertices.set(digest, {...vertex, log: '', logDroppedLines: vertex.logDroppedLines + countNewlines(vertex.log, vertex.log.length)});
  }
  return vertices === undefined ? state : {...state, vertices, logChars};
}

function applyByteStatus(state: BuildProgress, digest: string, status: ByteStatus): BuildProgress {
  const [next, vertex] = ensureVertex(state, digest);
  const index = vertex.statuses.findIndex((existing) => existing.id === status.id);
  const previous = index === -1 ? undefined : vertex.statuses[index];
  let statuses = index === -1 ? [...vertex.statuses, status] : vertex.statuses.map((s, i) => (i === index ? status : s));
  if (statuses.length > state.limits.statusesPerVertex) {
    const oldestDone = statuses.findIndex((s) => s.completed);
    statuses = statuses.filter((_, i) => i !== (oldestDone === -1 ? 0 : oldestDone));
  }
  const updated = withVertex(next, {...vertex, statuses});
  if (!status.completed || previous?.completed === true) return updated;
  const amount = formatAmount(status.current, status.total);
  const line =
    status.current > 0 || status.total !== undefined
      ? `#${vertex.number} ${status.id} ${amount} done`
      : `#${vertex.number} ${status.id} done`;
  return {...updated, rawLog: appendLines(updated.rawLog, [line])};
}

/** When one step fails, buildkit cancels its siblings: their "context canceled" is not the cause. */
export function isCancellation(error: string): boolean {
  return /context canceled|^Canceled:/i.test(error);
}

function shouldBecomeFailing(state: BuildProgress, error: string): boolean {
  const current = state.failingDigest === undefined ? undefined : state.vertices.get(state.failingDigest)?.error;
  return current === undefined || (isCancellation(current) && !isCancellation(error));
}

function firstErroredVertex(state: BuildProgress): string | undefined {
  const errored = state.order.filter((digest) => state.vertices.get(digest)?.error !== undefined);
  return errored.find((digest) => !isCancellation(state.vertices.get(digest)?.error ?? '')) ?? errored[0];
}

/** What a terminal would show for the line: text after the last carriage return, no ANSI codes. */
export function cleanLine(line: string, maxChars: number): string {
  let text = line.endsWith('\r') ? line.slice(0, -1) : line;
  const cr = text.lastIndexOf('\r');
  if (cr !== -1) text = text.slice(cr + 1);
  text = stripAnsi(text);
  return text.length > maxChars ? `${text.slice(0, maxChars)}…` : text;
}

function countNewlines(text: string, end: number): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function elapsedOf(vertex: BuildVertex, end: number): number {
  return vertex.startedAt === undefined ? 0 : Math.max(0, end - vertex.startedAt);
}

// ---- Selectors shared by the build screen and the plain printer ----

export type VertexState = 'waiting' | 'running' | 'done' | 'cached' | 'failed' | 'cancelled';

export function vertexState(progress: BuildProgress, vertex: BuildVertex): VertexState {
  if (vertex.error !== undefined) {
    if (vertex.digest === progress.failingDigest) return 'failed';
    return progress.cancelRequested || progress.cancelled || isCancellation(vertex.error) ? 'cancelled' : 'failed';
  }
  if (vertex.completedAt !== undefined) return vertex.cached ? 'cached' : 'done';
  if (vertex.startedAt !== undefined) return progress.finished ? 'cancelled' : 'running';
  return 'waiting';
}

/** Milliseconds a step has run: to its completion, the build's end, or `now` while it runs. */
export function vertexElapsedMs(progress: BuildProgress, vertex: BuildVertex, now: number): number | undefined {
  if (vertex.startedAt === undefined) return undefined;
  return elapsedOf(vertex, vertex.completedAt ?? progress.endedAt ?? now);
}

export function orderedVertices(progress: BuildProgress): BuildVertex[] {
  const out: BuildVertex[] = [];
  for (const digest of progress.order) {
    const vertex = progress.vertices.get(digest);
    if (vertex !== undefined) out.push(vertex);
  }
  return out;
}

export function failingVertex(progress: BuildProgress): BuildVertex | undefined {
  return progress.failingDigest === undefined ? undefined : progress.vertices.get(progress.failingDigest);
}

/** The newest `count` lines of a step's log, the unfinished last line included. */
export function vertexTail(vertex: BuildVertex, count: number): string[] {
  const partial = vertex.partial === '' ? [] : [cleanLine(vertex.partial, 4096)];
  const lines = lastLines(vertex.tail, Math.max(0, count - partial.length));
  return [...lines, ...partial].slice(-count);
}

/** A step's whole log (its newest `maxLines` lines) and how many earlier lines are not shown. */
export function vertexLog(vertex: BuildVertex, maxLines: number): {lines: string[]; elided: number} {
  const lines = vertex.log === '' ? [] : vertex.log.slice(0, -1).split('\n');
  if (vertex.partial !== '') lines.push(cleanLine(vertex.partial, 4096));
  // The whole log may have been shed to stay in budget; the tail is still there.
  const source = lines.length === 0 && vertex.tail.size > 0 ? lastLines(vertex.tail) : lines;
  const hidden = source === lines ? vertex.logDroppedLines : vertex.tail.dropped;
  const shown = source.slice(-maxLines);
  return {lines: shown, elided: hidden + source.length - shown.length};
}

export function isBuildOk(progress: BuildProgress): boolean {
  return progress.finished && progress.exitCode === 0 && !progress.cancelled;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes}B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 2 : value < 100 ? 1 : 0)}${units[unit]}`;
}

/** Bytes so far, and of how many when the total is known: `1.50MB / 3.00MB`. */
export function formatAmount(current: number, total: number | undefined): string {
  return total === undefined ? formatBytes(current) : `${formatBytes(current)} / ${formatBytes(total)}`;
}
