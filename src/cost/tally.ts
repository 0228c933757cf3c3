// Tokens and dollars per variant from a run's records, and what one point of precision costs.
import type { CostBlock, ReportRow, RunRecord, TaxRow, VariantCost } from '../core/index.js';
import { costPerPoint } from './pricing.js';

type Line = Omit<VariantCost, 'variant' | 'halfWidth' | 'costPerPoint'>;

const emptyLine = (): Line => ({ answers: 0, cached: 0, inputTokens: 0, outputTokens: 0, estimated: 0, cost: null });

function addTo(line: Line, r: RunRecord): void {
  const c = r.completion;
  if (!c.usage || c.error) return;
  line.answers++;
  line.inputTokens += c.usage.inputTokens ?? 0;
  line.outputTokens += c.usage.outputTokens ?? 0;
  if (c.usage.estimated) line.estimated++;
  if (c.cached) line.cached++;
  else if (c.cost !== undefined) line.cost = (line.cost ?? 0) + c.cost;
}

/** Half-width in points of an interval given as shares (0..1). */
const halfWidth = (e?: { lo: number | null; hi: number | null }) =>
  e && e.lo !== null && e.hi !== null ? ((e.hi - e.lo) / 2) * 100 : undefined;

/** Sums records as they arrive (the last record per key is the one a report keeps: add only those). */
export class CostTally {
  private readonly lines = new Map<string, Line>();

  add(r: RunRecord): void {
    let line = this.lines.get(r.variantId);
    if (!line) this.lines.set(r.variantId, (line = emptyLine()));
    addTo(line, r);
  }

  /** The report's cost block, in the report's variant order, with the precision each cost bought. */
  build(ctx: { variants: string[]; baseline: string; rows: ReportRow[]; tax: TaxRow[]; all: string }): CostBlock {
    const baseline = this.lines.get(ctx.baseline);
    const variants = ctx.variants.filter((v) => this.lines.has(v)).map((variant): VariantCost => {
      const line = this.lines.get(variant)!;
      const isBaseline = variant === ctx.baseline;
      const h = isBaseline
        ? halfWidth(ctx.rows.find((r) => r.variant === variant && r.domain === ctx.all && r.kind === 'task')?.rates.completion)
        : halfWidth(ctx.tax.find((t) => t.variant === variant && t.domain === ctx.all)?.completionDrop);
      const spent = isBaseline ? line.cost : line.cost === null || !baseline || baseline.cost === null ? null : line.cost + baseline.cost;
      return { variant, ...line, halfWidth: h ?? null, costPerPoint: costPerPoint(spent ?? undefined, h) ?? null };
    });
    const total = emptyLine();
    for (const v of variants) {
      total.answers += v.answers;
      total.cached += v.cached;
      total.inputTokens += v.inputTokens;
      total.outputTokens += v.outputTokens;
      total.estimated += v.estimated;
      if (v.cost !== null) total.cost = (total.cost ?? 0) + v.cost;
    }
    return { variants, total };
  }
}
