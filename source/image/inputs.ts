import {readFileSync, statSync} from 'node:fs';
import type {Config} from '../config/types.js';
import {packageRoot} from '../lib/version.js';
import {dirhash, sourceHash} from './dirhash.js';
import {readTemplate, vscodeSettings} from './dockerfile.js';
import type {LockInputs} from './tags.js';

/** The folder copied into the image as /openhands/code: the bundled action server. */
export const serverCodeDirectory = `${packageRoot}dist/server`;

export interface RuntimeImageInputs {
  lockInputs: LockInputs;
  sourceHash: string;
  codeDirectory: string;
}

/** Reads what decides the image's tags; cheap enough to run on every start. */
export function runtimeImageInputs(config: Config, codeDirectory = serverCodeDirectory): RuntimeImageInputs {
  const {sandbox} = config;
  const extraFiles: Buffer[] = [];
  const local = sandbox.openvscode_server_tarball;
  if (sandbox.enable_vscode && local !== undefined) {
    // A folder hashes by content like the code folder; an archive by its bytes.
    extraFiles.push(statSync(local).isDirectory() ? Buffer.from(dirhash(local)) : readFileSync(local));
  }
  const settings = JSON.stringify({
    vscode: vscodeSettings(sandbox),
    platform: sandbox.platform ?? null,
    extraBuildArgs: sandbox.runtime_extra_build_args,
  });
  return {
    lockInputs: {
      baseImage: sandbox.base_container_image,
      templateText: readTemplate(),
      settings,
      extraDeps: sandbox.runtime_extra_deps,
      extraFiles,
    },
    sourceHash: sourceHash(codeDirectory),
    codeDirectory,
  };
}
