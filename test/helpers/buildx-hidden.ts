import {execFileSync} from 'node:child_process';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/**
 * Environment in which the docker CLI really has no buildx plugin: scripts/provision-docker.sh
 * installs the plugin in the user's plugin folder, so an empty DOCKER_CONFIG hides it.
 * Fails loudly when the plugin is also installed system-wide and cannot be hidden this way.
 */
export function buildxHiddenEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = {...base, DOCKER_CONFIG: mkdtempSync(join(tmpdir(), 'oh-tui-no-buildx-'))};
  let visible = true;
  try {
    execFileSync('docker', ['buildx', 'version'], {env, stdio: 'ignore'});
  } catch {
    visible = false;
  }
  if (visible) {
    throw new Error('buildx is installed system-wide (e.g. /usr/libexec/docker/cli-plugins); install it per user to run this test');
  }
  return env;
}
