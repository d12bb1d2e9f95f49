import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {loadConfig} from '../../source/config/load.js';
import type {Config} from '../../source/config/types.js';
import {packageRoot} from '../../source/lib/version.js';
import {e2eBaseImage, hermeticEnv} from './test-env.js';

/** The offline base image .ci/run makes with debootstrap (scripts/build-base-image.sh). */
export {e2eBaseImage};

/** The stand-in for openvscode-server's binary (it cannot be downloaded here). */
export const openvscodeStandIn = join(packageRoot, 'templates', 'openvscode-stand-in');

/** Shared by the e2e suites so the runtime image is built once and reused. */
export const e2eImageRepo = 'oh-tui-e2e/runtime';

export interface E2eSetup {
  directory: string;
  /** The HOME of the CLI runs (with its XDG folders); empty: no config file is found there. */
  home: string;
  /** The working directory of the CLI runs: the workspace. */
  cwd: string;
  configPath: string;
  config: Config;
  /** Environment for a child `node dist/cli.js ...`: hermetic (test-env.ts), nothing from this shell. */
  env: NodeJS.ProcessEnv;
}

/**
 * A temp folder with a workspace, a state folder and a config.toml that builds FROM the offline
 * base image with the openvscode-server stand-in. `sandbox` lines are added to [sandbox].
 */
export function e2eConfig(options: {sandbox?: Record<string, string | number | boolean>; repo?: string} = {}): E2eSetup {
  const directory = mkdtempSync(join(tmpdir(), 'oh-tui-e2e-'));
  const workspace = join(directory, 'workspace');
  mkdirSync(workspace);
  const home = join(directory, 'home');
  mkdirSync(home);
  const sandbox: Record<string, string | number | boolean> = {
    base_container_image: e2eBaseImage,
    runtime_image_repo: options.repo ?? e2eImageRepo,
    openvscode_server_tarball: openvscodeStandIn,
    ...options.sandbox,
  };
  const lines = [
    '[core]',
    `workspace_base = ${JSON.stringify(workspace)}`,
    `file_store_path = ${JSON.stringify(join(directory, 'state'))}`,
    '',
    '[sandbox]',
    ...Object.entries(sandbox).map(([key, value]) => `${key} = ${JSON.stringify(value)}`),
    '',
  ];
  const configPath = join(directory, 'config.toml');
  writeFileSync(configPath, lines.join('\n'));
  const env = hermeticEnv(home);
  const {config} = loadConfig({configPath, cwd: workspace, env, homeDir: home});
  return {directory, home, cwd: workspace, configPath, config, env};
}
