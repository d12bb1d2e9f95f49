import type {ChildProcess} from 'node:child_process';

export type OpenOutcome = {opened: true} | {opened: false; reason: string};

/**
 * Why a browser cannot be opened from here, or undefined when it can be tried: over SSH the
 * browser would open on the remote machine; on Linux without a display there is none to open.
 */
export function cannotOpenReason(env: Record<string, string | undefined>, platform: NodeJS.Platform): string | undefined {
  if (env.SSH_CONNECTION || env.SSH_TTY) return 'this is an SSH session';
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  return undefined;
}

/** Opens `url` in the browser when that can work; never throws, says why it did not. */
export async function openLink(
  url: string,
  options: {
    env?: Record<string, string | undefined>;
    platform?: NodeJS.Platform;
    opener?: (url: string) => Promise<unknown>;
  } = {},
): Promise<OpenOutcome> {
  const reason = cannotOpenReason(options.env ?? process.env, options.platform ?? process.platform);
  if (reason) return {opened: false, reason};
  try {
    await (options.opener ?? openInBrowser)(url);
    return {opened: true};
  } catch (error) {
    return {opened: false, reason: `opening the browser failed: ${(error as Error).message}`};
  }
}

/**
 * Launches the browser with the `open` package, and waits briefly for the launcher (xdg-open,
 * open, PowerShell) to report back: `open` resolves once the launcher has started, so a launcher
 * that finds no browser would otherwise pass for success.
 */
async function openInBrowser(url: string): Promise<void> {
  const {default: open} = await import('open');
  const launcher: ChildProcess = await open(url);
  const code = await exitCodeWithin(launcher, 3000);
  if (code !== undefined && code !== 0) throw new Error(`the launcher (${launcher.spawnfile}) exited with code ${code}`);
}

/** The process's exit code if it ends within `ms`, else undefined (still running: a browser). */
export function exitCodeWithin(child: ChildProcess, ms: number): Promise<number | undefined> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    // Not unref'd: `open` unrefs the launcher, and this wait must still hold the process open.
    const timer = setTimeout(() => resolve(undefined), ms);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code ?? undefined);
    });
  });
}
