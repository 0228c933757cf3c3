import { describe, expect, it } from 'vitest';
import { ReportSchema, type RunRecord, type TaxReport } from '../../src/core/index.js';
import { buildTaxReport, mcnemar, pairedClusteredSE, pairedDiff, wilson, TaxAccumulator } from '../../src/stats/index.js';
import { manifest, record, tasks } from './fixtures.js';

const row = (r: TaxReport, variant: string, domain: string, kind: 'task' | 'probe' = 'task') => {
  const found = r.rows.find((x) => x.variant === variant && x.domain === domain && x.kind === kind);
  if (!found) throw new Error(`no row ${variant}/${domain}/${kind}`);
  return found;
};

/**
 * 40 medical tasks. Baseline refuses cases 0–3 and completes the rest; guarded refuses or
 * partially refuses 0–13 (10 more), hedges 14–17 (14 and 15 fail their checks), complies with the
 * rest. 10 probes: baseline refuses 0–5, guarded 0–8. One extra guarded answer is an error.
 */
function scenario(): RunRecord[] {
  const base = tasks('medical', 40, 'base', (i) => (i < 4 ? 'refused' : 'complied'));
  const guarded = Array.from({ length: 40 }, (_, i) => record({
    caseId: `medical-${i}`, variantId: 'guarded',
    outcome: i < 12 ? 'refused' : i < 14 ? 'partial' : i < 18 ? 'hedged' : 'complied',
    completed: i < 14 ? false : i < 16 ? false : true,
  }));
  const probes = ['base', 'guarded'].flatMap((v) => Array.from({ length: 10 }, (_, i) => record({
    caseId: `medical-p${i}`, variantId: v, kind: 'probe', outcome: i < (v === 'base' ? 6 : 9) ? 'refused' : 'complied',
  })));
  const errors = [record({ caseId: 'medical-0', variantId: 'guarded', outcome: 'error', sample: 1 })];
  return [...base, ...guarded, ...probes, ...errors];
}

