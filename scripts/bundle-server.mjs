// Bundle the action server (source/server/main.ts) into one CommonJS file that the runtime
// image runs with its own Node (18 or newer), with no node_modules inside the image.
import {build} from 'esbuild';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
await build({
  entryPoints: [`${root}source/server/main.ts`],
  outfile: `${root}dist/server/action-server.cjs`,
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  legalComments: 'none',
  logLevel: 'warning',
});
