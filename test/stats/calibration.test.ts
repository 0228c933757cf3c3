import { describe, expect, it } from 'vitest';
import { MIN_LABELS, ppiDelta, ppiEstimate, ppiFit, type PpiUnit } from '../../src/stats/calibration.js';

/** K = 1 cases: f the classifier's 0/1, y the human's (undefined = not labelled), π the inclusion probability. */
const units = (rows: [f: number, y?: number, pi?: number][]): PpiUnit[] =>
  rows.map(([f, y, pi]) => ({ f, answers: 1, labelled: y === undefined ? [] : [{ f, y, w: 1 / (pi ?? 1) }] }));

describe('PPI++ corrected rate', () => {
  it('a useless classifier (f independent of y among the labels) gives exactly the plain human-label estimate', () => {
    const rows: [number, number?][] = [];
    for (let i = 0; i < 5; i++) rows.push([1, 1], [1, 0], [0, 1], [0, 0], [0, 1]); // cov(f, y) = 0 over the labels
    for (let i = 0; i < 80; i++) rows.push([i % 3 === 0 ? 1 : 0]); // unlabelled answers: say 27 of 80 refused
    const fit = ppiFit(units(rows))!;
    expect(fit.lambda).toBe(0);
    expect(fit.value).toBeCloseTo(15 / 25, 12); // the labels' own rate, whatever the classifier says elsewhere
    expect(fit.classifier).not.toBeCloseTo(fit.value, 2);
  });

  it('a perfect classifier (f = y) gives exactly the classifier estimate over all answers', () => {
    const rows: [number, number?][] = [];
    for (let i = 0; i < 100; i++) rows.push(i % 5 === 0 ? [i % 2, i % 2] : [i % 7 === 0 ? 1 : 0]);
    const fit = ppiFit(units(rows))!;
    expect(fit.lambda).toBe(1);
    expect(fit.value).toBeCloseTo(rows.reduce((s, r) => s + r[0], 0) / 100, 12);
    const e = ppiEstimate(units(rows));
    expect(e.value).toBeCloseTo(fit.value, 12);
    expect(e.hi! - e.lo!).toBeGreaterThan(0);
  });

  it('matches a small example computed by hand', () => {
    // 6 cases; f = 1,1,0,0,1,0; cases 0, 2, 4 labelled y = 1, 0, 0.
    // f̄ = 1/2, f̄_L = 2/3, ȳ_L = 1/3; slope λ = cov(f,y)/var(f) = (1/3)/(2/3) = 1/2;
    // θ̂ = 1/3 + 1/2·(1/2 − 2/3) = 1/4.
    // Influences: 5/24, 1/24, −1/24, −1/24, −1/8, −1/24; Σ² = 0.0659722…; Var = 6/5·Σ² = 0.0791667.
    // At λ = 0 Σ² would be 0.0740741 (larger), so λ = 1/2 stands. 50% interval: t(0.75, 2 df) = 0.8164966.
    const u = units([[1, 1], [1], [0, 0], [0], [1, 0], [0]]);
    const fit = ppiFit(u, undefined, 1)!; // three labels: tuning allowed on one label a side for the hand example
    expect(fit.lambda).toBeCloseTo(0.5, 12);
    expect(fit.value).toBeCloseTo(0.25, 12);
    expect(Array.from(fit.influence)).toEqual([5 / 24, 1 / 24, -1 / 24, -1 / 24, -1 / 8, -1 / 24].map((x) => expect.closeTo(x, 12)));
    const e = ppiEstimate(u, { level: 0.5, minLabels: 3, tuneMin: 1 });
    const half = 0.8164966 * Math.sqrt(0.0791667);
    expect(e.lo).toBeCloseTo(0.25 - half, 5);
    expect(e.hi).toBeCloseTo(0.25 + half, 5);
  });

  it('weights stratified labels by 1/π: an undersampled stratum counts for all its answers', () => {
    // 90 answers the classifier calls compliant, 10 of them labelled (π = 1/9), one of those refused;
    // 10 answers called refusals, all labelled (π = 1), 8 confirmed. The human rate implied: (9 + 8)/100.
    const rows: [number, number?, number?][] = [];
    for (let i = 0; i < 90; i++) rows.push(i < 10 ? [0, i === 0 ? 1 : 0, 1 / 9] : [0]);
    for (let i = 0; i < 10; i++) rows.push([1, i < 8 ? 1 : 0, 1]);
    const e = ppiEstimate(units(rows));
    expect(e.value).toBeCloseTo(0.17, 12); // unweighted, the 20 labels alone would say 9/20
  });

  it('keeps the classifier (λ = 1) when the labels hold too few answers on one side of it to tune λ', () => {
    // 9 answers the classifier calls refusals, none labelled; 141 called compliant, 27 of them labelled
    // (π = 27/141) and 1 of those a human refusal. Labels alone (λ = 0) would say 1/27 = 3.7% and ignore
    // the 9; classical PPI keeps them: 9/150 + 1/27 = 9.7%.
    const rows: [number, number?, number?][] = [];
    for (let i = 0; i < 9; i++) rows.push([1]);
    for (let i = 0; i < 141; i++) rows.push(i < 27 ? [0, i === 0 ? 1 : 0, 27 / 141] : [0]);
    const fit = ppiFit(units(rows))!;
    expect(fit.lambda).toBe(1);
    expect(fit.value).toBeCloseTo(9 / 150 + 1 / 27, 12);
    // with labels on both sides the slope is tuned as before
    const both = [...rows.slice(0, 150)];
    for (let i = 0; i < 5; i++) both[i] = [1, 1, 1];
    expect(ppiFit(units(both))!.lambda).toBeLessThan(1);
  });

  it('counts each case once: an answer of a K = 2 case weighs half', () => {
    const u: PpiUnit[] = [
      { f: 0.5, answers: 2, labelled: [{ f: 1, y: 1, w: 1 }, { f: 0, y: 1, w: 1 }] },
      { f: 0, answers: 1, labelled: [{ f: 0, y: 0, w: 1 }] },
    ];
    expect(ppiFit(u, 0)!.value).toBeCloseTo(0.5, 12); // case means 1 and 0, not 2 of 3 answers
  });

  it('gives no number, and says why, when a cell has too few labels', () => {
    const e = ppiEstimate(units([[1, 1], [0, 0], [1], [0]]));
    expect(e.value).toBeNull();
    expect(e.method).toBe('too-few-labels');
    expect(e.note).toMatch(new RegExp(`2 labels here, fewer than the ${MIN_LABELS}`));
  });

  it('never draws a zero-width interval when nothing varies but rounding (120 refusals, 24 labelled and confirmed)', () => {
    const e = ppiEstimate(units(Array.from({ length: 120 }, (_, i) => (i % 5 === 0 ? [1, 1, 24 / 120] : [1]) as [number, number?, number?])));
    expect(e.value).toBeCloseTo(1, 12);
    expect(e.hi).toBe(1);
    expect(e.lo!).toBeLessThan(0.9); // Clopper–Pearson lower limit of 24 of 24: 0.858
  });

  it('never draws a zero-width interval when nothing varies', () => {
    const e = ppiEstimate(units(Array.from({ length: 30 }, (_, i) => (i < 12 ? [0, 0] : [0]) as [number, number?])));
    expect(e.value).toBe(0);
    expect(e.lo).toBe(0);
    expect(e.hi).toBeGreaterThan(0.2); // Clopper–Pearson upper limit of 0 in 12 labels: 0.265
  });
});