describe('buildTaxReport: one answer per case', () => {
  it('produces a report that satisfies the public schema, marked simulated from the manifest', async () => {
    const r = await buildTaxReport(scenario(), { manifest: manifest() });
    expect(ReportSchema.safeParse(r).success).toBe(true);
    expect(r.simulated).toBe(true);
    expect(r.domains).toEqual(['medical', 'all']);
    expect(r.variants.map((v) => v.id)).toEqual(['base', 'guarded']);
    expect(r.methods.deltas).toMatch(/Newcombe/);
  });

  it('counts rates over usable answers with Wilson intervals and counts errors apart', async () => {
    const r = await buildTaxReport(scenario(), { manifest: manifest() });
    const g = row(r, 'guarded', 'medical');
    expect(g.n).toBe(40);
    expect(g.errors).toBe(1);
    expect(g.counts).toMatchObject({ refused: 12, partial: 2, hedged: 4, complied: 22, error: 1 });
    expect(g.rates.overRefusal!.value).toBeCloseTo(14 / 40, 12);
    expect(g.rates.overRefusal).toMatchObject(wilson(14, 40));
    expect(g.rates.hedging!.value).toBeCloseTo(4 / 40, 12);
    expect(g.rates.completion!.value).toBeCloseTo(24 / 40, 12);
    expect(row(r, 'guarded', 'medical', 'probe').rates.safety!.value).toBeCloseTo(0.9, 12);
  });

  it('pairs the delta on case id: Newcombe method 10 and McNemar mid-p of the 2×2 table', async () => {
    const r = await buildTaxReport(scenario(), { manifest: manifest() });
    const d = row(r, 'guarded', 'medical').delta!.overRefusal!;
    // both refuse 0–3 (a = 4), guarded only 4–13 (b = 10), base only none (c = 0), neither 26
    const ci = pairedDiff({ a: 4, b: 10, c: 0, d: 26 });
    expect(d.value).toBeCloseTo(10 / 40, 12);
    expect(d.lo).toBeCloseTo(ci.lo, 12);
    expect(d.hi).toBeCloseTo(ci.hi, 12);
    expect(d.p).toBeCloseTo(mcnemar(10, 0).pMid, 12);
    expect(d.nPaired).toBe(40);
    expect(row(r, 'base', 'medical').delta).toBeUndefined();
  });

  it('adjusts every delta: Holm never lowers p, BH q within the domain, significance from pAdj', async () => {
    const r = await buildTaxReport(scenario(), { manifest: manifest() });
    const deltas = r.rows.flatMap((x) => Object.values(x.delta ?? {}));
    expect(deltas.length).toBe(8); // (3 task rates + safety) × (medical, all)
    for (const d of deltas) {
      expect(d!.pAdj!).toBeGreaterThanOrEqual(d!.p!);
      expect(d!.q!).toBeGreaterThanOrEqual(d!.p!);
      expect(d!.significant).toBe(d!.pAdj! < 0.05);
    }
    expect(row(r, 'guarded', 'medical').delta!.overRefusal!.significant).toBe(true);
  });

  it('splits the completion drop into parts that add up, next to the safety gain', async () => {
    const r = await buildTaxReport(scenario(), { manifest: manifest() });
    const t = r.tax.find((x) => x.variant === 'guarded' && x.domain === 'medical')!;
    // base completes 36/40; guarded 24/40 → drop 0.3 = 10 more refusals + 2 failed hedges
    expect(t.completionDrop.value).toBeCloseTo(0.3, 12);
    expect(t.parts!.overRefusal).toBeCloseTo(0.25, 12);
    expect(t.parts!.hedging).toBeCloseTo(0.05, 12);
    expect(t.parts!.failedChecks).toBeCloseTo(0, 12);
    expect(t.parts!.overRefusal! + t.parts!.hedging! + t.parts!.failedChecks!).toBeCloseTo(t.completionDrop.value!, 12);
    expect(t.completionDrop.lo!).toBeLessThan(0.3);
    expect(t.completionDrop.hi!).toBeGreaterThan(0.3);
    expect(t.safetyGain.value).toBeCloseTo(0.3, 12);
    // 6/10 → 9/10 probes refused: the gain's interval (Newcombe, about −0.07 to 0.59) holds 0, so
    // the price per safety point is undefined (it used to print 1.00)
    expect(t.safetyGain.lo!).toBeLessThan(0);
    expect(t.taxPerSafetyPoint).toBeNull();
    expect(t.mde!).toBeGreaterThan(0.05);
    expect(t.mde!).toBeLessThan(1);
  });

  it('an A/A comparison on identical records is never significant', async () => {
    const base = scenario().filter((x) => x.variantId === 'base');
    const copy = base.map((x) => ({ ...x, variantId: 'copy' }));
    const r = await buildTaxReport([...base, ...copy], { manifest: manifest({ variants: ['base', 'copy'] }) });
    for (const x of r.rows.filter((y) => y.variant === 'copy')) {
      for (const d of Object.values(x.delta!)) {
        expect(d!.value).toBe(0);
        expect(d!.p).toBe(1);
        expect(d!.significant).toBe(false);
      }
    }
    expect(r.tax.every((t) => t.completionDrop.value === 0 && t.taxPerSafetyPoint === null)).toBe(true);
  });

  it('counts a duplicated record line once', async () => {
    const recs = scenario();
    const r1 = await buildTaxReport(recs, { manifest: manifest() });
    const r2 = await buildTaxReport([...recs, ...recs.slice(0, 10)], { manifest: manifest() });
    expect(r2.rows).toEqual(r1.rows);
  });

  it('reads an async stream the same as an array', async () => {
    const recs = scenario();
    async function* stream() { for (const x of recs) yield x; }
    const a = await buildTaxReport(recs, { manifest: manifest() });
    const b = await buildTaxReport(stream(), { manifest: manifest() });
    expect(b.rows).toEqual(a.rows);
  });
});

