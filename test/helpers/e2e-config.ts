import {mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {loadConfig} from '../../source/config/load.js';
import type {Config} from '../../source/config/types.js';
import {packageRoot} from '../../source/lib/version.js';

/** The offline base image .ci/run makes with debootstrap (scripts/build-base-image.sh). */
export const e2eBaseImage = process.env.OH_TUI_E2E_BASE_IMAGE ?? 'oh-tui/e2e-base:bookworm';

/** The stand-in for openvscode-server's binary (it cannot be downloaded here). */
export const openvscodeStandIn = join(packageRoot, 'templates', 'openvscode-stand-in');

/** Shared by the e2e suites so the runtime image is built once and reused. */
export const e2eImageRepo = 'oh-tui-e2e/runtime';

export interface E2eSetup {
  directory: string;
  configPath: string;
  config: Config;
  /** Environment for a child `node dist/cli.js ...`: no overrides leaking in from this shell. */
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
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(SANDBOX_|LLM_|AGENT_|SECURITY_|CORE_|VSCODE_HOST$|OH_RUNTIME_)/.test(name)),
  );
  delete env.CI; // Ink draws only the final frame under CI=true.
  const {config} = loadConfig({configPath, cwd: directory, env});
  return {directory, configPath, config, env};
}
