import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
// @ts-expect-error: a plain ES module of the build scripts, without types.
import {bundlePatches} from '../../scripts/bundle-patches.mjs';

interface InkOutput {
  write(x: number, y: number, text: string, options: {transformers: ((line: string, index: number) => string)[]}): void;
  clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void;
  unclip(): void;
  get(): {output: string; height: number};
}
type OutputClass = new (options: {width: number; height: number}) => InkOutput;

// The patches take the root with its trailing separator, as scripts/bundle-cli.mjs passes it.
const root = `${path.resolve(import.meta.dirname, '../..')}${path.sep}`;
const scratch = mkdtempSync(path.join(os.tmpdir(), 'oh-tui-bundle-patches-'));

/** Ink's frame builder (build/output.js) bundled as the CLI bundles it, with or without our patches. */
async function inkOutput(patched: boolean): Promise<OutputClass> {
  const outfile = path.join(scratch, patched ? 'patched.mjs' : 'plain.mjs');
  await build({
    stdin: {contents: `export {default} from ${JSON.stringify(path.join(root, 'node_modules/ink/build/output.js'))};`, resolveDir: root},
    bundle: true,
    format: 'esm',
    platform: 'node',
    outfile,
    plugins: patched ? bundlePatches(root) : [],
    logLevel: 'silent',
  });
  return (await import(pathToFileURL(outfile).href)).default as OutputClass;
}

/** A frame as Ink's renderer makes one: texts written at places, some inside a clip. */
type Frame = {x: number; y: number; text: string; clip?: {x1: number; x2: number; y1: number; y2: number}}[];

const red = (text: string) => `\x1b[31m${text}\x1b[39m`;
const bold = (text: string) => `\x1b[1m${text}\x1b[22m`;

// Frames in which rows stay, change, move, shrink and grow, with colour, wide characters and clips.
const frames: Frame[] = [
  [
    {x: 0, y: 0, text: 'session abc  ● running'},
    {x: 0, y: 1, text: `❯ ${red('ls')} ${bold('-la')}`},
    {x: 2, y: 2, text: 'plain ascii output\nsecond line'},
    {x: 0, y: 5, text: '漢字 wide text'},
  ],
  [
    {x: 0, y: 0, text: 'session abc  ● running'},
    {x: 0, y: 1, text: `❯ ${red('ls')} ${bold('-la')}`},
    {x: 2, y: 2, text: 'second line\nthird line'},
    {x: 0, y: 5, text: '漢字 wide text'},
  ],
  [
    {x: 0, y: 0, text: 'session abc  ○ stopped'},
    {x: 0, y: 1, text: 'a line far longer than the frame is wide, clipped', clip: {x1: 0, x2: 12, y1: 0, y2: 8}},
    {x: 4, y: 3, text: red('third line')},
    {x: 0, y: 5, text: ''},
  ],
  [
    {x: 0, y: 0, text: 'session abc  ○ stopped'},
    {x: 0, y: 1, text: 'a line far longer than the frame is wide, clipped', clip: {x1: 0, x2: 12, y1: 0, y2: 8}},
    {x: 4, y: 3, text: red('third line')},
  ],
  [{x: 0, y: 7, text: 'last row ~!@#$%^&*()_+{}|:"<>?'}],
];

function draw(Output: OutputClass, frame: Frame): string {
  const output = new Output({width: 24, height: 8});
  for (const {x, y, text, clip} of frame) {
    if (clip) output.clip(clip);
    output.write(x, y, text, {transformers: []});
    if (clip) output.unclip();
  }
  return output.get().output;
}

describe("the bundle's patches of Ink's frame builder (scripts/bundle-patches.mjs)", () => {
  let plain: OutputClass;
  let patched: OutputClass;
  beforeAll(async () => {
    [plain, patched] = await Promise.all([inkOutput(false), inkOutput(true)]);
  });
  afterAll(() => rmSync(scratch, {recursive: true, force: true}));

  it('draw every frame exactly as Ink does, frame after frame (cells and rows kept across frames)', () => {
    // Twice over: the second pass meets every line and row again in the caches.
    for (const frame of [...frames, ...frames]) expect(draw(patched, frame)).toBe(draw(plain, frame));
  });

  it('draw the same after their caches are renewed (more texts than they keep)', () => {
    for (let index = 0; index < 25_000; index += 1000) {
      const frame: Frame = Array.from({length: 1000}, (_, offset) => ({x: 0, y: offset % 8, text: `line ${index + offset}`}));
      expect(draw(patched, frame)).toBe(draw(plain, frame));
    }
    for (const frame of frames) expect(draw(patched, frame)).toBe(draw(plain, frame));
  });
});
