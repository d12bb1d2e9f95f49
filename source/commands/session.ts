import {loadConfigForCommand} from '../config/load-for-command.js';
import {isUserError} from '../lib/errors.js';
import {openSessionRuntime} from '../runtime/session-runtime.js';
import {vscodeLink} from '../runtime/vscode.js';
import {newSessionId} from '../session/sid.js';
import {showBuildOn} from '../ui/show-build.js';

export interface SessionCommandOptions {
  configPath: string | undefined;
  sid: string | undefined;
  forceRebuild: boolean;
}

/**
 * `oh-tui [--session <sid>]`: brings the session's runtime up (the runtime image is resolved and,
 * when needed, built on the build screen), prints what a user needs to reach it, then stops the
 * container (kept for `--session`) unless [sandbox] keep_runtime_alive. The session screen with
 * the agent comes on top of this.
 */
export async function runSessionCommand(options: SessionCommandOptions): Promise<number> {
  const config = loadConfigForCommand(options.configPath);
  const sid = options.sid ?? newSessionId();
  const forced = options.forceRebuild ? {...config, sandbox: {...config.sandbox, force_rebuild_runtime: true}} : config;
  const handle = await openSessionRuntime({config: forced, sid, stderr: process.stderr, build: showBuildOn(process.stdout)});
  const out = process.stdout;
  out.write(`session    ${handle.sid}\n`);
  out.write(`container  ${handle.containerName} (${handle.origin}, ${handle.state})\n`);
  out.write(`image      ${handle.image}\n`);
  out.write(`workspace  ${config.core.workspace_base} -> ${config.core.workspace_mount_path_in_sandbox}\n`);
  if (handle.vscodeAddress) {
    try {
      // Printed on a line of its own, unboxed, so it can be copied as is.
      out.write(`VS Code    ${await vscodeLink(handle, config)}\n`);
    } catch (error) {
      if (!isUserError(error)) throw error;
      process.stderr.write(`oh-tui: warning: no VS Code link: ${error.message}\n`);
    }
  }
  out.write(`\nRun a command in it:  npx oh-tui exec --session ${handle.sid} -- <command>\n`);
  out.write(`Resume this session:  npx oh-tui --session ${handle.sid}\n`);
  await handle.close();
  out.write(
    config.sandbox.keep_runtime_alive
      ? `The runtime container keeps running ([sandbox] keep_runtime_alive).\n`
      : `The runtime container is stopped and kept for --session ${handle.sid}.\n`,
  );
  return 0;
}
