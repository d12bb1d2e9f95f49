// Bundle the CLI (source/cli.tsx) into dist/: one entry file plus chunks that each command loads
// when it runs, so `oh-tui exec` never reads the build screen's code. Node pays per module it
// resolves and loads; one file instead of ~80 of ours and a few hundred of small packages saved
// about 90 ms of an `oh-tui exec` (bench/NOTES.md).
// Chunks sit next to cli.js, so `new URL('..', import.meta.url)` is the package root everywhere.
//   node scripts/bundle-cli.mjs [--outdir PATH]   (default dist)
import {build} from 'esbuild';
import {readFile} from 'node:fs/promises';
import {dirname} from 'node:path';
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
];

// yoga-layout's Emscripten loader fetch()es its own inline wasm (a data: URL) when fetch exists,
// which loads Node's fetch (undici: 60-90 ms here) before the first frame; without fetch it decodes
// the base64 with atob and a loop over the characters (~200 ms). Buffer decodes it in about 1 ms.
const yogaWasmDecode = [
  ['"function"!=typeof fetch', '!0', 2],
  [
    'var b=xa(a.slice(37)),c=new Uint8Array(b.length);for(a=0;a<b.length;++a)c[a]=b.charCodeAt(a);var d=c',
    "var d=new Uint8Array(Buffer.from(a.slice(37),'base64'))",
    1,
  ],
];
const yogaFastWasm = {
  name: 'yoga-fast-wasm',
  setup(build) {
    build.onLoad({filter: /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async ({path}) => {
      let source = await readFile(path, 'utf8');
      for (const [from, to, count] of yogaWasmDecode) {
        const found = source.split(from).length - 1;
        if (found !== count) throw new Error(`yoga-fast-wasm: expected ${count}× ${from} in ${path}, found ${found}: update the plugin`);
        source = source.replaceAll(from, to);
      }
      return {contents: source, loader: 'js'};
    });
  },
};

// string-width 8 (Ink's, and our layout's) behind the fast path for all-narrow text in
// source/ui/text/narrow-width.ts: its grapheme segmenter and emoji regexes cost ~100 ms at the first
// non-ASCII string and ~1 ms a box-drawing rule after that, on the way to every frame.
const narrowWidthPath = `${root}source/ui/text/narrow-width.ts`;
const fastStringWidth = {
  name: 'fast-string-width',
  setup(build) {
    build.onResolve({filter: /^string-width$/}, async (args) => {
      if (args.namespace === 'fast-string-width') return undefined;
      const real = await build.resolve(args.path, {kind: args.kind, resolveDir: args.resolveDir, namespace: 'fast-string-width'});
      if (real.errors.length > 0) return {errors: real.errors};
      const {version} = JSON.parse(await readFile(`${dirname(real.path)}/package.json`, 'utf8'));
      // Other majors (wrap-ansi's 7) count some symbols differently: those stay as they are.
      if (!version.startsWith('8.')) return {path: real.path};
      return {path: real.path, namespace: 'fast-string-width'};
    });
    build.onLoad({filter: /.*/, namespace: 'fast-string-width'}, ({path}) => ({
      contents: [
        `import stringWidth from ${JSON.stringify(path)};`,
        `import {narrowWidth} from ${JSON.stringify(narrowWidthPath)};`,
        'export default (text, options) => narrowWidth(text, options) ?? stringWidth(text, options);',
      ].join('\n'),
      resolveDir: root,
      loader: 'js',
    }));
  },
};

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
  plugins: [yogaFastWasm, fastStringWidth],
  sourcemap: true,
  legalComments: 'eof',
  logLevel: 'warning',
});
