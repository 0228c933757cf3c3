/**
 * The TaxReport (src/core/report.ts) from a stream of RunRecords. Records are tallied per
 * (variant, case) as they arrive (CaseTable); build() computes rates, paired deltas against the
 * baseline, multiplicity adjustments and the tax rows from those tallies.
 */
import type { Delta, Manifest, ReportRow, RunRecord, TaxReport, TaxRow } from '../core/index.js';
import { C, CaseTable } from './cells.js';
import { PROBE_RATES, RATE_SLOTS, TASK_RATES, meanPairedDiff, pairedDiffSums, rateDelta, rateEstimate, type RowContext } from './rows.js';
import { benjaminiHochberg, holm } from './multiplicity.js';
import { mdePaired } from './power.js';
import { describeMethods } from './methods.js';

export interface TaxOptions { manifest: Manifest; level?: number; by?: 'domain' | 'tag' }

/** The overall group, holding every case once. */
export const ALL = 'all';
/** ψ floor for the MDE: a run with few discordant pairs says little about a real effect's discordance. */
export const PSI_FLOOR = 0.05;

interface Group { name: string; task: Int32Array; probe: Int32Array }

export class TaxAccumulator {
  private readonly table: CaseTable;
  private readonly level: number;
  private readonly by: 'domain' | 'tag';

  constructor(private readonly opts: TaxOptions) {
    this.level = opts.level ?? 0.95;
    this.by = opts.by ?? 'domain';
    this.table = new CaseTable(this.by === 'tag');
  }

  add(r: RunRecord): void {
    this.table.add(r);
  }

  build(): TaxReport {
    const { manifest } = this.opts;
    const t = this.table;
    const ctx: RowContext = { table: t, clustered: t.maxAnswers() > 1, level: this.level };
    const groups = this.groups();
    const variantIds = orderedVariants(manifest, t.variants);
    const bi = t.variantIdx(manifest.baseline);
    const rows: ReportRow[] = [];
    for (const v of variantIds) {
      const vi = t.variantIdx(v);
      if (vi === undefined) continue;
      for (const g of groups) rows.push(...this.groupRows(ctx, v, vi, v === manifest.baseline ? undefined : bi, g));
    }
    adjustFamily(rows, 1 - this.level);
    const tax = bi === undefined ? [] : variantIds.filter((v) => v !== manifest.baseline && t.variantIdx(v) !== undefined)
      .flatMap((v) => groups.map((g) => taxRow(ctx, rows, v, t.variantIdx(v)!, bi, g)));
    return {
      schemaVersion: 1,
      runId: manifest.runId,
      createdAt: new Date().toISOString(),
      baseline: manifest.baseline,
      simulated: manifest.simulated,
      level: this.level,
      samples: manifest.samples,
      variants: variantIds.map((id) => manifest.variants.find((x) => x.id === id) ?? { id, provider: 'unknown', simulated: false }),
      domains: groups.map((g) => g.name),
      rows,
      tax,
      classifier: classifierProvenance(t),
      methods: describeMethods({ clustered: ctx.clustered, level: this.level, by: this.by, family: countFamily(rows), baselineFound: bi !== undefined, psiFloor: PSI_FLOOR }),
      suites: manifest.suites.map((s) => ({ id: s.id, version: s.version, hash: s.hash })),
      configHash: manifest.configHash,
    };
  }

  private groupRows(ctx: RowContext, variant: string, vi: number, bi: number | undefined, g: Group): ReportRow[] {
    const out: ReportRow[] = [];
    for (const [kind, cases, rates] of [['task', g.task, TASK_RATES], ['probe', g.probe, PROBE_RATES]] as const) {
      if (cases.length === 0) continue;
      const row: ReportRow = { variant, domain: g.name, kind, ...tally(this.table, vi, cases), rates: {} };
      for (const rate of rates) row.rates[rate] = rateEstimate(ctx, vi, cases, RATE_SLOTS[rate]);
      if (bi !== undefined) {
        row.delta = {};
        for (const rate of rates) row.delta[rate] = rateDelta(ctx, vi, bi, cases, RATE_SLOTS[rate]);
      }
      out.push(row);
    }
    return out;
  }

  /** Domains (or tags) in name order, then `all`; each with its task and probe case lists. */
  private groups(): Group[] {
    const t = this.table;
    const members = new Map<string, { task: number[]; probe: number[] }>();
    const all = { task: [] as number[], probe: [] as number[] };
    for (let ci = 0; ci < t.caseCount; ci++) {
      const kind = t.kinds[ci] === 1 ? 'probe' : 'task';
      all[kind].push(ci);
      const names = this.by === 'tag' ? t.tags[ci] : [t.domainNames[t.domains[ci]]];
      for (const name of new Set(names)) {
        let m = members.get(name);
        if (!m) members.set(name, (m = { task: [], probe: [] }));
        m[kind].push(ci);
      }
    }
    const named = [...members.keys()].filter((n) => n !== ALL).sort().map((name) => ({ name, ...members.get(name)! }));
    return [...named, { name: ALL, ...all }].map((g) => ({ name: g.name, task: Int32Array.from(g.task), probe: Int32Array.from(g.probe) }));
  }
}

