import type {ChildProcess} from 'node:child_process';
import {basename} from 'node:path';

export type OpenOutcome = {opened: true} | {opened: false; reason: string};

/** How the session screen opens a link (injected, so tests pass a fake): `openLink` with its defaults. */
export type LinkOpener = (url: string) => Promise<OpenOutcome>;

/**
 * Why `url` is not handed to a launcher: only http(s) links without control characters are, since
 * `open` passes its argument on to xdg-open, open or PowerShell and makes no security promises.
 */
export function unsafeLinkReason(url: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\u0000-\u001f\u007f]/.test(url)) return 'the link contains control characters';
  if (!/^https?:\/\//i.test(url)) return 'only http and https links are opened';
  return undefined;
}

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
  const reason = unsafeLinkReason(url) ?? cannotOpenReason(options.env ?? process.env, options.platform ?? process.platform);
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
  if (code !== undefined && code !== 0) throw new Error(launcherFailure(basename(launcher.spawnfile), code));
}

/** A launcher's exit code in words; xdg-open says 3 when it finds no browser to run. */
export function launcherFailure(launcher: string, code: number): string {
  if (launcher === 'xdg-open' && code === 3) return 'no browser was found (xdg-open exited with code 3)';
  return `${launcher} exited with code ${code}`;
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
