import {describe, expect, it} from 'vitest';
import {markerEnd, markerStart, partialPrefixLength, PromptScanner, type ScanPiece} from '../../source/server/shell/prompt-scanner.js';
import {setupLine} from '../../source/server/shell/shell-launch.js';

const NONCE = 'abc123';
const prompt = (exit: number, cwd: string) => `${markerStart(NONCE)}${exit}:${cwd}${markerEnd(NONCE)}`;

type Piece = {kind: 'text'; text: string} | Exclude<ScanPiece, {kind: 'text'}>;

/** The pieces of `chunks`, text as latin1 (one char a byte) and adjacent text joined: how text is split does not matter. */
function scanAll(chunks: Array<string | Buffer>): Piece[] {
  const scanner = new PromptScanner(NONCE);
  const joined: Piece[] = [];
  for (const piece of chunks.flatMap((chunk) => scanner.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)))) {
    const last = joined.at(-1);
    if (piece.kind !== 'text') joined.push(piece);
    else if (last?.kind === 'text') last.text += piece.bytes.toString('latin1');
    else joined.push({kind: 'text', text: piece.bytes.toString('latin1')});
  }
  return joined;
}

const texts = (pieces: ScanPiece[]) => pieces.map((piece) => (piece.kind === 'text' ? piece.bytes.toString() : piece));

describe('PromptScanner', () => {
  it('separates output from the prompt marker and reads exit code and cwd', () => {
    expect(scanAll([`hello\r\n${prompt(0, '/workspace')}`])).toEqual([
      {kind: 'text', text: 'hello\r\n'},
      {kind: 'prompt', exitCode: 0, cwd: '/workspace'},
    ]);
  });

  it('finds a marker split across chunks at any position, and holds back only a possible marker start', () => {
    const stream = `out${prompt(130, '/a b:c')}more`;
    for (let cut = 1; cut < stream.length; cut++) {
      expect(scanAll([stream.slice(0, cut), stream.slice(cut)])).toEqual([
        {kind: 'text', text: 'out'},
        {kind: 'prompt', exitCode: 130, cwd: '/a b:c'},
        {kind: 'text', text: 'more'},
      ]);
    }
    const scanner = new PromptScanner(NONCE);
    expect(texts(scanner.push(Buffer.from('abc[OHT')))).toEqual(['abc']);
    expect(texts(scanner.push(Buffer.from('x')))).toEqual(['[OHTx']);
  });

  it('passes the bytes through unchanged: UTF-8 split across chunks, and bytes that are not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('grüße ✓ '), Buffer.from([0xff, 0xfe, 0x00]), Buffer.from(prompt(0, '/äb'))]);
    for (let cut = 1; cut < bytes.length; cut++) {
      const pieces = scanAll([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(pieces).toEqual([
        {kind: 'text', text: Buffer.concat([Buffer.from('grüße ✓ '), Buffer.from([0xff, 0xfe, 0x00])]).toString('latin1')},
        {kind: 'prompt', exitCode: 0, cwd: '/äb'},
      ]);
    }
  });

  it('ignores markers with another nonce and the raw PS1 text', () => {
    const other = `[OHTUI-zzz:0:/x:zzz]`;
    const setup = setupLine({nonceVariable: 'V', nonce: NONCE, workingDir: '/w', columns: 80, rows: 24});
    expect(scanAll([other, setup])).toEqual([{kind: 'text', text: other + setup}]);
  });

  it('reads several prompts in one chunk', () => {
    expect(scanAll([`${prompt(1, '/x')}a${prompt(2, '/y')}`])).toEqual([
      {kind: 'prompt', exitCode: 1, cwd: '/x'},
      {kind: 'text', text: 'a'},
      {kind: 'prompt', exitCode: 2, cwd: '/y'},
    ]);
  });

  it('lets an unterminated marker through as text once it is implausibly long', () => {
    const pieces = scanAll([markerStart(NONCE), 'x'.repeat(20_000)]);
    expect(pieces).toEqual([{kind: 'text', text: markerStart(NONCE) + 'x'.repeat(20_000)}]);
  });

  it('partialPrefixLength finds the longest suffix that starts the marker', () => {
    const length = (text: string) => partialPrefixLength(Buffer.from(text), Buffer.from('[OHTUI'));
    expect(length('abc[OH')).toBe(3);
    expect(length('abc')).toBe(0);
    expect(length('[OHTUI')).toBe(0);
    expect(length('[O[OHT')).toBe(4);
  });
});
