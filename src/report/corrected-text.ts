/**
 * The terminal report's corrected figures: when the run has human labels, one line saying how many
 * corrected the rates, then per variant the suite-wide rates as classifier → corrected, each with
 * its interval (and the corrected change vs the baseline). Cells with too few labels say so.
 */
import { METRIC_TABLE, RATE_METRIC_IDS, findRow, type CorrectedEstimate, type TaxReport } from '../core/index.js';
import { ciPts, pctWithCi, signedPts } from '../util/format.js';
import { sanitizeLine } from '../util/sanitize.js';

export function correctedLines(r: TaxReport): string[] {
  if (!r.calibration) return [];
  const out = [`Corrected with ${r.calibration.labels} human labels (prediction-powered inference, per variant), all domains, %: classifier → corrected`];
  for (const v of r.variants) {
    const parts: string[] = [];
    for (const id of RATE_METRIC_IDS) {
      const kind = METRIC_TABLE[id].kind;
      if (kind === 'pair') continue;
      const row = findRow(r, v.id, 'all', kind);
      const rate = row?.rates[id];
      const c: CorrectedEstimate | undefined = row?.corrected?.[id];
      if (!rate || rate.value === null || !c) continue;
      const d = row?.correctedDelta?.[id];
      const delta = d && d.value !== null ? `, Δ ${signedPts(d.value)}${ciPts(d) ? ` (${ciPts(d)})` : ''}` : '';
      parts.push(`${METRIC_TABLE[id].label} ${pctWithCi(rate)} → ${c.value !== null ? pctWithCi(c) + delta : c.method === 'labels-silent' ? '– (the labels do not tell hedged from complied)' : `– (${c.labels} label${c.labels === 1 ? '' : 's'}: too few)`}`);
    }
    if (parts.length) out.push(`  ${sanitizeLine(v.id)}: ${parts.join('; ')}`);
  }
  return out;
}
