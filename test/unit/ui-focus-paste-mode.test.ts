import {PassThrough} from 'node:stream';
import {describe, expect, it} from 'vitest';
import {BRACKETED_PASTE_OFF, BRACKETED_PASTE_ON, enableBracketedPaste} from '../../source/ui/keys/bracketed-paste.js';
import {nextFocus} from '../../source/ui/keys/focus.js';
import {screenIntent} from '../../source/ui/keys/screen-intent.js';

describe('nextFocus', () => {
  it('cycles through the panes shown, both ways, and recovers from a hidden one', () => {
    const shown = ['composer', 'events', 'terminal'] as const;
    expect(nextFocus('composer', shown)).toBe('events');
    expect(nextFocus('terminal', shown)).toBe('composer');
    expect(nextFocus('composer', shown, -1)).toBe('terminal');
    expect(nextFocus('terminal', ['composer', 'events'])).toBe('composer');
  });
});

describe('screenIntent', () => {
  it('scrolls the events pane from the composer, the focused pane otherwise, and leaves composer keys alone', () => {
    expect(screenIntent('scroll.pageUp', 'composer')).toEqual({type: 'scroll', pane: 'events', action: 'pageUp'});
    expect(screenIntent('scroll.end', 'terminal')).toEqual({type: 'scroll', pane: 'terminal', action: 'end'});
    expect(screenIntent('composer.submit', 'composer')).toBeUndefined();
    expect(screenIntent('run.interrupt', 'composer')).toBeUndefined();
  });
});

describe('bracketed paste mode', () => {
  it('is turned on for a terminal and off once, and left alone for a pipe', () => {
    const written: string[] = [];
    const tty = Object.assign(new PassThrough(), {isTTY: true});
    tty.on('data', (chunk: Buffer) => written.push(chunk.toString()));
    const off = enableBracketedPaste(tty);
    off();
    off();
    expect(written).toEqual([BRACKETED_PASTE_ON, BRACKETED_PASTE_OFF]);
    const pipe = new PassThrough();
    const pipeWritten: string[] = [];
    pipe.on('data', (chunk: Buffer) => pipeWritten.push(chunk.toString()));
    enableBracketedPaste(pipe)();
    expect(pipeWritten).toEqual([]);
  });
});
