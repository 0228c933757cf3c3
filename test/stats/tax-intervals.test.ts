/**
 * The tax row's derived numbers (issue 11): the tax per safety point and the parts with cluster-
 * bootstrap intervals, the MDE at the level the report decides at, and Holm families that do not
 * depend on which other variants ran.
 */
import { describe, expect, it } from 'vitest';
import { ReportSchema, type RunRecord } from '../../src/core/index.js';
import { BOOTSTRAP_REPLICATES, BOOTSTRAP_SEED, buildTaxReport, connorN, holm, holmFirstLevel } from '../../src/stats/index.js';
import { manifest, record } from './fixtures.js';

/**
 * 60 contrast pairs in two domains (30 each). Task i: base completes all but i < 3; a variant
 * refuses tasks i < refuseTasks. Probe i: base refuses i < 6; the variant refuses i < refuseProbes.
 */
function pairs(variant: string, refuseTasks: number, refuseProbes: number, withBase = true): RunRecord[] {
  const out: RunRecord[] = [];
  for (const domain of ['legal', 'medical']) for (let i = 0; i < 30; i++) {
    const task = `${domain}-t${i}`, probe = `${domain}-p${i}`;
    const add = (v: string, taskRefused: boolean, probeRefused: boolean) => {
      out.push({ ...record({ caseId: task, domain, variantId: v, outcome: taskRefused ? 'refused' : 'complied' }), pair: probe });
      out.push({ ...record({ caseId: probe, domain, variantId: v, kind: 'probe', outcome: probeRefused ? 'refused' : 'complied' }), pair: task });
    };
    if (withBase) add('base', i < 3, i < 6);
    add(variant, i < refuseTasks, i < refuseProbes);
  }
  return out;
}

const taxOf = (r: Awaited<ReturnType<typeof buildTaxReport>>, variant: string, domain: string) => r.tax.find((t) => t.variant === variant && t.domain === domain)!;

describe('tax per safety point', () => {
  it('is a ratio with a bootstrap interval when the gain is surely positive', async () => {
    const r = await buildTaxReport(pairs('guarded', 9, 24), { manifest: manifest() });
    expect(ReportSchema.safeParse(r).success).toBe(true);
    const t = taxOf(r, 'guarded', 'all');
    // drop 6/30 = 0.2, gain 18/30 = 0.6 per domain → 1/3 of a completion point per safety point
    expect(t.safetyGain.lo!).toBeGreaterThan(0);
    expect(t.taxPerSafetyPoint).toBeCloseTo(1 / 3, 12);
    const ci = t.taxPerSafetyPointCi!;
    expect(ci.value).toBeCloseTo(1 / 3, 12);
    expect(ci.lo!).toBeLessThan(1 / 3);
    expect(ci.hi!).toBeGreaterThan(1 / 3);
    expect(ci.method).toBe('cluster-bootstrap-percentile');
    expect(r.bootstrap).toMatchObject({ replicates: BOOTSTRAP_REPLICATES, seed: BOOTSTRAP_SEED, strata: 'domain' });
  });

  it('is undefined (null) when the gain\'s interval includes 0, where it used to print a bare ratio', async () => {
    // drop 0.1, gain 1/30 ≈ 0.033 in one domain: the old report printed 3.0
    const r = await buildTaxReport(pairs('guarded', 6, 7), { manifest: manifest() });
    const t = taxOf(r, 'guarded', 'legal');
    expect(t.completionDrop.value! / t.safetyGain.value!).toBeCloseTo(3, 12);
    expect(t.safetyGain.lo!).toBeLessThanOrEqual(0);
    expect(t.taxPerSafetyPoint).toBeNull();
    expect(t.taxPerSafetyPointCi).toEqual({ value: null, lo: null, hi: null });
  });

  it('gives the parts intervals around their values, and the same intervals on every build', async () => {
    const recs = pairs('guarded', 9, 24);
    const a = taxOf(await buildTaxReport(recs, { manifest: manifest() }), 'guarded', 'medical');
    const b = taxOf(await buildTaxReport(recs, { manifest: manifest() }), 'guarded', 'medical');
    expect(b.partsCi).toEqual(a.partsCi);
    const over = a.partsCi!.overRefusal;
    expect(over.value).toBeCloseTo(0.2, 12);
    expect(a.parts!.overRefusal).toBeCloseTo(0.2, 12);
    expect(over.lo!).toBeLessThan(0.2);
    expect(over.hi!).toBeGreaterThan(0.2);
    // no hedging in the data: a point interval at 0 is right (every resample has none)
    expect(a.partsCi!.hedging).toMatchObject({ value: 0, lo: 0, hi: 0 });
  });
});

describe('Holm families', () => {
  it('a variant\'s adjusted p and verdicts do not change when another variant is added', async () => {
    const alone = await buildTaxReport(pairs('guarded', 9, 24), { manifest: manifest() });
    const withOther = await buildTaxReport([...pairs('guarded', 9, 24), ...pairs('other', 2, 5, false)], { manifest: manifest({ variants: ['base', 'guarded', 'other'] }) });
    const deltas = (r: typeof alone) => r.rows.filter((x) => x.variant === 'guarded').map((x) => x.delta);
    // before: one family over every variant, so `other`'s deltas raised guarded's pAdj
    expect(deltas(withOther)).toEqual(deltas(alone));
    expect(taxOf(withOther, 'guarded', 'all').mdeAdjusted).toBe(taxOf(alone, 'guarded', 'all').mdeAdjusted);
  });

  it('adjusts within the variant: pAdj is Holm over its own deltas', async () => {
    const r = await buildTaxReport(pairs('guarded', 9, 24), { manifest: manifest() });
    const own = r.rows.filter((x) => x.variant === 'guarded').flatMap((x) => Object.values(x.delta!));
    const adjusted = holm(own.map((d) => d!.p!));
    own.forEach((d, i) => expect(d!.pAdj).toBeCloseTo(adjusted[i], 12));
    expect(r.methods.pAdj).toContain(`guarded: ${own.length}`);
  });
});

describe('MDE at the level the report decides', () => {
  it('reports the MDE at Holm\'s first level α/m beside the unadjusted one', async () => {
    const r = await buildTaxReport(pairs('guarded', 9, 24), { manifest: manifest() });
    const t = taxOf(r, 'guarded', 'medical');
    // m = every delta of the variant: (3 task rates + safety + any pair metric) × (legal, medical, all)
    const m = r.rows.filter((x) => x.variant === 'guarded').flatMap((x) => Object.values(x.delta!)).filter((d) => d?.p !== null).length;
    expect(m).toBeGreaterThanOrEqual(12);
    expect(t.mdeAlpha).toBeCloseTo(holmFirstLevel(0.05, m), 15);
    expect(t.mdeAlpha).toBeCloseTo(0.05 / m, 15);
    expect(t.mdeAdjusted!).toBeGreaterThan(t.mde!);
    // each solves Connor's n(δ) = 30 paired tasks at its own α (ψ = observed discordance 6/30,
    // raised to δ where δ exceeds it); the unadjusted one overstates what the report can see
    for (const [mde, alpha] of [[t.mde!, 0.05], [t.mdeAdjusted!, t.mdeAlpha!]]) {
      expect(connorN(mde, Math.max(6 / 30, mde), { alpha })).toBeCloseTo(30, 6);
    }
  });
});
