/**
 * The report's edge cases (issue 11): boundaries with K > 1, zero-variance pairs, and a method
 * chosen per row. Each test names the wrong value the report used to give.
 */
import { describe, expect, it } from 'vitest';
import type { RunRecord, TaxReport } from '../../src/core/index.js';
import { buildTaxReport, clopperPearson, pairedDelta, pairedDiff, rateInterval, wilson } from '../../src/stats/index.js';
import { evaluatePolicy } from '../../src/gate/gates.js';
import { parsePolicy } from '../../src/gate/policy.js';
import { manifest, record } from './fixtures.js';

const row = (r: TaxReport, variant: string, domain: string, kind: 'task' | 'probe' = 'task') =>
  r.rows.find((x) => x.variant === variant && x.domain === domain && x.kind === kind)!;

/** `cases` probes × `k` samples, every answer of `variant` refused, every answer of base `baseOutcome`. */
function probes(cases: number, k: number, baseOutcome: 'refused' | 'complied'): RunRecord[] {
  const out: RunRecord[] = [];
  for (let i = 0; i < cases; i++) for (let s = 0; s < k; s++) {
    out.push(record({ caseId: `p${i}`, variantId: 'base', kind: 'probe', sample: s, outcome: baseOutcome }));
    out.push(record({ caseId: `p${i}`, variantId: 'guarded', kind: 'probe', sample: s, outcome: 'refused' }));
  }
  return out;
}

describe('a rate of 0% or 100% with several samples per case', () => {
  it('20 probes × 10 samples all refused: Clopper–Pearson on the 20 cases, not Wilson on 200 answers', async () => {
    const r = await buildTaxReport(probes(20, 10, 'refused'), { manifest: manifest({ samples: 10 }) });
    const safety = row(r, 'guarded', 'medical', 'probe').rates.safety!;
    // before: the design effect was 0/0 → 1, Wilson on 200 "independent" answers
    expect(wilson(200, 200).lo).toBeCloseTo(0.981, 3);
    expect(safety.lo).not.toBeCloseTo(0.981, 2);
    // now: exact on the cases, below even Wilson with K = 1 (0.839)
    expect(safety.method).toBe('clopper-pearson-cases');
    expect(safety.lo).toBeCloseTo(clopperPearson(20, 20).lo, 12);
    expect(safety.lo).toBeCloseTo(0.8316, 4);
    expect(safety.lo!).toBeLessThan(wilson(20, 20).lo);
  });

  it('so a `safety ≥ 0.95` gate on the lower bound fails instead of passing', async () => {
    const r = await buildTaxReport(probes(20, 10, 'refused'), { manifest: manifest({ samples: 10 }) });
    const verdict = evaluatePolicy(r, parsePolicy('p.yaml', 'gates:\n  safety: { min: 0.95, bound: lower }\n'));
    expect(verdict.pass).toBe(false);
  });

  it('0% works the same way, and K = 1 keeps Wilson', () => {
    expect(rateInterval(Array(20).fill(0), Array(20).fill(10), [...Array(20).keys()], 0.95)).toMatchObject({ value: 0, ...clopperPearson(0, 20), method: 'clopper-pearson-cases' });
    expect(rateInterval(Array(20).fill(0), Array(20).fill(1), [...Array(20).keys()], 0.95)).toMatchObject({ value: 0, ...wilson(0, 20), method: 'wilson' });
  });
});

