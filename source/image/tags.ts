import type {ImageTags} from './plan.js';
import {md5Hex, truncateHash} from './hash.js';

/** Everything that changes the image apart from the server bundle: any change here means a new lock tag. */
export interface LockInputs {
  baseImage: string;
  templateText: string;
  /** Settings rendered into the Dockerfile (VS Code release, arch map, platform, build args, ...), as a stable string. */
  settings: string;
  extraDeps: string;
  /** Bytes of files copied into the image other than the server bundle (e.g. a local openvscode-server tarball). */
  extraFiles: Buffer[];
}

/** OpenHands 0.15's versioned-tag rule: `/`→`_s_`, `:`→`_t_`, lower-case, last 96 characters. */
export function versionedTag(version: string, baseImage: string): string {
  const base = baseImage.replaceAll('/', '_s_').replaceAll(':', '_t_').toLowerCase().slice(-96);
  return `oh_v${version}_${base}`;
}

export function lockHash(inputs: LockInputs): string {
  // NUL separators keep ("ab","c") and ("a","bc") apart; the order is fixed.
  return truncateHash(
    md5Hex([
      inputs.baseImage,
      '\0',
      inputs.templateText,
      '\0',
      inputs.settings,
      '\0',
      inputs.extraDeps,
      ...inputs.extraFiles.flatMap((file) => ['\0', file]),
    ]),
  );
}

export function imageTags(version: string, inputs: LockInputs, sourceHash: string): ImageTags {
  const lock = `oh_v${version}_${lockHash(inputs)}`;
  return {
    versioned: versionedTag(version, inputs.baseImage),
    lock,
    source: `${lock}_${sourceHash}`,
  };
}
