import {describe, expect, it} from 'vitest';
import {feedPaste, type KeyEvent, notPasting, type PasteState, splitTypeAhead} from '../../source/ui/keys/paste-assembler.js';
import {inkKey} from '../helpers/ink-key.js';

function feedAll(calls: [string, Parameters<typeof inkKey>[0]?][]): KeyEvent[] {
  let state: PasteState = notPasting;
  const events: KeyEvent[] = [];
  for (const [input, flags] of calls) {
    const fed = feedPaste(state, input, inkKey(flags));
    state = fed.state;
    if (fed.event) events.push(fed.event);
  }
  return events;
}

describe('bracketed paste over useInput', () => {
  it('passes keys through when no paste is open', () => {
    expect(feedAll([['a'], ['', {return: true}]])).toEqual([
      {type: 'key', input: 'a', key: inkKey()},
      {type: 'key', input: '', key: inkKey({return: true})},
    ]);
  });

  it('joins the chunks between the markers into one paste event, Enter and Tab kept as text', () => {
    const events = feedAll([['[200~'], ['first line\rsecond'], ['\r', {return: true}], ['', {tab: true}], ['third'], ['[201~'], ['x']]);
    expect(events).toEqual([
      {type: 'paste', text: 'first line\rsecond\r\tthird'},
      {type: 'key', input: 'x', key: inkKey()},
    ]);
  });

  it('gives an empty paste for an empty one, and no marker with Ctrl or Alt is a marker', () => {
    expect(feedAll([['[200~'], ['[201~']])).toEqual([{type: 'paste', text: ''}]);
    expect(feedAll([['[200~', {meta: true}]])).toEqual([{type: 'key', input: '[200~', key: inkKey({meta: true})}]);
  });
});

describe('keys typed ahead of a slow reader', () => {
  it('splits a line typed ahead with its Enter ("ls\\r" in one chunk) into the text and an Enter', () => {
    expect(splitTypeAhead({type: 'key', input: 'ls -la\r', key: inkKey()})).toEqual([
      {type: 'key', input: 'ls -la', key: inkKey()},
      {type: 'key', input: '\r', key: inkKey({return: true})},
    ]);
  });

  it('splits Ctrl+C pressed twice in one chunk into two Ctrl+C keys, and text around them', () => {
    const ctrlC = {type: 'key', input: 'c', key: inkKey({ctrl: true})};
    expect(splitTypeAhead({type: 'key', input: '\x03\x03', key: inkKey()})).toEqual([ctrlC, ctrlC]);
    expect(splitTypeAhead({type: 'key', input: 'ls\r\x03', key: inkKey()})).toEqual([
      {type: 'key', input: 'ls', key: inkKey()},
      {type: 'key', input: '\r', key: inkKey({return: true})},
      ctrlC,
    ]);
  });

  it('leaves single keys, text, unbracketed multi-line pastes, pastes and control keys alone', () => {
    const single: KeyEvent = {type: 'key', input: '\r', key: inkKey({return: true})};
    const text: KeyEvent = {type: 'key', input: 'hello', key: inkKey()};
    const paste: KeyEvent = {type: 'paste', text: 'a\rb'};
    const ctrl: KeyEvent = {type: 'key', input: 'x\r', key: inkKey({ctrl: true})};
    const lines: KeyEvent = {type: 'key', input: 'one\rtwo\r', key: inkKey()};
    for (const event of [single, text, paste, ctrl, lines]) expect(splitTypeAhead(event)).toEqual([event]);
  });
});
