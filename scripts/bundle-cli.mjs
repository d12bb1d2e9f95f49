// Bundle the CLI (source/cli.tsx) into dist/: one entry file plus chunks that each command loads
// when it runs, so `oh-tui exec` never reads the build screen's code. Node pays per module it
// resolves and loads; one file instead of ~80 of ours and a few hundred of small packages saved
// about 90 ms of an `oh-tui exec` (bench/NOTES.md).
// Chunks sit next to cli.js, so `new URL('..', import.meta.url)` is the package root everywhere.
//   node scripts/bundle-cli.mjs [--outdir PATH]   (default dist)
import {build} from 'esbuild';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';
import {bundlePatches} from './bundle-patches.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const {values} = parseArgs({options: {outdir: {type: 'string'}}});

// Left as imports from node_modules: packages with native or optional parts (dockerode's ssh2,
// nunjucks' watchers) and `open` (it runs a script shipped next to its own file). The UI stack (Ink,
// React, yoga) is bundled into the screens' chunks: loaded from node_modules module by module it
// took ~600 ms to import, bundled ~260 ms (the session screen's first frame).
const externalPackages = [
  'dockerode',
  'nunjucks',
  'open',
  // Ink's development tools, loaded only when DEV=true (not installed).
  'react-devtools-core',
  'bufferutil',
  'utf-8-validate',
];

await build({
  entryPoints: [`${root}source/cli.tsx`],
  outdir: values.outdir ?? `${root}dist`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  chunkNames: '[name]-[hash]',
  external: externalPackages.flatMap((name) => [name, `${name}/*`]),
  // Bundled CommonJS packages (ws, proper-lockfile) call require() for Node's own modules, and
  // write-file-atomic hashes __filename into its temporary names; ESM has neither.
  banner: {
    js: "import {createRequire as createRequireForBundle} from 'node:module'; const require = createRequireForBundle(import.meta.url); const __filename = import.meta.filename;",
  },
  // React's and its reconciler's development builds (~0.8 MB, half the UI chunk) are never shipped:
  // the bundle's compile time is on the way to the first frame.
  define: {'process.env.NODE_ENV': '"production"'},
  // Speed-ups of dependencies on the way to every frame (scripts/bundle-patches.mjs).
  plugins: bundlePatches(root),
  sourcemap: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
