import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';

/** The package root: one level above source/ (tests) or dist/ (built). */
export const packageRoot = fileURLToPath(new URL('..', import.meta.url));

const packageJson = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as {version: string};

/** oh-tui's version; it names every runtime image tag (`oh_v{version}_...`). */
export const version: string = packageJson.version;
