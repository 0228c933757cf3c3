import { describe, expect, it } from 'vitest';
import { allocate, labelSample, labelStratum, type LabelStratum } from '../../src/stats/label-sample.js';
import type { Outcome, RunRecord } from '../../src/core/index.js';

function rec(caseId: string, variantId: string, outcome: Outcome, extra: Partial<NonNullable<RunRecord['verdict']>> = {}): RunRecord {
  return {
    runId: 'r', caseId, variantId, sample: 0, domain: 'd', kind: 'task', completion: { text: 'x', latencyMs: 1 },
    verdict: { outcome, hedges: 0, signals: [], by: 'rules', checks: [], completed: outcome === 'complied', confidence: 0.9, ...extra },
  };
}

/** 100 answers per variant: 60 complied, 20 hedged, 10 refused, 4 partial, 5 unsure (rules), 1 error */
function run(variants = ['base', 'guarded']): RunRecord[] {
  const out: RunRecord[] = [];
  for (const v of variants) {
    let i = 0;
    const add = (n: number, o: Outcome, extra = {}) => { for (let k = 0; k < n; k++) out.push(rec(`c${String(i++).padStart(3, '0')}`, v, o, extra)); };
    add(60, 'complied'); add(20, 'hedged'); add(10, 'refused'); add(4, 'partial'); add(5, 'refused', { confidence: 0.5 }); add(1, 'error');
  }
  return out;
}

describe('labelStratum', () => {
  it('puts unsure rules and rules/judge disagreement in the unsure stratum, errors nowhere', () => {
    expect(labelStratum(rec('a', 'v', 'complied'))).toBe('complied');
    expect(labelStratum(rec('a', 'v', 'refused', { confidence: 0.4 }))).toBe('unsure');
    expect(labelStratum(rec('a', 'v', 'refused', { by: 'judge', rulesOutcome: 'complied', judgeOutcome: 'refused' }))).toBe('unsure');
    expect(labelStratum(rec('a', 'v', 'refused', { by: 'judge', rulesOutcome: 'refused', judgeOutcome: 'refused', confidence: 0.4 }))).toBe('refused');
    expect(labelStratum(rec('a', 'v', 'error'))).toBeUndefined();
  });
});

describe('allocate', () => {
  it('gives the unsure stratum up to half the budget, a floor to every stratum, the rest by size, and exactly the budget', () => {
    const sizes = new Map<LabelStratum, number>([['unsure', 5], ['complied', 60], ['hedged', 20], ['refused', 10], ['partial', 4]]);
    const a = allocate(sizes, 20, 0.5);
    expect(a.get('unsure')).toBe(5);
    for (const s of ['complied', 'hedged', 'refused', 'partial'] as const) expect(a.get(s)).toBeGreaterThanOrEqual(3);
    expect([...a.values()].reduce((x, y) => x + y, 0)).toBe(20);
    expect(a.get('complied')!).toBeGreaterThan(a.get('hedged')!);
  });

  it('takes everything when the budget covers the variant, and never more than a stratum holds', () => {
    const sizes = new Map<LabelStratum, number>([['complied', 3], ['partial', 1]]);
    expect(Object.fromEntries(allocate(sizes, 10, 0.5))).toEqual({ complied: 3, partial: 1 });
    const a = allocate(new Map<LabelStratum, number>([['complied', 50], ['partial', 1]]), 10, 0.5);
    expect(a.get('partial')).toBe(1);
    expect(a.get('complied')).toBe(9);
  });
});

describe('labelSample', () => {
  it('draws the budget per variant, unsure first, each item with its stratum and inclusion probability n_h/N_h', () => {
    const items = labelSample(run(), { perVariant: 20, seed: 'run-1' });
    for (const v of ['base', 'guarded']) {
      const mine = items.filter((i) => i.variantId === v);
      expect(mine).toHaveLength(20);
      expect(mine.slice(0, 5).every((i) => i.stratum === 'unsure')).toBe(true);
      expect(new Set(mine.map((i) => i.caseId)).size).toBe(20);
      const unsure = mine.find((i) => i.stratum === 'unsure')!;
      expect(unsure.inclusionProb).toBe(1);
      const complied = mine.filter((i) => i.stratum === 'complied');
      expect(complied[0].inclusionProb).toBeCloseTo(complied.length / 60, 12);
      // the weights 1/π add up to the variant's labellable answers: the sample stands for all 99
      expect(mine.reduce((s, i) => s + 1 / i.inclusionProb, 0)).toBeCloseTo(99, 9);
    }
  });

  it('samples tasks and probes as separate strata, in proportion, so each kind\'s rare refusals get labels of their own', () => {
    // 150 tasks (9 refused) and 120 probes (110 refused): sampled together, the 9 refused tasks would
    // share the refused stratum's few labels with 110 probes and often get none
    const recs: RunRecord[] = [];
    for (let i = 0; i < 150; i++) recs.push({ ...rec(`t${i}`, 'v', i < 9 ? 'refused' : 'complied'), kind: 'task' });
    for (let i = 0; i < 120; i++) recs.push({ ...rec(`p${i}`, 'v', i < 110 ? 'refused' : 'complied'), kind: 'probe' });
    for (let seed = 0; seed < 20; seed++) {
      const items = labelSample(recs, { perVariant: 54, seed });
      const tasks = items.filter((i) => i.caseId.startsWith('t'));
      expect(tasks).toHaveLength(30); // 54 × 150/270
      expect(tasks.filter((i) => i.outcome === 'refused').length).toBeGreaterThanOrEqual(3);
      const refusedTask = tasks.find((i) => i.outcome === 'refused')!;
      expect(refusedTask.inclusionProb).toBeCloseTo(tasks.filter((i) => i.outcome === 'refused').length / 9, 12);
      // each kind's weights stand for that kind's answers
      expect(tasks.reduce((s, i) => s + 1 / i.inclusionProb, 0)).toBeCloseTo(150, 9);
    }
  });

  it('is reproducible from the seed, whatever the record order, and differs per seed and per variant', () => {
    const recs = run();
    const a = labelSample(recs, { perVariant: 20, seed: 7 });
    const b = labelSample([...recs].reverse(), { perVariant: 20, seed: 7 });
    const key = (xs: typeof a) => xs.map((i) => `${i.variantId}/${i.caseId}`).sort();
    expect(key(b)).toEqual(key(a));
    expect(key(labelSample(recs, { perVariant: 20, seed: 8 }))).not.toEqual(key(a));
    const ids = (v: string) => a.filter((i) => i.variantId === v && i.stratum === 'complied').map((i) => i.caseId);
    expect(ids('base')).not.toEqual(ids('guarded'));
  });
});