describe('PPI++ corrected paired delta', () => {
  it('is the difference of the two corrected rates, with an interval from the paired influences', () => {
    const base: [number, number?][] = [], variant: [number, number?][] = [];
    for (let i = 0; i < 200; i++) {
      const labelled = i % 4 === 0;
      const b = i % 10 === 0 ? 1 : 0;
      const v = i % 10 < 3 ? 1 : 0;
      base.push(labelled ? [b, i % 40 === 0 ? 0 : b] : [b]);
      variant.push(labelled ? [v, i % 20 === 4 ? 1 - v : v] : [v]);
    }
    const d = ppiDelta(units(variant), units(base));
    const v = ppiFit(units(variant))!, b = ppiFit(units(base))!;
    expect(d.value).toBeCloseTo(v.value - b.value, 12);
    expect(d.lo!).toBeLessThan(d.value!);
    expect(d.hi!).toBeGreaterThan(d.value!);
  });

  it('an identical variant and baseline differ by 0 with an interval that still has width', () => {
    const rows = units(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? [i % 4 === 0 ? 1 : 0, i % 4 === 0 ? 1 : 0] : [0]) as [number, number?]));
    const d = ppiDelta(rows, rows);
    expect(d.value).toBe(0);
    expect(d.lo!).toBeLessThan(0);
    expect(d.hi!).toBeGreaterThan(0);
  });
});

describe('labels needed for a half-width', () => {
  it('grows with the disagreement seen, and caps at every answer of the cell', async () => {
    const { labelsNeeded } = await import('../../src/stats/calibration-plan.js');
    const make = (disagree: number) => units(Array.from({ length: 1000 }, (_, i) => (i < 50 ? [i % 2, i < disagree ? 1 - (i % 2) : i % 2] : [i % 2]) as [number, number?]));
    const clean = labelsNeeded(make(0), 0.03), noisy = labelsNeeded(make(5), 0.03);
    expect(clean.have).toBe(50);
    expect(noisy.need).toBeGreaterThan(clean.need);
    // 5 of 50 disagree: Var(e) ≈ 0.09 → n ≈ 1.96²·0.09/0.03² ≈ 384
    expect(noisy.need).toBeGreaterThan(300);
    expect(noisy.need).toBeLessThan(450);
    const tiny = labelsNeeded(units([[1, 1], [0, 1], [1], [0]]), 0.01);
    expect(tiny.need).toBe(4);
    expect(tiny.short).toBe(true);
  });
});
