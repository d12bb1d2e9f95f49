/**
 * Build progress as plain lines, for output that is not a terminal (CI logs, pipes, --json):
 * one line when a step starts and one when it ends, and on failure the failing step's log and
 * a hint. `nextLines` is pure; createBuildLogPrinter writes its lines to a stream.
 */
import {failureReport} from '../image/build-hints.js';
import {formatSeconds, isBuildOk, orderedVertices, vertexElapsedMs, vertexState, type BuildProgress} from '../image/build-progress.js';
import type {ImagePlan} from '../image/plan.js';

export interface PrinterState {
  headerDone: boolean;
  started: ReadonlySet<string>;
  ended: ReadonlySet<string>;
  outcomeDone: boolean;
}

export const initialPrinterState: PrinterState = {headerDone: false, started: new Set(), ended: new Set(), outcomeDone: false};

/** Step names are whole Dockerfile lines; a log line carries the start of one, like buildx's own. */
export const STEP_NAME_CHARS = 100;

function stepName(name: string): string {
  const oneLine = name.replace(/\s+/g, ' ');
  return oneLine.length > STEP_NAME_CHARS ? `${oneLine.slice(0, STEP_NAME_CHARS - 1)}…` : oneLine;
}

export function nextLines(state: PrinterState, progress: BuildProgress, plan?: ImagePlan): {state: PrinterState; lines: string[]} {
  const lines: string[] = [];
  let headerDone = state.headerDone;
  if (!headerDone && progress.builder !== undefined) {
    headerDone = true;
    const image = plan === undefined ? 'the image' : plan.image;
    if (progress.buildxMissing) lines.push("buildx is not available: building with the Docker Engine's classic builder");
    lines.push(`Building ${image} with ${progress.builder === 'buildx' ? 'docker buildx' : 'the classic builder'}`);
  }
  const started = new Set(state.started);
  const ended = new Set(state.ended);
  for (const vertex of orderedVertices(progress)) {
    const status = vertexState(progress, vertex);
    if (vertex.internal && status !== 'failed') continue;
    if (status === 'running' && !started.has(vertex.digest)) {
      started.add(vertex.digest);
      lines.push(`▸ ${stepName(vertex.name)}`);
    }
    if ((status === 'done' || status === 'cached' || status === 'failed') && !ended.has(vertex.digest)) {
      started.add(vertex.digest);
      ended.add(vertex.digest);
      const elapsed = vertexElapsedMs(progress, vertex, progress.endedAt ?? 0);
      const suffix = status === 'cached' ? 'CACHED' : `(${formatSeconds(elapsed ?? 0)})`;
      lines.push(`${status === 'failed' ? '✖' : '✔'} ${stepName(vertex.name)} ${suffix}`);
    }
  }
  let outcomeDone = state.outcomeDone;
  if (progress.finished && !outcomeDone) {
    outcomeDone = true;
    lines.push(...outcomeLines(progress, plan));
  }
  return {state: {headerDone, started, ended, outcomeDone}, lines};
}

function outcomeLines(progress: BuildProgress, plan: ImagePlan | undefined): string[] {
  const took =
    progress.startedAt !== undefined && progress.endedAt !== undefined ? ` in ${formatSeconds(progress.endedAt - progress.startedAt)}` : '';
  if (progress.cancelled) return [`Build cancelled (exit code ${progress.exitCode}): no image was tagged.`];
  if (isBuildOk(progress)) return [`Built ${plan?.image ?? 'the image'}${took}`];
  const lines: string[] = [];
  const {step, errors, hint} = failureReport(progress);
  if (step !== undefined) {
    lines.push(`Log of ${step.name}:`);
    if (step.log.elided > 0) lines.push(`  … ${step.log.elided} earlier lines not shown`);
    lines.push(...step.log.lines.map((line) => `  | ${line}`));
  }
  lines.push(...errors);
  if (hint !== undefined) lines.push(`hint: ${hint}`);
  lines.push(`Build failed (exit code ${progress.exitCode})${took}`);
  return lines;
}

export interface BuildLogPrinter {
  update(progress: BuildProgress): void;
}

export function createBuildLogPrinter(write: (text: string) => void, plan?: ImagePlan): BuildLogPrinter {
  let state = initialPrinterState;
  return {
    update(progress) {
      const next = nextLines(state, progress, plan);
      state = next.state;
      if (next.lines.length > 0) write(`${next.lines.join('\n')}\n`);
    },
  };
}
