import {loadConfigForCommand} from '../config/load-for-command.js';
import {openLink} from '../runtime/open-link.js';
import {openSessionRuntime} from '../runtime/session-runtime.js';
import {vscodeLink} from '../runtime/vscode.js';
import {showBuildOn} from '../ui/show-build.js';

export interface VscodeCommandOptions {
  configPath: string | undefined;
  /** The session; when absent, the workspace's default session (as `oh-tui exec`). */
  sid: string | undefined;
  /** Also open the link in a browser (when there is one to open). */
  open: boolean;
}

/**
 * `oh-tui vscode [--session <sid>] [--open]`: prints the session's VS Code link on a line of its
 * own (copyable), bringing the container up if needed; with --open, opens it too.
 */
export async function runVscodeCommand(options: VscodeCommandOptions): Promise<number> {
  const {stdout, stderr, env} = process;
  const config = loadConfigForCommand(options.configPath);
  // Plain build lines on stderr: stdout carries only the link.
  const handle = await openSessionRuntime({config, sid: options.sid, stderr, env, build: showBuildOn(stderr, {plain: true})});
  let url: string;
  try {
    url = await vscodeLink(handle, config, env);
  } finally {
    handle.client.dispose();
  }
  stdout.write(`${url}\n`);
  if (options.open) {
    const outcome = await openLink(url, {env});
    stderr.write(
      outcome.opened
        ? 'oh-tui: opened VS Code in your browser\n'
        : `oh-tui: not opening a browser: ${outcome.reason}; open the link above yourself\n`,
    );
  }
  return 0;
}
