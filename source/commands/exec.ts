import {loadConfigForCommand} from '../config/load-for-command.js';
import {cmdRunAction} from '../events/actions.js';
import {exitCodeOf, type Observation} from '../events/observations.js';
import {crlfToLf} from '../runtime/crlf.js';
import {openSessionRuntime, type TextSink} from '../runtime/session-runtime.js';
import {showBuildOn} from '../ui/show-build.js';

export interface ExecCommandOptions {
  configPath: string | undefined;
  /** The session; when absent, the workspace's default session (`<folder>-<hash of path>`). */
  sid: string | undefined;
  /** Joined with spaces and run by the session's bash, as ssh does: `exec -- 'ls | wc -l'` pipes. */
  command: string[];
}

/**
 * `oh-tui exec [--session <sid>] -- <command...>`: runs one command in the session's persistent
 * shell (a `cd` or `export` lasts until the next call), streaming its output as it is produced, and
 * returns its exit code. The container is brought up if needed and left running.
 */
export async function runExecCommand(options: ExecCommandOptions): Promise<number> {
  const {stdout, stderr} = process;
  const config = loadConfigForCommand(options.configPath);
  // Plain build lines on stderr: stdout carries the command's output.
  const handle = await openSessionRuntime({config, sid: options.sid, stderr, build: showBuildOn(stderr, {plain: true})});
  const command = options.command.join(' ');
  const timeout = config.sandbox.timeout;
  const lineEnds = crlfToLf();
  let endsWithNewline = true;
  const write = (text: string) => {
    if (!text) return;
    endsWithNewline = text.endsWith('\n');
    stdout.write(text);
  };

  const ctrlC = interruptOnCtrlC(stderr);
  const interrupt = ctrlC.signal;
  let observation: Observation;
  try {
    observation = await handle.client.runStreaming(cmdRunAction(command, {timeout}), (chunk) => write(lineEnds.push(chunk)), {interrupt});
  } finally {
    ctrlC.dispose();
    handle.client.dispose();
  }
  write(lineEnds.end());
  // The shell's prompt follows output without a final newline; keep the next shell prompt tidy.
  if (!endsWithNewline) stdout.write('\n');

  const code = exitCodeOf(observation);
  if (code === undefined) {
    stderr.write(`oh-tui: ${observation.observation}: ${observation.content}\n`);
    return 1;
  }
  if (code < 0) {
    stderr.write(`oh-tui: the command is still running in the session's shell after ${timeout} s ([sandbox] timeout)\n`);
    return 124;
  }
  return Math.min(code, 255);
}

/**
 * While the command runs, the first Ctrl+C interrupts it in the container (its exit code, 130,
 * comes back as usual); a second one leaves at once, as an interrupted process does.
 */
function interruptOnCtrlC(stderr: TextSink): {signal: AbortSignal; dispose(): void} {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) {
      process.exit(130);
    }
    stderr.write('\noh-tui: interrupting the command (Ctrl+C again to leave it running and quit)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return {signal: controller.signal, dispose: () => process.off('SIGINT', onSigint)};
}
