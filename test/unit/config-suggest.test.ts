import {describe, expect, it} from 'vitest';
import {closestName, editDistance, suggestKey} from '../../source/config/suggest.js';

describe('editDistance', () => {
  it('counts inserts, deletes, substitutions and swapped neighbours as one edit each', () => {
    expect(editDistance('timeout', 'timeout')).toBe(0);
    expect(editDistance('timout', 'timeout')).toBe(1);
    expect(editDistance('timeoutt', 'timeout')).toBe(1);
    expect(editDistance('tymeout', 'timeout')).toBe(1);
    expect(editDistance('modle', 'model')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('closestName', () => {
  it('picks the nearest candidate within about a third of the word, ignoring case', () => {
    expect(closestName('sandbx', ['core', 'sandbox', 'llm'])).toBe('sandbox');
    expect(closestName('Model', ['model', 'top_p'])).toBe('model');
    expect(closestName('max_iteration', ['max_iterations', 'max_budget_per_task'])).toBe('max_iterations');
  });

  it('suggests nothing for a word far from every candidate', () => {
    expect(closestName('banana', ['core', 'sandbox', 'llm'])).toBeUndefined();
    expect(closestName('x', [])).toBeUndefined();
  });
});

describe('suggestKey', () => {
  const keys = new Map([
    ['core', ['debug', 'max_iterations']],
    ['sandbox', ['timeout', 'vscode_host']],
    ['llm', ['model', 'timeout']],
  ]);

  it('prefers a near key in the same section', () => {
    expect(suggestKey('llm', 'timout', keys)).toEqual({section: 'llm', key: 'timeout'});
  });

  it('then the same key in another section', () => {
    expect(suggestKey('core', 'vscode_host', keys)).toEqual({section: 'sandbox', key: 'vscode_host'});
  });

  it('then a near key in another section', () => {
    expect(suggestKey('core', 'vscode_hots', keys)).toEqual({section: 'sandbox', key: 'vscode_host'});
  });

  it('returns undefined when nothing is close', () => {
    expect(suggestKey('core', 'completely_unrelated', keys)).toBeUndefined();
  });
});
