import {render, Static, useInput, useStdin} from 'ink';
import {useCallback, useState} from 'react';
import {createBuildProgress, type BuildProgress} from '../image/build-progress.js';
import {runBuild, type BuildRequest, type BuildResult} from '../image/builder.js';
import type {ImagePlan} from '../image/plan.js';
import {createBuildLogPrinter} from './build-log-printer.js';
import {createSnapshot, useThrottledSnapshot, type Snapshot} from './hooks/use-throttled-snapshot.js';
import {BuildScreen} from './screens/BuildScreen.js';

export interface BuildWithScreenOptions {
  plan: ImagePlan;
  request: Omit<BuildRequest, 'onProgress' | 'signal'>;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  /** Plain lines even on a terminal (e.g. with --json, when stdout carries the JSON). */
  plain?: boolean;
  /** Cancels the build from outside (the command was told to stop), as Esc does. */
  signal?: AbortSignal;
  /** The command's colour decision (colorEnabled); the plain lines have no colour either way. */
  color: boolean;
}

const REPAINT_MS = 100;

/**
 * Runs a build and shows it: the build screen on a terminal (`l` raw log, Esc or Ctrl+C cancel),
 * plain progress lines otherwise. Resolves with the build's result; a failure is not an exception.
 */
export async function buildWithScreen(options: BuildWithScreenOptions): Promise<BuildResult> {
  const stdout = options.stdout ?? process.stdout;
  const controller = new AbortController();
  // Ctrl+C outside raw mode (plain output, or stdin not a terminal) cancels too, instead of
  // killing us and leaving buildx to finish and tag behind our back.
  const cancel = () => controller.abort();
  process.on('SIGINT', cancel);
  // Cancelled from outside, the reason goes along: it says which exit code the build reports.
  const outside = options.signal;
  const cancelFromOutside = () => controller.abort(outside?.reason);
  if (outside?.aborted) cancelFromOutside();
  outside?.addEventListener('abort', cancelFromOutside, {once: true});
  try {
    if (options.plain === true || stdout.isTTY !== true) return await buildPlain(options, stdout, controller);
    return await buildOnScreen(options, stdout, controller);
  } finally {
    process.off('SIGINT', cancel);
    outside?.removeEventListener('abort', cancelFromOutside);
  }
}

async function buildPlain(options: BuildWithScreenOptions, stdout: NodeJS.WriteStream, controller: AbortController): Promise<BuildResult> {
  const printer = createBuildLogPrinter((text) => stdout.write(text), options.plan);
  const result = await runBuild({...options.request, signal: controller.signal, onProgress: (progress) => printer.update(progress)});
  printer.update(result.progress);
  return result;
}

async function buildOnScreen(
  options: BuildWithScreenOptions,
  stdout: NodeJS.WriteStream,
  controller: AbortController,
): Promise<BuildResult> {
  const snapshot = createSnapshot(createBuildProgress());
  const cancel = () => controller.abort();
  const app = (final: BuildProgress | undefined) => (
    <LiveBuildScreen plan={options.plan} snapshot={snapshot} onCancel={cancel} final={final} color={options.color} />
  );
  const instance = render(app(undefined), {
    stdout,
    stdin: options.stdin ?? process.stdin,
    exitOnCtrlC: false,
    // Stray console output goes above the screen; hosts whose console is not Node's (test
    // runners) cannot be patched.
    patchConsole: typeof console.Console === 'function',
  });
  try {
    const result = await runBuild({...options.request, signal: controller.signal, onProgress: (progress) => snapshot.set(progress)});
    // The last frame goes out through <Static>: printed once into the scrollback, so a long
    // failure log never turns into a full-screen redraw.
    instance.rerender(app(result.progress));
    return result;
  } finally {
    instance.unmount();
    await instance.waitUntilExit();
  }
}

const isRunning = (progress: BuildProgress) => !progress.finished;

export interface LiveBuildScreenProps {
  plan: ImagePlan;
  /** Written by the build's progress callback; read here at most every REPAINT_MS. */
  snapshot: Snapshot<BuildProgress>;
  onCancel: () => void;
  /** Set when the build is over: the final frame, printed once. */
  final?: BuildProgress | undefined;
  /**
   * Inside the session screen: the composer has the keys, so `l` is text and Ctrl+C is the
   * session's; only Esc cancels the build.
   */
  embedded?: boolean;
  /** False with [core] disable_color or NO_COLOR. */
  color: boolean;
}

/** The build screen with its keys and repaint throttle; a full-screen app can embed it as is. */
export function LiveBuildScreen({plan, snapshot, onCancel, final, color, embedded = false}: LiveBuildScreenProps) {
  const [showRawLog, setShowRawLog] = useState(false);
  const {value: progress, now} = useThrottledSnapshot(snapshot, REPAINT_MS, isRunning);
  const {isRawModeSupported} = useStdin();
  useInput(
    useCallback(
      (input, key) => {
        if (embedded) {
          if (key.escape) onCancel();
        } else if (input === 'l') setShowRawLog((shown) => !shown);
        else if (key.escape || (key.ctrl && input === 'c')) onCancel();
      },
      [onCancel, embedded],
    ),
    {isActive: isRawModeSupported && final === undefined},
  );
  if (final !== undefined) {
    return (
      <Static items={[final]}>
        {(item) => (
          <BuildScreen key="final" plan={plan} progress={item} showRawLog={false} now={item.endedAt ?? Date.now()} color={color} />
        )}
      </Static>
    );
  }
  return <BuildScreen plan={plan} progress={progress} showRawLog={showRawLog} now={now} color={color} />;
}
