import type {Config} from '../config/types.js';
import type {BuildFn} from '../image/ensure-image.js';
import {openLink, type OpenOutcome} from '../runtime/open-link.js';
import {openSessionRuntime, type TextSink} from '../runtime/session-runtime.js';
import {vscodeLink} from '../runtime/vscode.js';

export interface VscodeCommandOptions {
  config: Config;
  /** The session; when absent, the workspace's default session (as `oh-tui exec`). */
  sid?: string;
  /** Also open the link in a browser (when there is one to open). */
  open: boolean;
  stdout: TextSink;
  stderr?: TextSink;
  env?: Record<string, string | undefined>;
  build?: BuildFn;
  /** Stand-in for the browser launcher, for tests. */
  opener?: (url: string) => Promise<unknown>;
}

/**
 * `oh-tui vscode [--session <sid>] [--open]`: prints the session's VS Code link on a line of its
 * own (copyable), bringing the container up if needed; with --open, opens it too.
 */
export async function runVscodeCommand(options: VscodeCommandOptions): Promise<number> {
  const stderr = options.stderr ?? process.stderr;
  const env = options.env ?? process.env;
  const handle = await openSessionRuntime({...options, stderr, env});
  let url: string;
  try {
    url = await vscodeLink(handle, options.config, env);
  } finally {
    handle.client.dispose();
  }
  options.stdout.write(`${url}\n`);
  if (options.open) {
    const outcome: OpenOutcome = await openLink(url, {env, opener: options.opener});
    stderr.write(outcome.opened ? 'oh-tui: opened VS Code in your browser\n' : `oh-tui: not opening a browser: ${outcome.reason}; open the link above yourself\n`);
  }
  return 0;
}
