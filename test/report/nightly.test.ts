import { describe, expect, it } from 'vitest';
import { confirmationPlan, confirmRegressions, runHealth } from '../../src/report/nightly.js';
import { compareRecords } from '../../src/report/regression.js';
import { probeCases, taskCases } from './records.js';

describe('runHealth', () => {
  it('accepts a finished run within the error budget and rejects an outage, an interruption and an empty run', () => {
    expect(runHealth({ status: 'finished', done: 100, errors: 10, total: 100 }, 0.1).ok).toBe(true);
    const down = runHealth({ status: 'finished', done: 100, errors: 100, total: 100 }, 0.1);
    expect(down.ok).toBe(false);
    expect(down.reason).toBe('100 of 100 answers are errors (100.0% > --max-error-rate 10.0%)');
    expect(runHealth({ status: 'interrupted', done: 5, errors: 0, total: 100 }, 0.1).reason).toMatch(/interrupted after 5 of 100/);
    expect(runHealth({ status: 'finished', done: 0, errors: 0, total: 0 }, 0.1).ok).toBe(false);
  });
});

describe('confirmationPlan', () => {
  it('re-asks every case of the flagged variant × domain of the metric’s kind, not only the ones that moved', () => {
    const current = [...taskCases('guarded', 20, 10), ...probeCases('guarded', 5, 5), ...taskCases('base', 20, 0), ...taskCases('guarded', 10, 0, { domain: 'legal' })];
    const flagged = compareRecords([...taskCases('guarded', 20, 0), ...taskCases('guarded', 10, 0, { domain: 'legal' })], current, { alpha: 0.05, tolerance: 0 }).regressions;
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.every((t) => t.variant === 'guarded' && t.domain === 'medical')).toBe(true);
    const plan = confirmationPlan(flagged, current);
    expect(plan.variants).toEqual(['guarded']);
    expect(plan.cases).toHaveLength(20);
    expect(plan.cases.every((c) => /^medical-\d+$/.test(c))).toBe(true);
  });
});

describe('confirmRegressions', () => {
  const opts = { alpha: 0.05, tolerance: 0.03 };
  const base = taskCases('guarded', 100, 0);
  const current = taskCases('guarded', 100, 10);
  const flagged = compareRecords(base, current, opts).regressions;

  it('starts from a flagged over-refusal regression', () => {
    expect(flagged.map((t) => t.metric)).toContain('overRefusal');
  });

  it('keeps a regression the fresh samples reproduce', () => {
    const fresh = taskCases('guarded', 100, 10).map((r) => ({ ...r, sample: 1 }));
    expect(confirmRegressions(base, current, fresh, flagged, opts).regressions.map((t) => t.metric)).toContain('overRefusal');
  });

  it('clears a regression the fresh samples do not reproduce (combined change within the tolerance)', () => {
    const fresh = taskCases('guarded', 100, 0).map((r) => ({ ...r, sample: 1 }));
    const result = confirmRegressions(base, current, fresh, flagged, opts);
    const over = result.tests.find((t) => t.metric === 'overRefusal')!;
    expect(over.delta).toBeCloseTo(0.05, 10);
    expect(result.regressions).toEqual([]);
  });

  it('never adds a regression that was not flagged before', () => {
    const fresh = taskCases('guarded', 100, 60).map((r) => ({ ...r, sample: 1 }));
    const result = confirmRegressions(base, current, fresh, [], opts);
    expect(result.tests.some((t) => t.regression)).toBe(true);
    expect(result.regressions).toEqual([]);
  });
});
