import {promptAssignment} from './prompt-scanner.js';
import {shellQuote} from '../../lib/shell-quote.js';

export interface ShellUser {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

export interface LaunchCommand {
  file: string;
  args: string[];
}

/** `--noediting`: no readline, so commands arrive as plain lines and nothing is redrawn. */
export const INTERACTIVE_BASH = 'exec /bin/bash --noediting -i';

/**
 * How the persistent shell is started: bash in a pseudo-terminal made by util-linux `script`
 * (no native addon needed), switched to the session user with `setpriv` when the server is root.
 */
export function shellLaunchCommand(user: ShellUser, switchUser: boolean): LaunchCommand {
  const script = ['script', '-qec', INTERACTIVE_BASH, '/dev/null'];
  return asUser(script, user, switchUser);
}

/** Prefixes a command with setpriv so it runs with the user's uid, gid and supplementary groups. */
export function asUser(command: string[], user: ShellUser, switchUser: boolean): LaunchCommand {
  const [file, ...args] = command;
  if (file === undefined) throw new Error('empty command');
  if (!switchUser) return {file, args};
  return {
    file: 'setpriv',
    args: [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--init-groups', '--', file, ...args],
  };
}

/**
 * The environment of processes started for the session user: the server's own, without the session
 * key, with the user's identity, and with pagers off (nobody can press `q` in an agent's shell).
 */
export function userEnvironment(base: NodeJS.ProcessEnv, user: ShellUser, switchUser: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {...base};
  delete env.SESSION_API_KEY;
  for (const key of Object.keys(env)) if (key.startsWith('OH_TUI_SERVER_')) delete env[key];
  env.SHELL = '/bin/bash';
  env.PAGER ??= 'cat';
  env.GIT_PAGER ??= 'cat';
  if (switchUser || env.HOME === undefined) env.HOME = user.home;
  if (switchUser || env.USER === undefined) env.USER = user.name;
  if (switchUser || env.LOGNAME === undefined) env.LOGNAME = user.name;
  return env;
}

/**
 * The line typed into the fresh shell: no echo; no output processing (-opost: `\n` stays `\n`
 * instead of `\r\n`, and the pty moves output twice as fast); our prompt; no history expansion
 * (`!` in an agent's command must stay literal); the 0.15 umask; the working directory.
 */
export function setupLine(options: {nonceVariable: string; nonce: string; workingDir: string; columns: number; rows: number}): string {
  return `${[
    `stty -echo -opost cols ${options.columns} rows ${options.rows}`,
    'unset PROMPT_COMMAND PS0',
    "PS2=''",
    'set +H',
    'umask 002',
    `${options.nonceVariable}=${options.nonce}`,
    `cd -- ${shellQuote(options.workingDir)}`,
    promptAssignment(options.nonceVariable),
  ].join('; ')}\n`;
}
