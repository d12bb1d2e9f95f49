/**
 * The only things the tests take from the environment of whoever runs them, in one place: PATH (to
 * find node, docker, tmux), the Docker engine under test, and two switches of the test run. A test
 * gives everything else itself: a HOME and XDG folders of its own, its cwd, its environment.
 */
import {mkdirSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** OH_TUI_E2E=1 or true (CI): the end-to-end suite must run, so a missing engine fails it. */
export function e2eRequired(env: Record<string, string | undefined> = process.env): boolean {
  const value = env.OH_TUI_E2E?.trim().toLowerCase();
  return value === '1' || value === 'true';
}

/** The base image of the e2e builds (scripts/build-base-image.sh makes it, under this name too). */
export const e2eBaseImage = process.env.OH_TUI_E2E_BASE_IMAGE || 'oh-tui/e2e-base:bookworm';

/** The switches of a test run, kept when test/hermetic-setup.ts clears the rest. */
export function runSwitches(): Record<string, string> {
  const switches: Record<string, string> = {};
  for (const name of ['OH_TUI_E2E', 'OH_TUI_E2E_BASE_IMAGE']) {
    const value = process.env[name];
    if (value !== undefined) switches[name] = value;
  }
  return switches;
}

/**
 * The Docker engine and CLI under test, read on purpose: DOCKER_HOST, DOCKER_CONTEXT and the TLS
 * settings as the caller has them, and the docker CLI's config folder (its contexts and the buildx
 * plugin, which scripts/provision-docker.sh installs per user) named explicitly, so that a test's
 * own HOME does not hide them.
 */
export function dockerEngineEnv(): Record<string, string> {
  const env: Record<string, string> = {DOCKER_CONFIG: process.env.DOCKER_CONFIG || path.join(os.homedir(), '.docker')};
  for (const name of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_CERT_PATH', 'DOCKER_TLS_VERIFY']) {
    const value = process.env[name];
    if (value) env[name] = value;
  }
  return env;
}

/**
 * A clean environment for a child process: PATH, the engine under test, HOME and the XDG folders
 * inside `home` (created), a UTF-8 locale, then `extra`. Nothing else of the caller's reaches it.
 */
export function hermeticEnv(home: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const xdg = {
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
  };
  for (const folder of Object.values(xdg)) mkdirSync(folder, {recursive: true});
  const env: NodeJS.ProcessEnv = {PATH: process.env.PATH || '/usr/local/bin:/usr/bin:/bin', HOME: home, ...xdg, LANG: 'C.UTF-8'};
  // Where temp folders go is the machine's business, not a setting the tests could pick up.
  if (process.env.TMPDIR) env.TMPDIR = process.env.TMPDIR;
  Object.assign(env, dockerEngineEnv());
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}
