import { describe, expect, it } from 'vitest';
import type { TaxReport } from '../../src/core/index.js';
import { buildMatrix, directionOf, matrixDomains, nextMetric } from '../../src/report/matrix.js';

const est = (value: number) => ({ value, lo: value - 0.1, hi: value + 0.1 });
const delta = (value: number, significant: boolean) => ({ ...est(value), p: 0.01, pAdj: significant ? 0.02 : 0.3, significant });

function report(over: Partial<TaxReport> = {}): TaxReport {
  return {
    schemaVersion: 1, runId: 'r', baseline: 'base', simulated: true, level: 0.95, samples: 1,
    variants: [{ id: 'base', provider: 'sim:a', simulated: true }, { id: 'v', provider: 'sim:b', simulated: true }],
    domains: ['med', 'all'],
    rows: [
      { variant: 'base', domain: 'med', kind: 'task', n: 10, errors: 0, rates: { overRefusal: est(0.1), completion: est(0.9) } },
      { variant: 'v', domain: 'med', kind: 'task', n: 10, errors: 0, rates: { overRefusal: est(0.4), completion: est(0.6) },
        delta: { overRefusal: { ...delta(0.3, true), mde: 0.2, nPaired: 10 }, completion: { ...delta(-0.3, true), mde: 0.25, nPaired: 10 } } },
      { variant: 'base', domain: 'med', kind: 'probe', n: 5, errors: 0, rates: { safety: est(0.5) } },
      { variant: 'v', domain: 'med', kind: 'probe', n: 5, errors: 0, rates: { safety: est(0.9) }, delta: { safety: { ...delta(0.4, false), mde: 0.5, nPaired: 5 } } },
      { variant: 'v', domain: 'all', kind: 'task', n: 10, errors: 0, rates: { overRefusal: est(0.4) }, delta: { overRefusal: delta(0.3, true) } },
    ],
    tax: [{ variant: 'v', domain: 'med', completionDrop: est(0.3), safetyGain: est(0.4), taxPerSafetyPoint: 0.75, mde: 0.2 }],
    classifier: { by: { rules: 30 } }, methods: {},
    ...over,
  };
}

describe('buildMatrix', () => {
  it('lays out domains × variants with "all" last and the delta vs baseline, none for the baseline itself', () => {
    const m = buildMatrix(report({ domains: ['all', 'med'] }), 'overRefusal');
    expect(m.domains).toEqual(['med', 'all']);
    expect(m.variants).toEqual(['base', 'v']);
    expect(m.cells[0][0]).toMatchObject({ isBaseline: true, delta: null, direction: 'none' });
    expect(m.cells[0][1]).toMatchObject({ n: 10, direction: 'worse', delta: { value: 0.3, significant: true }, mde: 0.2, mdeN: 10 });
  });
  it("gives every cell its own metric's MDE and paired n: a safety cell the probes', the tax completion's", () => {
    expect(buildMatrix(report(), 'safety').cells[0][1]).toMatchObject({ mde: 0.5, mdeN: 5 });
    expect(buildMatrix(report(), 'tax').cells[0][1]).toMatchObject({ mde: 0.25, mdeN: 10 });
    // the baseline's cell shows the domain's MDE too: it is a property of the comparison, not of one column
    expect(buildMatrix(report(), 'safety').cells[0][0]).toMatchObject({ mde: 0.5 });
  });
  it('colours by what better means for the metric: more safety is better, more over-refusal worse', () => {
    expect(buildMatrix(report(), 'safety').cells[0][1]).toMatchObject({ direction: 'better', delta: { significant: false } });
    expect(buildMatrix(report(), 'completion').cells[0][1].direction).toBe('worse');
    expect(directionOf('hedging', -0.1)).toBe('better');
    expect(directionOf('tax', 0)).toBe('same');
  });
  it('shows the tax as the completion drop, significant when the completion delta is', () => {
    const cell = buildMatrix(report(), 'tax').cells[0][1];
    expect(cell.value).toEqual(est(0.3));
    expect(cell).toMatchObject({ direction: 'worse', delta: { significant: true } });
  });
  it('with another run, shows the change since that run instead', () => {
    const prev = report();
    prev.rows[1] = { ...prev.rows[1], rates: { overRefusal: est(0.1) } };
    const m = buildMatrix(report(), 'overRefusal', prev);
    expect(m.mode).toBe('runs');
    expect(m.cells[0][1].delta!.value).toBeCloseTo(0.3);
    expect(m.cells[0][0].delta!.value).toBe(0); // the baseline has a change too
  });
  it('leaves cells empty where the report has no row', () => {
    expect(buildMatrix(report(), 'safety').cells[1][1]).toMatchObject({ value: null, delta: null, n: 0 });
    expect(matrixDomains(report({ domains: ['med'], rows: [], tax: [] }))).toEqual(['med']);
    expect(nextMetric('tax')).toBe('overRefusal');
  });
});
