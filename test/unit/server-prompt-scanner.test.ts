import {describe, expect, it} from 'vitest';
import {markerEnd, markerStart, partialPrefixLength, PromptScanner, type ScanPiece} from '../../source/server/shell/prompt-scanner.js';
import {setupLine} from '../../source/server/shell/shell-launch.js';

const NONCE = 'abc123';
const prompt = (exit: number, cwd: string) => `${markerStart(NONCE)}${exit}:${cwd}${markerEnd(NONCE)}`;

function scanAll(chunks: string[]): ScanPiece[] {
  const scanner = new PromptScanner(NONCE);
  const pieces = chunks.flatMap((chunk) => scanner.push(chunk));
  // Join adjacent text pieces: how text is split into chunks does not matter.
  const joined: ScanPiece[] = [];
  for (const piece of pieces) {
    const last = joined.at(-1);
    if (piece.kind === 'text' && last?.kind === 'text') last.text += piece.text;
    else joined.push({...piece});
  }
  return joined;
}

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
    expect(scanner.push('abc[OHT')).toEqual([{kind: 'text', text: 'abc'}]);
    expect(scanner.push('x')).toEqual([{kind: 'text', text: '[OHTx'}]);
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
    expect(partialPrefixLength('abc[OH', '[OHTUI')).toBe(3);
    expect(partialPrefixLength('abc', '[OHTUI')).toBe(0);
    expect(partialPrefixLength('[OHTUI', '[OHTUI')).toBe(0);
  });
});
