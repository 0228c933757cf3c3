import { describe, expect, it } from 'vitest';
import { confirmationPlan, confirmRegressions, runHealth } from '../../src/gate/nightly.js';
import { describeLevel, nightlyLevel } from '../../src/gate/nightly-budget.js';
import { compareRecords } from '../../src/gate/regression.js';
import { probeCases, record, taskCases } from '../report/records.js';

const finished = (done: number, errors: number) => ({ status: 'finished', done, errors, total: done });

describe('runHealth', () => {
  it('accepts a finished run within the error limit and rejects an outage, an interruption and an empty run', () => {
    const ok = [...taskCases('a', 90, 0), ...Array.from({ length: 10 }, (_, i) => record({ variant: 'a', caseId: `e${i}`, outcome: 'error' }))];
    expect(runHealth(finished(100, 10), ok, ['a'], 0.1).ok).toBe(true);
    const dead = Array.from({ length: 100 }, (_, i) => record({ variant: 'a', caseId: `e${i}`, outcome: 'error' }));
    const down = runHealth(finished(100, 100), dead, ['a'], 0.1);
    expect(down.ok).toBe(false);
    expect(down.reasons).toEqual(['variant a has no answered case (100 of 100 answers are errors)']);
    expect(runHealth({ status: 'interrupted', done: 5, errors: 0, total: 100 }, taskCases('a', 5, 0), ['a'], 0.1).reasons[0]).toMatch(/interrupted after 5 of 100/);
    expect(runHealth(finished(0, 0), [], ['a'], 0.1).ok).toBe(false);
  });

  it('fails one all-error variant among 11 although the run-wide error rate is 9.1% (under 10%)', () => {
    const healthy = Array.from({ length: 10 }, (_, v) => taskCases(`v${v}`, 50, 5)).flat();
    const dead = Array.from({ length: 50 }, (_, i) => record({ variant: 'broken', caseId: `medical-${i}`, outcome: 'error' }));
    const variants = [...Array.from({ length: 10 }, (_, v) => `v${v}`), 'broken'];
    const h = runHealth(finished(550, 50), [...healthy, ...dead], variants, 0.1);
    expect(h.errorRate).toBeCloseTo(50 / 550, 12); // 9.1%: the old run-wide check passed this run
    expect(h.ok).toBe(false);
    expect(h.reasons).toEqual(['variant broken has no answered case (50 of 50 answers are errors)']);
    expect(h.variants.filter((v) => !v.ok).map((v) => v.variant)).toEqual(['broken']);
  });

  it('names a variant over --max-error-rate, and one the run never answered at all', () => {
    const some = [...taskCases('a', 40, 0), ...taskCases('b', 30, 0), ...Array.from({ length: 10 }, (_, i) => record({ variant: 'b', caseId: `e${i}`, outcome: 'error' }))];
    const h = runHealth(finished(80, 10), some, ['a', 'b', 'c'], 0.1);
    expect(h.reasons).toEqual([
      'variant b: 10 of 40 answers are errors (25.0% > --max-error-rate 10.0%)',
      'variant c has no answered case (0 of 0 answers are errors)',
    ]);
  });
});

describe('nightlyLevel', () => {
  it('spends the yearly budget evenly: 1 false alarm a year is alpha 1/365 a night', () => {
    expect(nightlyLevel({})).toEqual({ alpha: 1 / 365, falseAlarmsPerYear: 1, from: 'budget' });
    expect(nightlyLevel({ falseAlarmsPerYear: 4 })).toMatchObject({ alpha: 4 / 365 });
    expect(nightlyLevel({ alpha: 0.05 })).toMatchObject({ alpha: 0.05, from: 'alpha' });
    expect(describeLevel(nightlyLevel({ alpha: 0.05 }) as never)).toBe('alpha per night 0.05 per variant (--alpha: up to 18.3 false alarms per variant per year)');
    expect(describeLevel(nightlyLevel({}) as never)).toBe('alpha per night 0.00274 per variant (budget 1 false alarm per variant per year)');
  });
  it('refuses both --alpha and --false-alarms-per-year', () => {
    expect(nightlyLevel({ alpha: 0.05, falseAlarmsPerYear: 1 })).toHaveProperty('conflict');
  });
});

describe('confirmationPlan', () => {
  it('re-asks every case of the flagged variant × domain of the metric’s kind, not only the ones that moved', () => {
    const current = [...taskCases('guarded', 20, 10), ...probeCases('guarded', 5, 5), ...taskCases('base', 20, 0), ...taskCases('guarded', 10, 0, { domain: 'legal' })];
    const flagged = compareRecords([...taskCases('guarded', 20, 0), ...taskCases('guarded', 10, 0, { domain: 'legal' })], current, { alpha: 0.05, tolerance: 0 }).regressions;
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.filter((t) => t.domain === 'medical').length).toBeGreaterThan(0);
    const medicalOnly = flagged.filter((t) => t.domain === 'medical');
    const plan = confirmationPlan(medicalOnly, current);
    expect(plan.variants).toEqual(['guarded']);
    expect(plan.cases).toHaveLength(20);
    expect(plan.cases.every((c) => /^medical-\d+$/.test(c))).toBe(true);
    // a flagged `all` cell re-asks the variant's tasks in every domain
    const all = confirmationPlan(flagged.filter((t) => t.domain === 'all'), current);
    expect(all.cases).toHaveLength(flagged.some((t) => t.domain === 'all') ? 30 : 0);
  });
});

describe('confirmRegressions', () => {
  const opts = { alpha: 0.05, tolerance: 0.03 };
  const base = taskCases('guarded', 100, 0);
  const current = taskCases('guarded', 100, 20);
  const flagged = compareRecords(base, current, opts).regressions;

  it('starts from a flagged over-refusal regression', () => {
    expect(flagged.map((t) => t.metric)).toContain('overRefusal');
  });

  it('keeps a regression the fresh samples reproduce on their own', () => {
    const fresh = taskCases('guarded', 100, 20).map((r) => ({ ...r, sample: 1 }));
    expect(confirmRegressions(base, fresh, flagged, opts).regressions.map((t) => t.metric)).toContain('overRefusal');
  });

  it('decides on the fresh samples alone: tonight’s flagged answers cannot vouch for themselves', () => {
    // fresh answers show a 5-point rise: combined with tonight's 20 points it would flag (12.5 points), alone it does not
    const fresh = taskCases('guarded', 100, 5).map((r) => ({ ...r, sample: 1 }));
    const result = confirmRegressions(base, fresh, flagged, opts);
    const over = result.tests.find((t) => t.metric === 'overRefusal')!;
    expect(over.delta).toBeCloseTo(0.05, 10);
    expect(over.kCurrent).toBe(1);
    expect(result.regressions).toEqual([]);
    expect(compareRecords(base, [...current, ...fresh], opts).regressions.map((t) => t.metric)).toContain('overRefusal');
  });

  it('never adds a regression that was not flagged before', () => {
    const fresh = taskCases('guarded', 100, 60).map((r) => ({ ...r, sample: 1 }));
    expect(confirmRegressions(base, fresh, [], opts).regressions).toEqual([]);
    expect(compareRecords(base, fresh, opts).regressions.length).toBeGreaterThan(0);
  });
});
