// Bundle the action server (source/server/main.ts) into one CommonJS file that the runtime
// image runs with its own Node (18 or newer), with no node_modules inside the image. Pure-JS
// dependencies (ws, fflate, busboy, diff) are inlined.
//   node scripts/bundle-server.mjs [--outfile PATH]   (default dist/server/action-server.cjs)
import {build} from 'esbuild';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const {values} = parseArgs({options: {outfile: {type: 'string'}}});
await build({
  entryPoints: [`${root}source/server/main.ts`],
  outfile: values.outfile ?? `${root}dist/server/action-server.cjs`,
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  legalComments: 'none',
  logLevel: 'warning',
  // ws tries these optional native speed-ups; without them it uses its pure-JS code.
  external: ['bufferutil', 'utf-8-validate'],
});
