import {readFileSync} from 'node:fs';
import type {SandboxConfig} from '../config/types.js';
import {packageRoot} from '../lib/version.js';
import type {BuildStrategy} from './plan.js';

export const templatePath = `${packageRoot}templates/Dockerfile.j2`;

/** The oldest Node the bundled action server runs on. */
export const nodeMinMajor = 18;

export interface VscodeTemplateSettings {
  enabled: boolean;
  release_tag: string;
  release_org: string;
  /** Download URL with shell variables ${RELEASE_ORG}, ${RELEASE_TAG} and ${arch}. */
  url: string;
  arch_map: Array<[string, string]>;
  /** True when openvscode-server comes from a local folder copied into the context. */
  local: boolean;
}

export interface DockerfileVariables {
  base_image: string;
  build_from_scratch: boolean;
  build_from_versioned: boolean;
  build_from_lock: boolean;
  extra_deps: string;
  vscode: VscodeTemplateSettings;
  node_min_major: number;
}

export function readTemplate(): string {
  return readFileSync(templatePath, 'utf8');
}

/** Config placeholders {org} {tag} {arch} become the Dockerfile's shell variables. */
export function vscodeSettings(sandbox: SandboxConfig): VscodeTemplateSettings {
  return {
    enabled: sandbox.enable_vscode,
    release_tag: sandbox.openvscode_server_release_tag,
    release_org: sandbox.openvscode_server_release_org,
    url: sandbox.openvscode_server_url
      .replaceAll('{org}', '${RELEASE_ORG}')
      .replaceAll('{tag}', '${RELEASE_TAG}')
      .replaceAll('{arch}', '${arch}'),
    arch_map: Object.entries(sandbox.openvscode_server_arch_map).sort(([a], [b]) => a.localeCompare(b)),
    local: sandbox.openvscode_server_tarball !== undefined,
  };
}

export function dockerfileVariables(
  sandbox: SandboxConfig,
  strategy: Exclude<BuildStrategy, 'reuse'>,
  fromImage: string,
): DockerfileVariables {
  return {
    base_image: fromImage,
    build_from_scratch: strategy === 'scratch',
    build_from_versioned: strategy === 'versioned',
    build_from_lock: strategy === 'lock',
    extra_deps: sandbox.runtime_extra_deps,
    vscode: vscodeSettings(sandbox),
    node_min_major: nodeMinMajor,
  };
}
