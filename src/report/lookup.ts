import type { ReportRow, RowKind, TaxReport, TaxRow } from '../core/index.js';

/**
 * Finding one variant's figures in a TaxReport. Kept free of imports beyond the types so the
 * terminal table (printed after every run) can use it without loading the gate machinery.
 */
export function findRow(report: TaxReport, variant: string, domain: string, kind: RowKind): ReportRow | undefined {
  return report.rows.find((r) => r.variant === variant && r.domain === domain && r.kind === kind);
}

export function findTax(report: TaxReport, variant: string, domain: string): TaxRow | undefined {
  return report.tax.find((t) => t.variant === variant && t.domain === domain);
}
