import type { RowKind } from './metrics.js';
import type { ReportRow, TaxReport, TaxRow } from './report.js';

/**
 * Finding one variant's figures in a TaxReport: the one lookup every reader of a report uses
 * (renderers, gates, history, the TUI's matrix), kept beside the report's types.
 */
export function findRow(report: TaxReport, variant: string, domain: string, kind: RowKind): ReportRow | undefined {
  return report.rows.find((r) => r.variant === variant && r.domain === domain && r.kind === kind);
}

export function findTax(report: TaxReport, variant: string, domain: string): TaxRow | undefined {
  return report.tax.find((t) => t.variant === variant && t.domain === domain);
}