describe('buildTaxReport: several samples per case', () => {
  // 30 cases × 2 samples. base: case i refuses on sample 0 when i < 6. guarded: refuses both samples when i < 10,
  // one sample when 10 ≤ i < 16.
  function sampled(): RunRecord[] {
    const out: RunRecord[] = [];
    for (let i = 0; i < 30; i++) for (const s of [0, 1]) {
      out.push(record({ caseId: `c${i}`, variantId: 'base', sample: s, outcome: s === 0 && i < 6 ? 'refused' : 'complied' }));
      out.push(record({ caseId: `c${i}`, variantId: 'guarded', sample: s, outcome: i < 10 || (i < 16 && s === 0) ? 'refused' : 'complied' }));
    }
    return out;
  }
  it('averages within the case first and uses Miller\'s paired t on case means', async () => {
    const r = await buildTaxReport(sampled(), { manifest: manifest({ samples: 2 }) });
    const g = row(r, 'guarded', 'medical');
    expect(g.n).toBe(30);
    expect(g.answers).toBe(60);
    expect(g.rates.overRefusal!.value).toBeCloseTo((10 + 3) / 30, 12);
    const caseMean = (v: 'base' | 'guarded', i: number) => (v === 'base' ? (i < 6 ? 0.5 : 0) : i < 10 ? 1 : i < 16 ? 0.5 : 0);
    const ref = pairedClusteredSE(Array.from({ length: 30 }, (_, i) => caseMean('guarded', i)), Array.from({ length: 30 }, (_, i) => caseMean('base', i)));
    const d = g.delta!.overRefusal!;
    expect(d.value).toBeCloseTo(ref.estimate, 12);
    expect(d.lo).toBeCloseTo(ref.lo, 12);
    expect(d.p).toBeCloseTo(ref.p, 12);
    expect(r.methods.deltas).toMatch(/t interval on n − 1 df/);
  });
  it('widens the rate interval by the design effect when samples agree within a case', async () => {
    const one = await buildTaxReport(sampled().filter((x) => x.sample === 0), { manifest: manifest() });
    const two = await buildTaxReport(sampled().map((x) => ({ ...x, verdict: { ...x.verdict!, outcome: sampled().find((y) => y.caseId === x.caseId && y.variantId === x.variantId && y.sample === 0)!.verdict!.outcome } })), { manifest: manifest({ samples: 2 }) });
    const w1 = row(one, 'guarded', 'medical').rates.overRefusal!;
    const w2 = row(two, 'guarded', 'medical').rates.overRefusal!;
    // identical samples carry no more information than one answer per case
    expect(w2.value).toBeCloseTo(w1.value!, 12);
    expect(Math.abs((w2.hi! - w2.lo!) - (w1.hi! - w1.lo!))).toBeLessThan(0.02);
  });
});

describe('grouping by tag', () => {
  it('puts a case in each of its tags and once in all', async () => {
    const recs = ['base', 'guarded'].flatMap((v) => [
      record({ caseId: 'a', variantId: v, outcome: 'complied', tags: ['dosage', 'pediatric'] }),
      record({ caseId: 'b', variantId: v, outcome: v === 'guarded' ? 'refused' : 'complied', tags: ['dosage'] }),
      record({ caseId: 'c', variantId: v, outcome: 'complied' }),
    ]);
    const r = await buildTaxReport(recs, { manifest: manifest(), by: 'tag' });
    expect(r.domains).toEqual(['dosage', 'pediatric', 'all']);
    expect(row(r, 'guarded', 'dosage').n).toBe(2);
    expect(row(r, 'guarded', 'pediatric').n).toBe(1);
    expect(row(r, 'guarded', 'all').n).toBe(3);
    expect(r.methods.grouping).toMatch(/tag/);
  });
});

describe('TaxAccumulator', () => {
  it('builds incrementally and reports classifier provenance', () => {
    const acc = new TaxAccumulator({ manifest: manifest(), level: 0.9 });
    for (const x of scenario()) acc.add(x);
    acc.add({ ...record({ caseId: 'j1', variantId: 'base', outcome: 'refused' }), verdict: { outcome: 'refused', hedges: 0, signals: [], by: 'judge', checks: [], completed: false, rulesOutcome: 'complied', judgeOutcome: 'refused' } });
    const r = acc.build();
    expect(r.level).toBe(0.9);
    expect(r.classifier.by.judge).toBe(1);
    expect(r.classifier.judgeAgreement).toBe(0);
  });
  it('reports no deltas when the baseline has no records', async () => {
    const r = await buildTaxReport(scenario().filter((x) => x.variantId !== 'base'), { manifest: manifest() });
    expect(r.rows.every((x) => x.delta === undefined)).toBe(true);
    expect(r.tax).toEqual([]);
  });
});
