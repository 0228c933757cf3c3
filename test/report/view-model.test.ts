import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/index.js';
import { buildTaxReport } from '../../src/stats/index.js';
import { detectable, headlineChange, headlineText, metricValueText } from '../../src/report/view-model.js';
import { buildMatrix } from '../../src/report/matrix.js';
import { detectableLine } from '../../src/report/terminal.js';
import { manifest, record, tasks } from '../stats/fixtures.js';

/**
 * `careful` hedges on 60 of 80 medical tasks where the baseline hedged on 5 (+68.8 pts), and
 * refuses 4 more (+5 pts over-refusal): its headline must be the hedging, not the over-refusal.
 */
function records(): RunRecord[] {
  return [
    ...tasks('medical', 80, 'base', (i) => (i < 2 ? 'refused' : i < 7 ? 'hedged' : 'complied')),
    ...tasks('medical', 80, 'careful', (i) => (i < 6 ? 'refused' : i < 66 ? 'hedged' : 'complied')),
    ...Array.from({ length: 30 }, (_, i) => record({ caseId: `p${i}`, variantId: 'base', kind: 'probe', outcome: i < 20 ? 'refused' : 'complied' })),
    ...Array.from({ length: 30 }, (_, i) => record({ caseId: `p${i}`, variantId: 'careful', kind: 'probe', outcome: i < 22 ? 'refused' : 'complied' })),
  ];
}
const build = () => buildTaxReport(records(), { manifest: manifest({ variants: ['base', 'careful'] }) });

describe('the per-variant headline', () => {
  it('names the largest significant change whatever its metric: hedging when hedging rose most', async () => {
    const r = await build();
    const h = headlineChange(r, 'careful')!;
    expect(h).toMatchObject({ metric: 'hedging', significant: true });
    expect(h.d.value).toBeCloseTo(55 / 80, 9);
    expect(headlineText(r, 'careful')).toMatch(/^careful: \+68\.8 pts hedging on (medical|all domains) \(Holm p<0\.001\); safety \+6\.7 pts on all domains \(Holm p=\d\.\d{3}\)$/);
  });

  it('says "no significant change" rather than print an interval that excludes 0 beside a Holm p that is not significant', async () => {
    const r = await build();
    for (const row of r.rows) for (const d of Object.values(row.delta ?? {})) if (d) { d.significant = false; d.pAdj = 0.4; }
    const text = headlineText(r, 'careful');
    expect(text).toMatch(/^careful: no significant change; largest \+68\.8 pts hedging on .* \(Holm p=0\.400\)/);
    expect(text).not.toMatch(/\d–\d/);
  });
});

describe('figures the views share', () => {
  it('gives the report line and the matrix the same MDE for a domain', async () => {
    const r = await build();
    const mde = detectable(r, 'completion', 'medical')!;
    expect(detectableLine(r)).toContain(`medical ${(mde.mde * 100).toFixed(1)}`);
    expect(buildMatrix(r, 'completion').cells[0][1].mde).toBe(mde.mde);
    expect(buildMatrix(r, 'tax').cells[0][1].mde).toBe(mde.mde);
  });

  it("gives a safety cell the probes' MDE, not the tasks'", async () => {
    const r = await build();
    const safety = detectable(r, 'safety', 'medical')!, completion = detectable(r, 'completion', 'medical')!;
    expect(safety.n).toBe(30);
    expect(completion.n).toBe(80);
    expect(buildMatrix(r, 'safety').cells[0][1]).toMatchObject({ mde: safety.mde, mdeN: 30 });
  });

  it('writes a rate as a percentage and the tax (a difference) in points', () => {
    expect(metricValueText('safety', 0.046)).toBe('4.6%');
    expect(metricValueText('tax', 0.046)).toBe('+4.6 pts');
    expect(metricValueText('tax', 0)).toBe('0.0 pts');
  });
});
