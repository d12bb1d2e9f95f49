import {describe, expect, test} from 'vitest';
import {AppendList} from '../../source/lib/append-list.js';

describe('AppendList', () => {
  test('push and set give new versions and leave the old ones as they were', () => {
    const a = AppendList.of([1, 2, 3]);
    const b = a.push(4);
    const c = b.set(0, 10);
    expect([...a]).toEqual([1, 2, 3]);
    expect([...b]).toEqual([1, 2, 3, 4]);
    expect([...c]).toEqual([10, 2, 3, 4]);
    expect(a.at(3)).toBeUndefined();
    expect(c.at(-1)).toBeUndefined();
  });

  test('two versions grown from one do not see each other', () => {
    const base = AppendList.of(Array.from({length: 300}, (_, i) => i));
    const left = base.push(-1).push(-2);
    const right = base.push(-3);
    expect(left.at(300)).toBe(-1);
    expect(left.at(301)).toBe(-2);
    expect(right.at(300)).toBe(-3);
    expect(right.length).toBe(301);
    expect([...left.set(299, 0)].slice(298)).toEqual([298, 0, -1, -2]);
    expect(right.at(299)).toBe(299);
  });

  test('a draft batches changes across chunk boundaries; a finished draft refuses more', () => {
    const draft = AppendList.empty<number>().draft();
    for (let i = 0; i < 1_000; i++) draft.push(i);
    draft.set(512, -512);
    const list = draft.finish();
    expect(list.length).toBe(1_000);
    expect(list.at(999)).toBe(999);
    expect(list.at(512)).toBe(-512);
    expect(() => draft.push(1)).toThrow(/finished/);
    expect(() => list.set(1_000, 0)).toThrow(RangeError);
  });
});
