import {describe, expect, test} from 'vitest';
import {ParseBudget} from '../../source/ui/terminal/parse-budget.js';

describe('ParseBudget', () => {
  test('a frame allows bytesPerFrame; what is spent is gone until the next frame', () => {
    const budget = new ParseBudget(1000, 33);
    expect(budget.left(100)).toBe(1000);
    budget.spend(600);
    expect(budget.left(110)).toBe(400);
    budget.spend(500);
    expect(budget.left(120)).toBe(0);
    expect(budget.untilNextFrame(120)).toBe(13);
    // The next frame starts 33 ms after this one did, with the whole budget.
    expect(budget.left(132)).toBe(0);
    expect(budget.left(133)).toBe(1000);
    expect(budget.untilNextFrame(133)).toBe(33);
  });

  test('a frame starts when output comes after a pause, not on a fixed grid', () => {
    const budget = new ParseBudget(1000, 33);
    budget.left(0);
    budget.spend(1000);
    expect(budget.left(500)).toBe(1000);
    budget.spend(1000);
    expect(budget.untilNextFrame(510)).toBe(23);
    expect(budget.untilNextFrame(600)).toBe(0);
  });

  test('a clock that went back starts a new frame rather than stalling', () => {
    const budget = new ParseBudget(1000, 33);
    budget.left(5000);
    budget.spend(1000);
    expect(budget.left(10)).toBe(1000);
  });
});