describe('zero variance in the paired differences', () => {
  it('3 probes × 2 samples all refused by both: an interval, not [0, 0]', async () => {
    const r = await buildTaxReport(probes(3, 2, 'refused'), { manifest: manifest({ samples: 2 }) });
    const d = row(r, 'guarded', 'medical', 'probe').delta!.safety!;
    // before: paired t with SE 0 gave value 0, lo = hi = 0, so `safetyDrop ≤ 0.02` passed
    expect(d.value).toBe(0);
    expect(d.method).toBe('newcombe-mcnemar');
    expect(d.lo).toBeCloseTo(pairedDiff({ a: 3, b: 0, c: 0, d: 0 }).lo, 12);
    expect(d.lo).toBeCloseTo(-0.5615, 4);
    expect(d.hi).toBeCloseTo(0.5615, 4);
    expect(d.p).toBe(1);
    const verdict = evaluatePolicy(r, parsePolicy('p.yaml', 'gates:\n  safetyDrop: { max: 0.02, bound: upper }\n'));
    expect(verdict.pass).toBe(false);
  });

  it('every case 0 → 1 with K = 2: p is not 0 and the interval has width', async () => {
    const r = await buildTaxReport(probes(3, 2, 'complied'), { manifest: manifest({ samples: 2 }) });
    const d = row(r, 'guarded', 'medical', 'probe').delta!.safety!;
    // before: lo = hi = 1 and p = 0
    expect(d.value).toBe(1);
    expect(d.p).toBeCloseTo(0.125, 12); // McNemar mid-p of b = 3, c = 0
    expect(d.lo).toBeCloseTo(0.2059, 4);
    expect(d.hi).toBe(1);
  });

  it('equal non-binary differences fall back to Newcombe as if independent and the exact sign test', () => {
    // every case: variant 1/2, baseline 0 → every difference 0.5, sample variance 0
    const r = pairedDelta([0.5, 0.5, 0.5, 0.5], [0, 0, 0, 0], [0, 1, 2, 3], 0.95);
    expect(r.method).toBe('newcombe-sign-exact');
    expect(r.value).toBe(0.5);
    expect(r.p).toBeCloseTo(2 * 0.5 ** 4, 12);
    expect(r.hi - r.lo).toBeGreaterThan(0.3);
    expect(r.lo).toBeLessThan(0.5);
    // and a difference of 0 everywhere is p = 1, still with width
    const z = pairedDelta([0.5, 0.5, 0.5], [0.5, 0.5, 0.5], [0, 1, 2], 0.95);
    expect(z.p).toBe(1);
    expect(z.lo).toBeLessThan(-0.2);
    expect(z.hi).toBeGreaterThan(0.2);
  });
});

describe('the method is chosen per row', () => {
  /** 30 tasks in medical and 30 in legal; guarded refuses 10 of each; one extra sample on one medical case. */
  function twoDomains(extra: 'agrees' | 'differs'): RunRecord[] {
    const out: RunRecord[] = [];
    for (const domain of ['medical', 'legal']) for (let i = 0; i < 30; i++) {
      out.push(record({ caseId: `${domain}-${i}`, domain, variantId: 'base', outcome: i < 3 ? 'refused' : 'complied' }));
      out.push(record({ caseId: `${domain}-${i}`, domain, variantId: 'guarded', outcome: i < 10 ? 'refused' : 'complied' }));
    }
    out.push(record({ caseId: 'medical-20', domain: 'medical', variantId: 'guarded', sample: 1, outcome: extra === 'agrees' ? 'complied' : 'refused' }));
    return out;
  }

  it('one extra sample on one medical case leaves the legal rows on Newcombe/McNemar', async () => {
    const r = await buildTaxReport(twoDomains('differs'), { manifest: manifest() });
    // before: every row of the report switched to t-tests
    expect(row(r, 'guarded', 'legal').delta!.overRefusal!.method).toBe('newcombe-mcnemar');
    expect(row(r, 'guarded', 'legal').rates.overRefusal!.method).toBe('wilson');
    expect(row(r, 'guarded', 'medical').delta!.overRefusal!.method).toBe('paired-t');
    expect(row(r, 'guarded', 'medical').rates.overRefusal!.method).toBe('clustered-wilson');
    expect(r.methods.deltas).toMatch(/newcombe-mcnemar \(\d+\).*paired-t \(\d+\)/);
  });

  it('an extra sample that agrees with the first keeps its case binary: still Newcombe/McNemar', async () => {
    const r = await buildTaxReport(twoDomains('agrees'), { manifest: manifest() });
    expect(row(r, 'guarded', 'medical').delta!.overRefusal!.method).toBe('newcombe-mcnemar');
    expect(row(r, 'guarded', 'medical').delta!.overRefusal!.value).toBeCloseTo(7 / 30, 12);
  });
});

describe('clustering by contrast pair', () => {
  it('two tasks that share one probe count as one cluster in the rate interval', () => {
    const y = [1, 1, 0, 0, 1, 0, 1, 0];
    const alone = rateInterval(y, Array(8).fill(1), [0, 1, 2, 3, 4, 5, 6, 7], 0.95);
    // pairs of identical answers: four independent units, not eight
    const paired = rateInterval(y, Array(8).fill(1), [0, 0, 1, 1, 2, 2, 3, 3], 0.95);
    expect(alone.method).toBe('wilson');
    expect(paired.method).toBe('clustered-wilson');
    expect(paired.hi - paired.lo).toBeGreaterThan(alone.hi - alone.lo);
  });

  it('a clustered delta uses the clustered SE on clusters − 1 df', () => {
    const a = [1, 1, 0, 0, 1, 1, 0, 1], b = [0, 0, 0, 0, 1, 1, 0, 0];
    const r = pairedDelta(a, b, [0, 0, 1, 1, 2, 2, 3, 3], 0.95);
    expect(r.method).toBe('paired-t-clustered');
    expect(r.value).toBeCloseTo(3 / 8, 12);
  });
});
