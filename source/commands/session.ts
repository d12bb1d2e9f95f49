import {colorEnabled} from '../config/color.js';
import {loadConfigForCommand} from '../config/load-for-command.js';
import type {Config} from '../config/types.js';
import {isUserError} from '../lib/errors.js';
import {trapExitSignals, type Interrupted} from '../lib/exit-signals.js';
import type {RuntimeHandle} from '../runtime/manager.js';
import {openSessionRuntime, type TextSink} from '../runtime/session-runtime.js';
import {vscodeLink} from '../runtime/vscode.js';
import {newSessionId} from '../session/sid.js';
import {drawFirstFrame} from '../ui/first-frame.js';
import {showBuildOn} from '../ui/show-build.js';

export interface SessionCommandOptions {
  configPath: string | undefined;
  sid: string | undefined;
  forceRebuild: boolean;
}

/**
 * `oh-tui [--session <sid>]`: on a terminal, the session screen (session-screen.ts). Without one
 * (until headless runs exist), it brings the session's runtime up (the runtime image is resolved
 * and, when needed, built), prints what a user needs to reach it, then stops the container (kept
 * for `--session`) unless [sandbox] keep_runtime_alive.
 *
 * Every way out stops the container this run found or created, and only that one: the end, an
 * error, or SIGINT (Ctrl+C), SIGTERM or SIGHUP at any step (the build is cancelled, a bring-up
 * half-way is stopped). A signal exits with 128 + its number (130, 143, 129); a second one quits
 * at once without waiting for the container to stop.
 */
export async function runSessionCommand(options: SessionCommandOptions): Promise<number> {
  const config = loadConfigForCommand(options.configPath);
  const sid = options.sid ?? newSessionId();
  const forced = options.forceRebuild ? {...config, sandbox: {...config.sandbox, force_rebuild_runtime: true}} : config;
  const {stdout, stderr} = process;
  if (stdout.isTTY === true && process.stdin.isTTY === true) {
    // No colour: chalk (Ink's colours) reads FORCE_COLOR once, when the screen's modules load.
    if (!colorEnabled(config, process.env)) process.env.FORCE_COLOR = '0';
    // Drawn before the screen's code loads (Ink and the rest take ~250 ms); the screen takes it over.
    const firstFrame = drawFirstFrame(stdout, {sid, color: colorEnabled(config, process.env)});
    const {runSessionScreen} = await import('./session-screen.js');
    return runSessionScreen({config: forced, sid, firstFrame});
  }
  const trap = trapExitSignals({
    onSecond: (interrupted) => {
      stderr.write(`oh-tui: ${interrupted.signalName} again: quitting without waiting for the runtime container to stop\n`);
      process.exit(interrupted.exitCode);
    },
  });
  trap.signal.addEventListener('abort', () => {
    const interrupted = trap.received() as Interrupted;
    stderr.write(`\noh-tui: ${interrupted.message}: cleaning up (${interrupted.signalName} again quits at once)\n`);
  });
  try {
    const handle = await openSessionRuntime({
      config: forced,
      sid,
      stderr,
      build: showBuildOn(stdout, {color: colorEnabled(config, process.env)}),
      signal: trap.signal,
      stopOnFailure: true,
    });
    try {
      await printSession(handle, config, {stdout, stderr, signal: trap.signal});
    } finally {
      await handle.close();
      stdout.write(`\nRun a command in it:  npx oh-tui exec --session ${handle.sid} -- <command>\n`);
      stdout.write(`Resume this session:  npx oh-tui --session ${handle.sid}\n`);
      stdout.write(
        config.sandbox.keep_runtime_alive
          ? `The runtime container keeps running ([sandbox] keep_runtime_alive).\n`
          : `The runtime container is stopped and kept for --session ${handle.sid}.\n`,
      );
    }
    return trap.received()?.exitCode ?? 0;
  } catch (error) {
    // Whatever the interrupted step threw (an abort, a cancelled build), the signal decides the code.
    const interrupted = trap.received();
    if (interrupted === undefined) throw error;
    return interrupted.exitCode;
  } finally {
    trap.dispose();
  }
}

async function printSession(
  handle: RuntimeHandle,
  config: Config,
  io: {stdout: TextSink; stderr: TextSink; signal: AbortSignal},
): Promise<void> {
  const {stdout, stderr} = io;
  stdout.write(`session    ${handle.sid}\n`);
  stdout.write(`container  ${handle.containerName} (${handle.origin}, ${handle.state})\n`);
  stdout.write(`image      ${handle.image}\n`);
  stdout.write(`workspace  ${config.core.workspace_base} -> ${config.core.workspace_mount_path_in_sandbox}\n`);
  if (!handle.vscodeAddress) return;
  stderr.write(`oh-tui: Waiting for VS Code (openvscode-server) on port ${handle.vscodeAddress.port}\n`);
  try {
    // Printed on a line of its own, unboxed, so it can be copied as is.
    stdout.write(`VS Code    ${await vscodeLink(handle, config, process.env, {signal: io.signal})}\n`);
  } catch (error) {
    if (!isUserError(error)) throw error;
    stderr.write(`oh-tui: warning: no VS Code link: ${error.message}\n`);
  }
}