/** Builds the report from any (async) iterable of records, e.g. readRecordsFile(path). */
export async function buildTaxReport(records: AsyncIterable<RunRecord> | Iterable<RunRecord>, opts: TaxOptions): Promise<TaxReport> {
  const acc = new TaxAccumulator(opts);
  for await (const r of records) acc.add(r);
  return acc.build();
}

/** Manifest order first, then any variant that appears only in the records. */
function orderedVariants(manifest: Manifest, seen: readonly string[]): string[] {
  const ids = manifest.variants.map((v) => v.id);
  return [...ids, ...seen.filter((id) => !ids.includes(id))];
}

function tally(t: CaseTable, vi: number, cases: Int32Array): Pick<ReportRow, 'n' | 'answers' | 'errors' | 'counts'> {
  let n = 0, answers = 0, errors = 0;
  const counts = { complied: 0, hedged: 0, partial: 0, refused: 0, error: 0 };
  for (const ci of cases) {
    const a = t.get(vi, ci, C.answers);
    if (a > 0) n++;
    answers += a;
    errors += t.get(vi, ci, C.errors);
    counts.complied += t.get(vi, ci, C.complied);
    counts.hedged += t.get(vi, ci, C.hedged);
    counts.partial += t.get(vi, ci, C.partial);
    counts.refused += t.get(vi, ci, C.refused);
  }
  counts.error = errors;
  return { n, answers, errors, counts };
}

const deltasOf = (row: ReportRow): Delta[] => Object.values(row.delta ?? {}).filter((d): d is Delta => d !== undefined && d.p !== null);
const countFamily = (rows: ReportRow[]) => rows.reduce((s, r) => s + deltasOf(r).length, 0);

/** Holm across every delta of the report; BH within each domain's (or tag's) deltas. */
function adjustFamily(rows: ReportRow[], alpha: number): void {
  const family = rows.flatMap(deltasOf);
  holm(family.map((d) => d.p!)).forEach((p, i) => {
    family[i].pAdj = p;
    family[i].significant = p < alpha;
  });
  const byDomain = new Map<string, Delta[]>();
  for (const r of rows) byDomain.set(r.domain, [...(byDomain.get(r.domain) ?? []), ...deltasOf(r)]);
  for (const list of byDomain.values()) benjaminiHochberg(list.map((d) => d.p!)).forEach((q, i) => { list[i].q = q; });
}

function taxRow(ctx: RowContext, rows: ReportRow[], variant: string, vi: number, bi: number, g: Group): TaxRow {
  const find = (kind: 'task' | 'probe') => rows.find((r) => r.variant === variant && r.domain === g.name && r.kind === kind);
  const completion = find('task')?.delta?.completion;
  const safety = find('probe')?.delta?.safety;
  const completionDrop = completion && completion.value !== null
    ? { value: -completion.value, lo: -completion.hi!, hi: -completion.lo! }
    : { value: null, lo: null, hi: null };
  const safetyGain = safety ? { value: safety.value, lo: safety.lo, hi: safety.hi } : { value: null, lo: null, hi: null };
  const part = (slot: number) => meanPairedDiff(ctx, vi, bi, g.task, [slot]);
  const partial = (x: number | null, y: number | null) => (x === null || y === null ? null : x + y);
  return {
    variant,
    domain: g.name,
    completionDrop,
    parts: { overRefusal: partial(part(C.refused), part(C.partial)), hedging: part(C.hedgedFailed), failedChecks: part(C.compliedFailed) },
    safetyGain,
    taxPerSafetyPoint: completionDrop.value !== null && safetyGain.value !== null && safetyGain.value > 0 ? completionDrop.value / safetyGain.value : null,
    mde: taskMde(ctx, vi, bi, g.task),
  };
}

/**
 * MDE of the completion delta for this group's paired tasks. ψ is the observed discordance
 * (mean squared per-case difference; (b + c)/n when K = 1), floored at PSI_FLOOR and at the MDE
 * itself: a true difference δ needs at least δ discordance, so ψ < δ is not a possible world.
 */
function taskMde(ctx: RowContext, vi: number, bi: number, cases: Int32Array): number | null {
  const { n, sumSq } = pairedDiffSums(ctx, vi, bi, cases, RATE_SLOTS.completion);
  if (n === 0) return null;
  let psi = Math.max(PSI_FLOOR, sumSq / n);
  let mde = mdePaired(n, psi);
  for (let i = 0; i < 30 && mde !== null && mde > psi; i++) {
    psi = mde;
    mde = mdePaired(n, psi);
  }
  return mde;
}

function classifierProvenance(t: CaseTable): TaxReport['classifier'] {
  const by = Object.fromEntries(t.verdictBy);
  const agreement = t.judgeCompared > 0 ? t.judgeAgreed / t.judgeCompared : null;
  const judged = by.judge ?? 0;
  const note = judged > 0
    ? `${judged} answers labelled by the LLM judge${agreement !== null ? `; rules and judge agree on ${(agreement * 100).toFixed(1)}% of ${t.judgeCompared}` : ''}`
    : 'all answers labelled by the rules';
  return { by, judgeAgreement: agreement, note };
}
