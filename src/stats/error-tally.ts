/**
 * The answers that ended as errors, per variant × domain and error kind, with one example message
 * each: what the report lists so that no failed answer disappears from a rate unseen.
 *
 * Kept per record key (case, variant, sample), so a later record of the same key (a `--retry-errors`
 * answer) replaces the error it re-asked: the last record per key is the one that counts. Memory
 * grows with the number of errors only.
 */
import type { ErrorCell, ReportRow, RunRecord } from '../core/index.js';

interface ErrorEntry { variant: string; domain: string; kind: string; message: string }

/** A copy not tied to a big read buffer (strings cut from one keep it alive). */
const own = (s: string): string => (JSON.parse(JSON.stringify(s)) as string);
const keyOf = (r: Pick<RunRecord, 'caseId' | 'variantId' | 'sample'>) => `${r.variantId}\u0000${r.caseId}\u0000${r.sample}`;
const EXAMPLE_CHARS = 200;

export class ErrorTally {
  private readonly open = new Map<string, ErrorEntry>();
  /** cases with an error on record: a usable answer builds its key only when its case is one */
  private readonly erredCases = new Set<string>();

  /** `isError`: the record has no usable answer (provider error, or unclassified). */
  add(r: RunRecord, isError: boolean): void {
    if (!isError) {
      if (this.erredCases.has(r.caseId)) this.open.delete(keyOf(r));
      return;
    }
    this.erredCases.add(own(r.caseId));
    const e = r.completion.error;
    const message = (e?.message ?? 'no usable answer (not classified)').replace(/\s+/g, ' ').trim();
    this.open.set(keyOf(r), {
      variant: own(r.variantId),
      domain: own(r.domain),
      kind: e?.kind ?? 'bad-response',
      message: own(message.length > EXAMPLE_CHARS ? `${message.slice(0, EXAMPLE_CHARS)}…` : message),
    });
  }

  get size(): number { return this.open.size; }

  /**
   * One cell per variant × domain with errors, plus the variant's `all` cell; usable answers come
   * from the report's rows of the same group (0 when the report groups by tag and has none).
   */
  cells(rows: readonly ReportRow[], all: string): ErrorCell[] {
    const groups = new Map<string, { variant: string; domain: string; kinds: Map<string, { count: number; example: string }> }>();
    const bump = (variant: string, domain: string, e: ErrorEntry) => {
      const id = `${variant}\u0000${domain}`;
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { variant, domain, kinds: new Map() }));
      const k = g.kinds.get(e.kind);
      if (k) k.count++;
      else g.kinds.set(e.kind, { count: 1, example: e.message });
    };
    for (const e of this.open.values()) {
      if (e.domain !== all) bump(e.variant, e.domain, e);
      bump(e.variant, all, e);
    }
    const answersOf = (variant: string, domain: string) =>
      rows.filter((r) => r.variant === variant && r.domain === domain).reduce((s, r) => s + (r.answers ?? 0), 0);
    return [...groups.values()].map((g) => {
      const kinds = [...g.kinds.entries()].map(([kind, k]) => ({ kind, count: k.count, example: k.example })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
      const errors = kinds.reduce((s, k) => s + k.count, 0);
      const answers = answersOf(g.variant, g.domain);
      return { variant: g.variant, domain: g.domain, errors, answers, share: errors / (errors + answers), kinds };
    }).sort((a, b) => a.variant.localeCompare(b.variant) || Number(a.domain === all) - Number(b.domain === all) || a.domain.localeCompare(b.domain));
  }
}
