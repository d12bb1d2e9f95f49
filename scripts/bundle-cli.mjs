// Bundle the CLI (source/cli.tsx) into dist/: one entry file plus chunks that each command loads
// when it runs, so `oh-tui exec` never reads the build screen's code. Node pays per module it
// resolves and loads; one file instead of ~80 of ours and a few hundred of small packages saved
// about 90 ms of an `oh-tui exec` (bench/NOTES.md).
// Chunks sit next to cli.js, so `new URL('..', import.meta.url)` is the package root everywhere.
//   node scripts/bundle-cli.mjs [--outdir PATH]   (default dist)
import {build} from 'esbuild';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

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
  // CommonJS that reads __filename (write-file-atomic) or is large and loaded only by the session screen.
  'write-file-atomic',
  'proper-lockfile',
  '@xterm/headless',
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
  // Bundled CommonJS packages (ws) call require() for Node's own modules; ESM has none.
  banner: {
    js: "import {createRequire as createRequireForBundle} from 'node:module'; const require = createRequireForBundle(import.meta.url);",
  },
  sourcemap: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
