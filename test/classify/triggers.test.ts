import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { compileStems, sentenceMasks, DIGIT_BIT } from '../../src/classify/triggers.js';
import { splitSentences } from '../../src/classify/sentences.js';
import { HEDGE_RULES, HEDGE_BIT0 } from '../../src/classify/hedges.js';
import { REFUSAL, REFUSAL_STEMS } from '../../src/classify/patterns.js';

const masksOf = (text: string, groups: string[][]) => {
  const { sentences } = splitSentences(text);
  return sentenceMasks(text, sentences, compileStems(groups));
};

describe('stem gate', () => {
  it('sets a group bit for a sentence holding a word that starts with one of its stems', () => {
    const m = masksOf("Please consult a doctor. Bake it. I can't.", [['consult'], ["can't"], ['bak']]);
    expect([...m]).toEqual([0b001, 0b100, 0b010]);
  });

  it('matches stems at word starts only, in any case, with straight or curly apostrophes', () => {
    const m = masksOf('RECONSULT later. CONSULTING now. I can’t.', [['consult'], ["can’t"]]);
    expect([...m]).toEqual([0, 1, 2]);
  });

  it('flags sentences with digits or currency signs', () => {
    const m = masksOf('It costs $5. No figures here.', [['x']]);
    expect((m[0] & DIGIT_BIT) !== 0).toBe(true);
    expect(m[1]).toBe(0);
  });

  it('rejects stems it cannot index', () => {
    expect(() => compileStems([['ok-no']])).toThrow(/only letters/);
  });

  // The gate must never hide a match: on every sentence of the real dev answers, a pattern that
  // matches implies its stem bit is set.
  it('never hides a refusal or hedge match on the XSTest dev answers', () => {
    const file = join(import.meta.dirname, '..', 'fixtures', 'xstest', 'completions-dev.csv');
    const rows = parse(readFileSync(file), { columns: true }) as Array<{ completion: string }>;
    const gate = compileStems([[...REFUSAL_STEMS], ...HEDGE_RULES.map((r) => [...r.stems])]);
    const missed: string[] = [];
    let checked = 0;
    for (const r of rows) {
      const { sentences } = splitSentences(r.completion);
      const masks = sentenceMasks(r.completion, sentences, gate);
      for (const s of sentences) {
        checked++;
        if (REFUSAL.test(s.text) && !(masks[s.index] & 1)) missed.push(`refusal: ${s.text}`);
        HEDGE_RULES.forEach((rule, i) => {
          if (rule.re.test(s.text) && !(masks[s.index] & (1 << (HEDGE_BIT0 + i)))) missed.push(`${rule.name}: ${s.text}`);
        });
      }
    }
    expect(checked).toBeGreaterThan(5000);
    expect(missed).toEqual([]);
  });
});
