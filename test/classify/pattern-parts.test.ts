import { describe, expect, it } from 'vitest';
import { alternatives, namedAlternatives } from '../../src/classify/pattern-parts.js';
import { ruleAlternatives, withoutAlternatives, ANSWER_PATTERNS } from '../../src/classify/pattern-registry.js';
import { REFUSAL } from '../../src/classify/patterns.js';

describe('pattern alternatives (the unit the rule counts are made of)', () => {
  it('splits only at top-level bars, not inside groups, classes or escapes', () => {
    expect(alternatives(/a|(b|c)|[|]d|e\|f/i).map((r) => r.source)).toEqual(['a', '(b|c)', '[|]d', 'e\\|f']);
    expect(alternatives(/one/).map((r) => r.source)).toEqual(['one']);
  });

  it('names alternatives by pattern and index, without the stateful g flag', () => {
    const named = namedAlternatives('X', /a|b/gi);
    expect(named.map((a) => a.id)).toEqual(['X#0', 'X#1']);
    expect(named[0].re.flags).toBe('i');
  });

  it('lists every answer pattern once, and ids are unique', () => {
    const ids = ruleAlternatives().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ANSWER_PATTERNS.some((p) => p.re === REFUSAL)).toBe(true);
  });

  it('withoutAlternatives removes alternatives for the duration of a call and restores them', () => {
    const source = REFUSAL.source;
    const refusal = "I can't help with that.";
    expect(REFUSAL.test(refusal)).toBe(true);
    const during = withoutAlternatives(new Set(ruleAlternatives().filter((r) => r.pattern === REFUSAL).map((r) => r.id)), () => REFUSAL.test(refusal));
    expect(during).toBe(false);
    expect(REFUSAL.source).toBe(source);
    expect(REFUSAL.test(refusal)).toBe(true);
  });
});
