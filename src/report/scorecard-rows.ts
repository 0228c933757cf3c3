import { METRIC_TABLE, RATE_METRIC_IDS, findRow, type Delta, type RateMetricId, type ReportRow, type RowKind, type TaxReport, type TaxRow } from '../core/index.js';
import { ciPct, ciPts, pct, pts, unsignedPts } from '../util/format.js';
import { ALL_DOMAINS } from '../gate/gates.js';

/**
 * What the scorecard's tables say, as plain (unescaped) text: the Markdown and HTML renderers lay
 * the same rows out, each escaping for its own format, so the two can never disagree on a number.
 */
export const RATES = RATE_METRIC_IDS;
export type Rate = RateMetricId;

/** The row kind a rate is measured on (the metrics table's). */
export const kindOf = (m: Rate): RowKind => METRIC_TABLE[m].kind;
/** A rate's column title. */
export const rateLabel = (m: Rate): string => METRIC_TABLE[m].label;

export const domainTitle = (domain: string) => (domain === ALL_DOMAINS ? 'All domains' : domain);

/**
 * A rate and its interval: `{ value: '12.0%', ci: '8.1–16.2%' }`, undefined when not measured. When
 * the run has human labels for the cell, the corrected figure stands beside the classifier's:
 * `{ value: '12.0% → 14.1%', ci: '8.1–16.2% → 9.0–19.3%' }` (see calibrationNote).
 */
export function rateText(row: ReportRow | undefined, m: Rate): { value: string; ci: string } | undefined {
  const e = row?.rates[m];
  if (e?.value == null) return undefined;
  const c = row?.corrected?.[m];
  if (c?.value == null) return { value: pct(e.value), ci: ciPct(e) };
  return { value: `${pct(e.value)} → ${pct(c.value)}`, ci: `${ciPct(e)} → ${ciPct(c)}` };
}

/** The one line saying that rates were corrected with human labels, and how many; undefined when not. */
export function calibrationNote(r: TaxReport): string | undefined {
  if (!r.calibration) return undefined;
  return `classifier → corrected with ${r.calibration.labels} human labels (prediction-powered inference, per variant; cells without enough usable labels (fewer than ${r.calibration.minLabels}, or answered-only labels on hedging) show the classifier figure alone)`;
}

/** One line per variant of a domain's rates table. */
export function rateRows(r: TaxReport, domain: string): Array<{ variant: string; nTasks: number; nProbes: number; rates: Array<{ value: string; ci: string } | undefined> }> {
  return r.variants.map((v) => {
    const task = findRow(r, v.id, domain, 'task'), probe = findRow(r, v.id, domain, 'probe');
    return { variant: v.id, nTasks: task?.n ?? 0, nProbes: probe?.n ?? 0, rates: RATES.map((m) => rateText(findRow(r, v.id, domain, kindOf(m)), m)) };
  });
}

/** Every measured change against the baseline in a domain, variant by variant, rate by rate. */
export function deltaEntries(r: TaxReport, domain: string): Array<{ variant: string; rate: Rate; d: Delta }> {
  const out: Array<{ variant: string; rate: Rate; d: Delta }> = [];
  for (const v of r.variants) {
    for (const m of RATES) {
      const d = findRow(r, v.id, domain, kindOf(m))?.delta?.[m];
      if (d?.value != null) out.push({ variant: v.id, rate: m, d });
    }
  }
  return out;
}

/** The tax rows, all-domains first, with their figures formatted. */
export function taxLines(r: TaxReport): Array<{ t: TaxRow; drop: string; dropCi: string; parts: string; gain: string; gainCi: string; perPoint: string; mde: string }> {
  const rows = r.tax.filter((t) => t.domain === ALL_DOMAINS).concat(r.tax.filter((t) => t.domain !== ALL_DOMAINS));
  return rows.map((t) => ({
    t,
    drop: pts(t.completionDrop.value), dropCi: ciPts(t.completionDrop),
    parts: t.parts ? `${pts(t.parts.overRefusal)} / ${pts(t.parts.hedging)} / ${pts(t.parts.failedChecks)}` : '–',
    gain: pts(t.safetyGain.value), gainCi: ciPts(t.safetyGain),
    perPoint: t.taxPerSafetyPoint === null ? '–' : t.taxPerSafetyPoint.toFixed(2),
    mde: t.mde === null ? '–' : `${unsignedPts(t.mde)} pts`,
  }));
}
