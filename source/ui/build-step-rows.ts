import {
  formatAmount,
  formatSeconds,
  orderedVertices,
  vertexElapsedMs,
  vertexState,
  vertexTail,
  type BuildProgress,
  type BuildVertex,
  type VertexState,
} from '../image/build-progress.js';

export type StepRow =
  | {kind: 'step'; key: string; state: VertexState; name: string; right: string; dim: boolean}
  | {kind: 'log'; key: string; text: string}
  | {kind: 'bar'; key: string; label: string; fraction: number | undefined; amount: string}
  | {kind: 'summary'; key: string; text: string};

export interface StepRowOptions {
  now: number;
  /** Rows available for the tree; undefined = no limit. */
  height: number | undefined;
  /** Log lines shown under a running step (buildkit's tty shows 6). */
  logLines?: number;
  maxBars?: number;
}

/** `[internal]` bookkeeping is shown only while it runs or when it failed. */
function isVisible(vertex: BuildVertex, state: VertexState): boolean {
  if (!vertex.internal) return true;
  return state === 'running' || state === 'failed';
}

/**
 * The build screen's step tree as a flat list of rows, fitted to a height: pure, so the
 * "what fits on a 24-row terminal" rules are tested without rendering.
 */
export function stepRows(progress: BuildProgress, options: StepRowOptions): StepRow[] {
  const logLines = options.logLines ?? 6;
  const maxBars = options.maxBars ?? 4;
  const groups: {finished: boolean; rows: StepRow[]}[] = [];
  let bars = 0;
  for (const vertex of orderedVertices(progress)) {
    const state = vertexState(progress, vertex);
    if (!isVisible(vertex, state)) continue;
    const elapsed = vertexElapsedMs(progress, vertex, options.now);
    const right = state === 'cached' ? 'CACHED' : elapsed === undefined ? '' : formatSeconds(elapsed);
    const rows: StepRow[] = [{kind: 'step', key: vertex.digest, state, name: vertex.name, right, dim: vertex.internal}];
    if (state === 'running') {
      for (const status of vertex.statuses) {
        if (status.completed || bars >= maxBars) continue;
        bars++;
        const known = status.total !== undefined && status.total > 0;
        rows.push({
          kind: 'bar',
          key: `${vertex.digest}:bar:${status.id}`,
          label: status.id,
          fraction: known ? Math.min(1, status.current / (status.total as number)) : undefined,
          amount: formatAmount(status.current, known ? status.total : undefined),
        });
      }
      for (const [i, text] of vertexTail(vertex, logLines).entries()) rows.push({kind: 'log', key: `${vertex.digest}:log:${i}`, text});
    }
    groups.push({finished: state === 'done' || state === 'cached', rows});
  }
  return fitRows(groups, options.height);
}

/**
 * Over the height: fold the oldest finished steps into one summary row, then shorten the logs,
 * then keep the newest rows, like buildkit's tty display does.
 */
function fitRows(groups: {finished: boolean; rows: StepRow[]}[], height: number | undefined): StepRow[] {
  const flat = () => groups.flatMap((group) => group.rows);
  // Kept up to date as rows are dropped, rather than recounted on every check.
  let rowCount = groups.reduce((sum, group) => sum + group.rows.length, 0);
  if (height === undefined || rowCount <= height) return flat();
  let folded = 0;
  const count = () => rowCount + (folded > 0 ? 1 : 0);
  while (count() > height) {
    const index = groups.findIndex((group) => group.finished);
    if (index === -1) break;
    const [dropped] = groups.splice(index, 1);
    rowCount -= dropped?.rows.length ?? 0;
    folded++;
  }
  while (count() > height && groups.some((group) => group.rows.filter((row) => row.kind === 'log').length > 1)) {
    for (const group of groups) {
      const logIndex = group.rows.findIndex((row) => row.kind === 'log');
      if (logIndex !== -1 && group.rows.filter((row) => row.kind === 'log').length > 1) {
        group.rows.splice(logIndex, 1);
        rowCount--;
      }
    }
  }
  const summary: StepRow[] =
    folded > 0 ? [{kind: 'summary', key: 'folded', text: `✔ ${folded} earlier step${folded === 1 ? '' : 's'} done`}] : [];
  const rows = [...summary, ...flat()];
  return rows.slice(Math.max(0, rows.length - Math.max(1, height)));
}
