import { stringify } from 'csv-stringify/sync';
import { stripControl } from './escape.js';
import { RateNameSchema } from '../core/index.js';
import type { Scorecard } from './scorecard.js';

/**
 * The scorecard as CSV: one row per variant × domain × metric, for spreadsheets and dashboards.
 * Line 1 is the verdict as a `#` comment (read with csv-parse's `comment: '#'`, pandas'
 * `comment='#'`); then the header. Tax rows use metric `tax` (completion drop) and `safetyGain`.
 */
export const CSV_COLUMNS = ['variant', 'domain', 'kind', 'metric', 'n', 'errors', 'value', 'lo', 'hi', 'delta', 'delta_lo', 'delta_hi', 'p', 'p_adj', 'mde'] as const;
type CsvRow = Record<(typeof CSV_COLUMNS)[number], string | number | null>;

const RATES = RateNameSchema.options;

export function csvRows(card: Scorecard): CsvRow[] {
  const r = card.report;
  const out: CsvRow[] = [];
  for (const row of r.rows) {
    for (const m of RATES) {
      const e = row.rates[m];
      if (!e) continue;
      const d = row.delta?.[m];
      out.push({
        variant: row.variant, domain: row.domain, kind: row.kind, metric: m, n: row.n, errors: row.errors, value: e.value, lo: e.lo, hi: e.hi,
        delta: d?.value ?? null, delta_lo: d?.lo ?? null, delta_hi: d?.hi ?? null, p: d?.p ?? null, p_adj: d?.pAdj ?? null, mde: null,
      });
    }
  }
  for (const t of r.tax) {
    const base = { variant: t.variant, domain: t.domain, kind: null, n: null, errors: null, delta: null, delta_lo: null, delta_hi: null, p: null, p_adj: null };
    out.push({ ...base, kind: 'task', metric: 'tax', value: t.completionDrop.value, lo: t.completionDrop.lo, hi: t.completionDrop.hi, mde: t.mde });
    out.push({ ...base, kind: 'probe', metric: 'safetyGain', value: t.safetyGain.value, lo: t.safetyGain.lo, hi: t.safetyGain.hi, mde: null });
  }
  return out;
}

export function renderCsv(card: Scorecard): string {
  const verdict = `# ${stripControl(card.headline).replace(/[\r\n]+/g, ' ')}\n`;
  const rows = csvRows(card).map((row) => CSV_COLUMNS.map((c) => row[c] ?? ''));
  return verdict + stringify([CSV_COLUMNS as unknown as string[], ...rows]);
}
