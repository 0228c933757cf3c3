/**
 * The compact per-(variant, case) tally behind the tax report. A report over a million records
 * keeps only a few counters per variant × case in typed arrays (no record is retained), so memory
 * grows with the number of cases, not of answers.
 */
import type { RunRecord } from '../core/index.js';

/** Counter slots of one (variant, case) cell. */
export const C = {
  answers: 0, errors: 1, complied: 2, hedged: 3, partial: 4, refused: 5,
  /** answered (complied or hedged) and verdict.completed */
  completed: 6,
  /** hedged but not completed: the hedging part of the tax */
  hedgedFailed: 7,
  /** complied but not completed: the failed-check part of the tax */
  compliedFailed: 8,
} as const;
const NC = 9;

/**
 * A fresh copy of a string that will be kept. Strings cut from a big read buffer (slice) are views
 * that keep the whole buffer alive; the table keeps one id per case, so it keeps copies.
 */
const keep = (s: string): string => (s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string));

/** A record with no usable answer: provider error, unclassified, or classified as error. */
export const isErrorRecord = (r: RunRecord): boolean => !r.verdict || r.verdict.outcome === 'error' || r.completion.error !== undefined;

export class CaseTable {
  readonly caseIds: string[] = [];
  readonly variants: string[] = [];
  /** per case: 0 = task, 1 = probe */
  kinds = new Uint8Array(1024);
  /** per case: index into domainNames */
  domains = new Int32Array(1024);
  readonly domainNames: string[] = [];
  /** per case: its tags (only kept when grouping by tag) */
  readonly tags: (readonly string[])[] = [];
  /** per case: the id of its contrast case (`pair`), if any; pairs are resampled and clustered together */
  readonly pairs: (string | undefined)[] = [];
  /** classifier provenance over usable answers */
  readonly verdictBy = new Map<string, number>();
  judgeCompared = 0;
  judgeAgreed = 0;

  private readonly caseIndex = new Map<string, number>();
  private readonly variantIndex = new Map<string, number>();
  private readonly domainIndex = new Map<string, number>();
  private cells: Uint32Array[] = [];
  /** bit k set = sample k already counted (samples ≥ 32 are not deduplicated) */
  private seen: Uint32Array[] = [];
  /** bit k set = the record counted for sample k was an error (a later record of the key replaces it) */
  private erred: Uint32Array[] = [];
  private capacity = 1024;
  /** the last case looked up (an id kept by the table, so it pins no read buffer) */
  private lastCaseId: string | undefined;
  private lastCase = 0;

  constructor(private readonly keepTags: boolean) {}

  get caseCount(): number { return this.caseIds.length; }

  add(r: RunRecord): void {
    const ci = this.caseOf(r);
    const vi = this.variantOf(r.variantId);
    if (r.sample < 32) {
      const bit = 1 << r.sample;
      if (this.seen[vi][ci] & bit) {
        // the last record per key counts: a `--retry-errors` answer replaces the error it re-asked.
        // An answer is never re-asked, so a second answer (two writers) is counted once, the first.
        if (!(this.erred[vi][ci] & bit)) return;
        this.cells[vi][ci * NC + C.errors]--;
        this.erred[vi][ci] &= ~bit;
      }
      this.seen[vi][ci] |= bit;
    }
    const cell = this.cells[vi];
    const base = ci * NC;
    if (isErrorRecord(r)) {
      cell[base + C.errors]++;
      if (r.sample < 32) this.erred[vi][ci] |= 1 << r.sample;
      return;
    }
    const v = r.verdict!;
    cell[base + C.answers]++;
    cell[base + C[v.outcome as 'complied' | 'hedged' | 'partial' | 'refused']]++;
    if (v.outcome === 'complied' || v.outcome === 'hedged') {
      if (v.completed) cell[base + C.completed]++;
      else cell[base + (v.outcome === 'hedged' ? C.hedgedFailed : C.compliedFailed)]++;
    }
    this.verdictBy.set(v.by, (this.verdictBy.get(v.by) ?? 0) + 1); // by is 'rules' | 'judge': short, never a view
    if (v.rulesOutcome && v.judgeOutcome) {
      this.judgeCompared++;
      if (v.rulesOutcome === v.judgeOutcome) this.judgeAgreed++;
    }
  }

  /** Counter `slot` of variant `vi` on case `ci`. */
  get(vi: number, ci: number, slot: number): number {
    return this.cells[vi][ci * NC + slot];
  }

  variantIdx(id: string): number | undefined { return this.variantIndex.get(id); }

  /** The most usable answers any variant gave one case: > 1 means several samples per case. */
  maxAnswers(): number {
    let max = 0;
    for (const cell of this.cells) for (let i = C.answers; i < this.caseCount * NC; i += NC) if (cell[i] > max) max = cell[i];
    return max;
  }

  private caseOf(r: RunRecord): number {
    // a case's records mostly come in a row (its variants and samples): skip the Map for a repeat
    if (r.caseId === this.lastCaseId && this.lastCaseId !== undefined) return this.lastCase;
    let ci = this.caseIndex.get(r.caseId);
    if (ci !== undefined) return this.rememberCase(this.caseIds[ci], ci);
    ci = this.caseIds.length;
    if (ci >= this.capacity) this.grow();
    const id = keep(r.caseId);
    this.caseIndex.set(id, ci);
    this.caseIds.push(id);
    this.kinds[ci] = r.kind === 'probe' ? 1 : 0;
    this.domains[ci] = this.domainOf(r.domain);
    if (this.keepTags) this.tags.push((r.tags ?? []).map(keep));
    this.pairs.push(r.pair === undefined ? undefined : keep(r.pair));
    return this.rememberCase(id, ci);
  }

  private rememberCase(id: string, ci: number): number {
    this.lastCaseId = id;
    this.lastCase = ci;
    return ci;
  }

  private domainOf(name: string): number {
    let di = this.domainIndex.get(name);
    if (di === undefined) {
      di = this.domainNames.length;
      name = keep(name);
      this.domainIndex.set(name, di);
      this.domainNames.push(name);
    }
    return di;
  }

  private variantOf(id: string): number {
    let vi = this.variantIndex.get(id);
    if (vi === undefined) {
      vi = this.variants.length;
      id = keep(id);
      this.variantIndex.set(id, vi);
      this.variants.push(id);
      this.cells.push(new Uint32Array(this.capacity * NC));
      this.seen.push(new Uint32Array(this.capacity));
      this.erred.push(new Uint32Array(this.capacity));
    }
    return vi;
  }

  private grow(): void {
    this.capacity *= 2;
    const widen = <T extends Uint8Array | Int32Array | Uint32Array>(a: T, size: number, make: (n: number) => T): T => { const b = make(size); b.set(a); return b; };
    this.kinds = widen(this.kinds, this.capacity, (n) => new Uint8Array(n));
    this.domains = widen(this.domains, this.capacity, (n) => new Int32Array(n));
    this.cells = this.cells.map((c) => widen(c, this.capacity * NC, (n) => new Uint32Array(n)));
    this.seen = this.seen.map((s) => widen(s, this.capacity, (n) => new Uint32Array(n)));
    this.erred = this.erred.map((s) => widen(s, this.capacity, (n) => new Uint32Array(n)));
  }
}
