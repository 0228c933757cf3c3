/**
 * The report's errors as plain lines, one per variant × domain with errors, then one per error
 * kind with its count and an example message: what the terminal report, the Markdown scorecard and
 * the TUI show, so a failed answer is never silently left out of a rate.
 */
import type { ErrorCell, TaxReport } from '../core/index.js';
import { sanitizeLine } from '../util/sanitize.js';
import { pct } from '../util/format.js';

/** `guarded × shell: 51 of 64 answers are errors (79.7%)`. */
export function errorCellLine(e: ErrorCell): string {
  return `${sanitizeLine(e.variant)} × ${sanitizeLine(e.domain)}: ${e.errors} of ${e.errors + e.answers} answers are errors (${pct(e.share)})`;
}

/** `server 40, timeout 11` */
export const kindsLine = (e: ErrorCell): string => e.kinds.map((k) => `${k.kind} ${k.count}`).join(', ');

/** Every variant × domain cell with errors (domain cells, then the variant's `all`), nothing when clean. */
export function errorLines(report: TaxReport, opts: { examples?: boolean } = {}): string[] {
  const cells = report.errors ?? [];
  if (cells.length === 0) return [];
  const lines = [`Errors (answers with no usable completion; the rates above leave them out):`];
  for (const e of cells) {
    lines.push(`  ${errorCellLine(e)}: ${kindsLine(e)}`);
    if (opts.examples !== false && e.domain !== 'all') {
      for (const k of e.kinds) lines.push(`      ${k.kind}, e.g. ${sanitizeLine(k.example)}`);
    }
  }
  return lines;
}

/** The share of error answers of each variant over the whole run (its `all` cell). */
export function variantErrorShares(report: TaxReport): Map<string, ErrorCell> {
  return new Map((report.errors ?? []).filter((e) => e.domain === 'all').map((e) => [e.variant, e]));
}
