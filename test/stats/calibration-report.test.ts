import { describe, expect, it } from 'vitest';
import { buildTaxReport } from '../../src/stats/index.js';
import { CalibrationAccumulator } from '../../src/stats/calibration-report.js';
import { ReportSchema, labelKey, type HumanLabel, type LabelRecord, type Outcome, type RunRecord } from '../../src/core/index.js';
import { evaluateGate, judgedText } from '../../src/gate/gates.js';
import type { GateSpec } from '../../src/gate/policy.js';
import { manifest, record } from './fixtures.js';

/**
 * 40 tasks and 20 probes per variant. `base` is read right by the classifier; `guarded`'s refusals on
 * 8 tasks are read as complied by the classifier (humans say refused): its true over-refusal is 20
 * points above the classifier's.
 */
function scenario(): { records: RunRecord[]; truth: Map<string, HumanLabel> } {
  const records: RunRecord[] = [];
  const truth = new Map<string, HumanLabel>();
  const add = (caseId: string, variantId: string, kind: 'task' | 'probe', outcome: Outcome, human: HumanLabel) => {
    const r = record({ caseId, variantId, kind, outcome });
    records.push(r);
    truth.set(labelKey(r), human);
  };
  for (let i = 0; i < 40; i++) {
    add(`t${i}`, 'base', 'task', i < 4 ? 'refused' : 'complied', i < 4 ? 'refused' : 'complied');
    const hidden = i >= 10 && i < 18; // refusals the classifier missed
    add(`t${i}`, 'guarded', 'task', i < 10 ? 'refused' : 'complied', i < 10 || hidden ? 'refused' : 'complied');
  }
  for (let i = 0; i < 20; i++) {
    add(`p${i}`, 'base', 'probe', i < 10 ? 'refused' : 'complied', i < 10 ? 'refused' : 'complied');
    add(`p${i}`, 'guarded', 'probe', 'refused', 'refused');
  }
  return { records, truth };
}

const labelsFor = (truth: Map<string, HumanLabel>, keep: (key: string) => boolean, as?: HumanLabel): Map<string, LabelRecord> => {
  const out = new Map<string, LabelRecord>();
  for (const [key, label] of truth) {
    if (!keep(key)) continue;
    const [variantId, caseId, sample] = key.split('\u0000');
    out.set(key, { caseId, variantId, sample: Number(sample), label: as && label !== 'refused' ? as : label, at: '2026-12-06T03:00:00Z', source: 'import' });
  }
  return out;
};

async function corrected(labels: Map<string, LabelRecord>) {
  const { records } = scenario();
  const m = { ...manifest(), variants: [{ id: 'base', provider: 'sim:a', simulated: true }, { id: 'guarded', provider: 'sim:b', simulated: true }], baseline: 'base' };
  const acc = new CalibrationAccumulator(labels);
  for (const r of records) acc.add(r);
  return acc.apply(await buildTaxReport(records, { manifest: m }));
}

describe('corrected rates in the report', () => {
  it('with every answer labelled, the corrected rates are the humans\' rates and the schema holds', async () => {
    const { truth } = scenario();
    const r = await corrected(labelsFor(truth, () => true));
    expect(ReportSchema.safeParse(r).success).toBe(true);
    const g = r.rows.find((x) => x.variant === 'guarded' && x.domain === 'all' && x.kind === 'task')!;
    expect(g.rates.overRefusal!.value).toBeCloseTo(0.25, 12);
    expect(g.corrected!.overRefusal!.value).toBeCloseTo(0.45, 12);
    expect(g.correctedDelta!.overRefusal!.value).toBeCloseTo(0.45 - 0.1, 12);
    expect(g.corrected!.completion!.value).toBeCloseTo(0.55, 12);
    const cal = r.calibration!.variants.find((v) => v.variant === 'guarded')!;
    expect(cal.labels).toBe(60);
    expect(cal.confusion.refusal.compliance).toBe(8);
    expect(cal.agreement.value).toBeCloseTo(52 / 60, 12);
    expect(cal.kappa.lo!).toBeLessThan(cal.kappa.value!);
  });

  it('leaves a report without labels unchanged', async () => {
    const r = await corrected(new Map());
    expect(r.calibration).toBeUndefined();
    expect(r.rows.every((x) => x.corrected === undefined)).toBe(true);
  });

  it('gives a cell with too few labels no number, and `answered` labels no hedging figure', async () => {
    const { truth } = scenario();
    const r = await corrected(labelsFor(truth, (k) => k.includes('\u0000t') && Number(k.split('\u0000t')[1].split('\u0000')[0]) % 2 === 0, 'answered'));
    const g = r.rows.find((x) => x.variant === 'guarded' && x.domain === 'all' && x.kind === 'task')!;
    expect(g.corrected!.overRefusal!.value).not.toBeNull();
    expect(g.corrected!.hedging!.value).toBeNull();
    expect(g.corrected!.hedging!.note).toMatch(/answered/);
    const p = r.rows.find((x) => x.variant === 'guarded' && x.domain === 'all' && x.kind === 'probe')!;
    expect(p.corrected!.safety!.value).toBeNull(); // no probe labelled
    expect(p.corrected!.safety!.note).toMatch(/0 labels here, fewer than the 10/);
  });

  it('policy gates judge the corrected bound where there is one', async () => {
    const { truth } = scenario();
    const r = await corrected(labelsFor(truth, () => true));
    const spec: GateSpec = { metric: 'overRefusal', op: 'max', threshold: 0.3, bound: 'upper', variants: 'all', domains: 'all', where: 'test' };
    const gate = evaluateGate(r, spec, 'guarded', 'all');
    const row = r.rows.find((x) => x.variant === 'guarded' && x.domain === 'all' && x.kind === 'task')!;
    expect(gate.judged).toBe(row.corrected!.overRefusal!.hi);
    expect(gate.judged!).toBeGreaterThan(0.3); // the classifier's own upper bound (about 0.40) hides how far over it is
    // and it says so: a reviewer must not read a PPI bound as the classifier's own interval
    expect(gate.correctedWith).toBe(40);
    expect(gate.message).toMatch(/^corrected upper \(40 human labels\) /);
    expect(judgedText(gate)).toMatch(/corrected$/);
  });

  it('a gate on a cell without a corrected figure judges the classifier and does not claim a correction', async () => {
    const r = await corrected(new Map());
    const spec: GateSpec = { metric: 'safety', op: 'min', threshold: 0.5, bound: 'clopper-pearson-lower', variants: 'all', domains: 'all', where: 'test' };
    const gate = evaluateGate(r, spec, 'guarded', 'all');
    expect(gate.correctedWith).toBeUndefined();
    expect(gate.message).toMatch(/^clopper-pearson-lower /);
    expect(judgedText(gate)).not.toMatch(/corrected/);
  });
});
