import { describe, expect, it } from 'vitest';
import { editDistance, suggest } from '../../src/suite/suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    expect(editDistance('prompt', 'prompt')).toBe(0);
    expect(editDistance('promt', 'prompt')).toBe(1);
    expect(editDistance('kind', 'knid')).toBe(1);
    expect(editDistance('taks', 'task')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('suggest', () => {
  const keys = ['id', 'kind', 'domain', 'prompt', 'messages', 'system', 'pair', 'tags', 'reference', 'expect'];
  it('names the closest key for a plausible typo', () => {
    expect(suggest('promt', keys)).toBe('prompt');
    expect(suggest('refrence', keys)).toBe('reference');
    expect(suggest('Tags', keys)).toBe('tags');
  });
  it('stays silent when nothing is close', () => {
    expect(suggest('temperature', keys)).toBeUndefined();
    expect(suggest('x', ['abc'])).toBeUndefined();
  });
});
