// esbuild plugins for the CLI bundle (scripts/bundle-cli.mjs) that speed up dependencies on the
// way to the session screen's frames. Each text patch names what it replaces and how often, and
// fails the build when a dependency's update changed that text, rather than silently not applying.
import {readFile} from 'node:fs/promises';
import {dirname} from 'node:path';

/** A plugin replacing exact texts in the files matching `filter`, each exactly `count` times. */
function textPatch(name, filter, replacements) {
  return {
    name,
    setup(build) {
      build.onLoad({filter}, async ({path}) => {
        let source = await readFile(path, 'utf8');
        for (const [from, to, count] of replacements) {
          const found = source.split(from).length - 1;
          if (found !== count) throw new Error(`${name}: expected ${count}× ${from} in ${path}, found ${found}: update the patch`);
          source = source.replaceAll(from, to);
        }
        return {contents: source, loader: 'js'};
      });
    },
  };
}

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
const yogaFastWasm = textPatch('yoga-fast-wasm', /yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/, yogaWasmDecode);

// string-width 8 (Ink's, and our layout's) behind the fast path for all-narrow text in
// source/ui/text/narrow-width.ts: its grapheme segmenter and emoji regexes cost ~100 ms at the first
// non-ASCII string and ~1 ms a box-drawing rule after that, on the way to every frame.
const fastStringWidth = (narrowWidthPath, root) => ({
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
});

// Ink turns each row of cells into text with @alcalzone/ansi-tokenize, which computes the style
// change between every two neighbouring cells with three Sets and four arrays, even when both have
// the same style (nearly always): ~25 ms a full 120x40 frame cold. The same codes need no change.
const ansiSameStyle = textPatch('ansi-same-style', /@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]styledChars\.js$/, [
  [
    `        else {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }`,
    `        else if (!sameCodes(chars[i - 1].styles, char.styles)) {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }`,
    1,
  ],
  [
    `            ret += ansiCodesToString(diffAnsiCodes(char.styles, []));`,
    `            if (char.styles.length > 0) ret += ansiCodesToString(diffAnsiCodes(char.styles, []));`,
    1,
  ],
  [
    `//# sourceMappingURL=styledChars.js.map`,
    `function sameCodes(a, b) {
    if (a === b) return true;
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i].code !== b[i].code) return false;
    return true;
}`,
    1,
  ],
]);

// Ink builds every frame from nothing: a fresh cell for each of the screen's 120x40 places, every
// line of text tokenized into styled cells again, every row turned back into text. While a command
// floods the terminal pane that is ~30 frames a second in which only the pane's newest lines
// changed, and keys wait behind it. Kept across frames instead: the styled cells of a line (the
// cache is renewed when it grows past a bound, so lines long gone are let go), one shared blank
// cell, and each row's text, reused while the row holds the very same cells as last frame.
const inkFrameReuse = textPatch('ink-frame-reuse', /ink[\\/]build[\\/]output\.js$/, [
  ['    caches = new OutputCaches();', '    caches = sharedOutputCaches();', 1],
  // Printable ASCII (most of what commands print) has no escapes and no wide characters to find.
  [
    '            cached = styledCharsFromTokens(tokenize(line));',
    '            cached = PLAIN_TEXT.test(line) ? plainStyledChars(line) : styledCharsFromTokens(tokenize(line));',
    1,
  ],
  [
    `                row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`,
    '                row.push(BLANK_CELL);',
    1,
  ],
  [
    `        const generatedOutput = output
            .map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();
        })
            .join('\\n');`,
    `        const rowTexts = this.caches.rowTexts;
        const generatedOutput = output
            .map((line, y) => {
            const known = rowTexts[y];
            if (known !== undefined && sameCells(known.cells, line)) return known.text;
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            const text = styledCharsToString(lineWithoutEmptyItems).trimEnd();
            rowTexts[y] = {cells: line, text};
            return text;
        })
            .join('\\n');`,
    1,
  ],
  [
    '//# sourceMappingURL=output.js.map',
    `const NO_STYLES = Object.freeze([]);
const BLANK_CELL = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: NO_STYLES});
const PLAIN_TEXT = /^[\x20-\x7e]*$/;
function plainStyledChars(line) {
    const chars = new Array(line.length);
    for (let i = 0; i < line.length; i++) chars[i] = {type: 'char', value: line[i], fullWidth: false, styles: NO_STYLES};
    return chars;
}
let sharedCaches;
function sharedOutputCaches() {
    const size = sharedCaches === undefined ? 0 : sharedCaches.styledChars.size + sharedCaches.widths.size + sharedCaches.blockWidths.size;
    if (sharedCaches === undefined || size > 20000) {
        sharedCaches = new OutputCaches();
        sharedCaches.rowTexts = [];
    }
    return sharedCaches;
}
function sameCells(a, b) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
}`,
    1,
  ],
]);

// Ink measures and wraps each text once and keeps the result for good, in two caches that never
// shrink: every line a command ever showed in the terminal pane stays in memory for the session's
// life (a flood adds thousands a second). Bounded here: renewed when they grow past 10,000 texts.
const inkBoundedCaches = [
  textPatch('ink-bounded-measure-cache', /ink[\\/]build[\\/]measure-text\.js$/, [
    ['    cache.set(text, dimensions);', '    if (cache.size >= 10000) cache.clear();\n    cache.set(text, dimensions);', 1],
  ]),
  textPatch('ink-bounded-wrap-cache', /ink[\\/]build[\\/]wrap-text\.js$/, [
    ['const cache = {};', 'const cache = new Map();', 1],
    ['    const cachedText = cache[cacheKey];', '    const cachedText = cache.get(cacheKey);', 1],
    ['    cache[cacheKey] = wrappedText;', '    if (cache.size >= 10000) cache.clear();\n    cache.set(cacheKey, wrappedText);', 1],
  ]),
];

/** The plugins, for the package at `root`. */
export function bundlePatches(root) {
  return [yogaFastWasm, fastStringWidth(`${root}source/ui/text/narrow-width.ts`, root), ansiSameStyle, inkFrameReuse, ...inkBoundedCaches];
}
