import { describe, expect, it } from 'vitest';
import { stratifiedExactTest, toleranceTest, type CaseCounts } from '../../src/stats/noninferiority.js';

/**
 * Reference for the exact test: brute force. Every way to split each case's pooled samples between
 * the two runs (equally likely under "no change") is enumerated, and the share with at least the
 * observed number of worse samples tonight is the exact p. Independent of the convolution in the code.
 */
function bruteForceP(cases: CaseCounts[]): number {
  const splits = cases.map((c) => {
    const m = c.baseN + c.curN;
    const s = c.baseWorse + c.curWorse;
    const out: number[] = []; // tonight's worse count for every subset of size curN of the m samples
    for (let mask = 0; mask < 1 << m; mask++) {
      let size = 0, worse = 0;
      for (let i = 0; i < m; i++) if (mask & (1 << i)) { size++; if (i < s) worse++; }
      if (size === c.curN) out.push(worse);
    }
    return out;
  });
  const observed = cases.reduce((a, c) => a + c.curWorse, 0);
  let hit = 0, total = 0;
  const walk = (i: number, sum: number) => {
    if (i === splits.length) { total++; if (sum >= observed) hit++; return; }
    for (const x of splits[i]) walk(i + 1, sum + x);
  };
  walk(0, 0);
  return hit / total;
}

describe('stratifiedExactTest', () => {
  it('is the one-sided exact McNemar test when both runs have one sample per case (7 worse, 1 better: 9/256)', () => {
    const cases: CaseCounts[] = [
      ...Array.from({ length: 7 }, () => ({ baseWorse: 0, baseN: 1, curWorse: 1, curN: 1 })),
      { baseWorse: 1, baseN: 1, curWorse: 0, curN: 1 },
      ...Array.from({ length: 30 }, () => ({ baseWorse: 0, baseN: 1, curWorse: 0, curN: 1 })),
    ];
    const t = stratifiedExactTest(cases);
    expect(t.informative).toBe(8);
    expect(t.p).toBeCloseTo(9 / 256, 12); // P(Bin(8, ½) ≥ 7)
  });

  it('is Fisher’s exact test for one case (0 of 3 worse before, 3 of 3 tonight: 1/C(6,3) = 0.05)', () => {
    expect(stratifiedExactTest([{ baseWorse: 0, baseN: 3, curWorse: 3, curN: 3 }]).p).toBeCloseTo(0.05, 12);
  });

  it('agrees with brute-force enumeration under unequal K, case by case', () => {
    const cases: CaseCounts[] = [
      { baseWorse: 0, baseN: 1, curWorse: 2, curN: 3 },
      { baseWorse: 1, baseN: 1, curWorse: 1, curN: 3 },
      { baseWorse: 0, baseN: 2, curWorse: 1, curN: 2 },
      { baseWorse: 1, baseN: 1, curWorse: 3, curN: 3 },
      { baseWorse: 0, baseN: 1, curWorse: 0, curN: 3 },
    ];
    expect(stratifiedExactTest(cases).p).toBeCloseTo(bruteForceP(cases), 12);
  });

  it('says nothing changed when every case’s samples agree (p = 1, never 0 from zero variance)', () => {
    const same = Array.from({ length: 20 }, () => ({ baseWorse: 10, baseN: 10, curWorse: 10, curN: 10 }));
    expect(stratifiedExactTest(same)).toMatchObject({ p: 1, informative: 0 });
  });
});

describe('toleranceTest', () => {
  it('never gives p = 0 from zero variance: 3 cases all 0 → 1 give p = 0.0724 (t = 1.81 on 4 df), not 0', () => {
    // Agresti–Min pseudo-cases (½ at +1, ½ at −1, 1 at 0): mean 0.6, se 0.33166, t = 1.80907;
    // reference: scipy.stats.t.sf(1.8090680674665816, 4) = 0.07235199930316522
    const t = toleranceTest([1, 1, 1], 0, 0.05);
    expect(t.delta).toBe(1);
    expect(t.adjusted).toBeCloseTo(0.6, 12);
    expect(t.se).toBeCloseTo(0.33166247903554, 10);
    expect(t.p).toBeCloseTo(0.07235199930316522, 8);
    expect(t.lower).toBeLessThan(0);
  });

  it('takes the tolerance as the null: a change of exactly the tolerance is not evidence of more', () => {
    const diffs = [...Array(100).fill(0), ...Array(900).fill(0)].map((_, i) => (i < 50 ? 1 : 0)); // Δ = 5 points
    expect(toleranceTest(diffs, 0.0, 0.05).p).toBeLessThan(0.001);
    expect(toleranceTest(diffs, 0.05, 0.05).p).toBeGreaterThan(0.5);
    expect(toleranceTest(diffs, 0.1, 0.05).p).toBeGreaterThan(0.99);
  });

  it('has its lower bound past the tolerance exactly when p < alpha', () => {
    const diffs = Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? 1 : i % 37 === 0 ? -1 : 0));
    for (const tol of [0, 0.02, 0.05, 0.08]) {
      const t = toleranceTest(diffs, tol, 0.05);
      expect(t.lower > tol).toBe(t.p < 0.05);
    }
  });
});

describe('stratifiedExactTest on large suites', () => {
  it('switches to the normal approximation of the same sum above the case limit, and agrees with the exact sum', () => {
    // 1,200 informative cases of baseline K = 1 against tonight K = 3, a slight worsening
    const cases: CaseCounts[] = Array.from({ length: 1200 }, (_, i) => ({ baseWorse: i % 3 === 0 ? 1 : 0, baseN: 1, curWorse: 1 + (i % 15 === 0 ? 1 : 0), curN: 3 }));
    const exact = stratifiedExactTest(cases);
    const approx = stratifiedExactTest(cases, 100);
    expect(exact.informative).toBe(1200);
    expect(approx.observed).toBe(exact.observed);
    expect(approx.expected).toBeCloseTo(exact.expected, 9);
    expect(exact.p).toBeGreaterThan(0.001);
    expect(exact.p).toBeLessThan(0.2);
    expect(Math.abs(approx.p - exact.p) / exact.p).toBeLessThan(0.05);
  });
});
