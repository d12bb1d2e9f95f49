import {existsSync, readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

/**
 * The package root: the nearest folder above this module with our package.json. This file runs
 * from source/lib/ (tests), from dist/ (the bundle) and from bench bundles, at different depths.
 */
function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as {name?: string}).name === 'oh-tui') return `${dir}/`;
    if (dirname(dir) === dir) throw new Error(`oh-tui's package.json is not in any folder above ${start}`);
  }
}

/** The package root, with a trailing slash. */
export const packageRoot = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

const packageJson = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as {version: string};

/** oh-tui's version; it names every runtime image tag (`oh_v{version}_...`). */
export const version: string = packageJson.version;
