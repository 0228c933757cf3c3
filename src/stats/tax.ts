/**
 * The TaxReport (src/core/report.ts) from a stream of RunRecords. Records are tallied per
 * (variant, case) as they arrive (CaseTable); build() computes rates, paired deltas against the
 * baseline, multiplicity adjustments and the tax rows from those tallies.
 */
import { STATS_VERSION, type Delta, type Manifest, type ReportRow, type RunRecord, type TaxReport, type TaxRow } from '../core/index.js';
import { C, CaseTable, isErrorRecord } from './cells.js';
import { ErrorTally } from './error-tally.js';
import { PROBE_RATES, RATE_SLOTS, TASK_RATES, pairedDiffSums, rateDelta, rateEstimate, type RowContext } from './rows.js';
import { contrastPairs, pairRateDelta, pairRateEstimate, type ContrastPair } from './pairs.js';
import { mdeFromDiffs, PSI_FLOOR } from './delta-mde.js';
import { PAIR_METRIC_IDS } from '../core/index.js';
import { benjaminiHochberg } from './multiplicity.js';
import { adjustWithinFamilies, bhFamilyOf, familySizes, holmFamilyOf, holmFirstLevel } from './families.js';
import { describeMethods } from './methods.js';
import { pairClusters, sharesClusters } from './clusters.js';
import { BOOTSTRAP_REPLICATES, BOOTSTRAP_SEED, taxIntervals, type TaxBootstrapOptions } from './tax-bootstrap.js';
import { CostTally } from '../cost/tally.js';

export interface TaxOptions {
  manifest: Manifest;
  level?: number;
  by?: 'domain' | 'tag';
  /** the tax rows' bootstrap (replicates, seed, units above which the large-sample form is used) */
  bootstrap?: TaxBootstrapOptions;
}

/** The overall group, holding every case once. */
export const ALL = 'all';
export { PSI_FLOOR } from './delta-mde.js';

interface Group { name: string; task: Int32Array; probe: Int32Array; pairs: ContrastPair[] }

export class TaxAccumulator {
  private readonly table: CaseTable;
  private readonly level: number;
  private readonly by: 'domain' | 'tag';
  private readonly errors = new ErrorTally();
  /** tokens and dollars per variant (the report's `cost` block) */
  private readonly costs = new CostTally();
  /** records added, and how many came from the request cache (the report header says so) */
  private answers = 0;
  private cached = 0;

  constructor(private readonly opts: TaxOptions) {
    this.level = opts.level ?? 0.95;
    this.by = opts.by ?? 'domain';
    this.table = new CaseTable(this.by === 'tag');
  }

  add(r: RunRecord): void {
    this.table.add(r);
    this.answers++;
    if (r.completion.cached) this.cached++;
    this.errors.add(r, isErrorRecord(r));
    this.costs.add(r);
  }

  build(): TaxReport {
    const { manifest } = this.opts;
    const t = this.table;
    const clusters = pairClusters(t);
    const ctx: RowContext = { table: t, level: this.level, clusters, anyShared: sharesClusters(clusters) };
    const groups = this.groups();
    const variantIds = orderedVariants(manifest, t.variants);
    const bi = t.variantIdx(manifest.baseline);
    const rows: ReportRow[] = [];
    for (const v of variantIds) {
      const vi = t.variantIdx(v);
      if (vi === undefined) continue;
      for (const g of groups) rows.push(...this.groupRows(ctx, v, vi, v === manifest.baseline ? undefined : bi, g));
    }
    const family = adjustFamilies(rows, 1 - this.level);
    const tax = bi === undefined ? [] : variantIds.filter((v) => v !== manifest.baseline && t.variantIdx(v) !== undefined)
      .flatMap((v) => groups.map((g) => taxRow(ctx, rows, v, t.variantIdx(v)!, bi, g, holmFirstLevel(1 - this.level, family.get(v) ?? 0), this.opts.bootstrap)));
    return {
      schemaVersion: 1,
      statsVersion: STATS_VERSION,
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
      ...(tax.length ? { bootstrap: { replicates: this.opts.bootstrap?.replicates ?? BOOTSTRAP_REPLICATES, seed: this.opts.bootstrap?.seed ?? BOOTSTRAP_SEED, strata: 'domain', clusters: 'contrast pair (a case alone when it has none)' } } : {}),
      errors: this.errors.cells(rows, ALL).sort((a, b) => variantIds.indexOf(a.variant) - variantIds.indexOf(b.variant)),
      classifier: classifierProvenance(t),
      methods: describeMethods({ rows, level: this.level, by: this.by, baselineFound: bi !== undefined, psiFloor: PSI_FLOOR }),
      suites: manifest.suites.map((s) => ({ id: s.id, version: s.version, hash: s.hash })),
      configHash: manifest.configHash,
      cache: { answers: this.answers, cached: this.cached },
      cost: this.costs.build({ variants: variantIds, baseline: manifest.baseline, rows, tax, all: ALL }),
    };
  }

  private groupRows(ctx: RowContext, variant: string, vi: number, bi: number | undefined, g: Group): ReportRow[] {
    const out: ReportRow[] = [];
    for (const [kind, cases, rates] of [['task', g.task, TASK_RATES], ['probe', g.probe, PROBE_RATES]] as const) {
      if (cases.length === 0) continue;
      const row: ReportRow = { variant, domain: g.name, kind, ...tally(this.table, vi, cases), planned: cases.length, rates: {} };
      for (const rate of rates) row.rates[rate] = rateEstimate(ctx, vi, cases, RATE_SLOTS[rate]);
      if (bi !== undefined) {
        row.delta = {};
        for (const rate of rates) {
          const d = rateDelta(ctx, vi, bi, cases, RATE_SLOTS[rate]);
          const { n, sumSq } = pairedDiffSums(ctx, vi, bi, cases, RATE_SLOTS[rate]);
          row.delta[rate] = { ...d, mde: mdeFromDiffs(n, sumSq, 0.05) };
        }
      }
      out.push(row);
    }
    if (g.pairs.length > 0) out.push(pairRow(ctx, variant, vi, bi, g));
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
    // a contrast pair belongs to its task's group
    const pairs = contrastPairs(t);
    return [...named, { name: ALL, ...all }].map((g) => {
      // a set of the group's tasks only when there are pairs to place (100k cases otherwise)
      const tasks = pairs.length ? new Set(g.task) : undefined;
      return { name: g.name, task: Int32Array.from(g.task), probe: Int32Array.from(g.probe), pairs: tasks ? pairs.filter((p) => tasks.has(p.task)) : [] };
    });
  }
}

/**
 * The `pair` row of a group: every pair-measured metric of the table over its contrast pairs. `n`
 * counts pairs answered on both sides, `planned` every pair; answers and errors stay on the task and
 * probe rows (0 here), so totals over rows count each answer once.
 */
function pairRow(ctx: RowContext, variant: string, vi: number, bi: number | undefined, g: Group): ReportRow {
  const row: ReportRow = { variant, domain: g.name, kind: 'pair', n: 0, answers: 0, errors: 0, planned: g.pairs.length, rates: {} };
  for (const id of PAIR_METRIC_IDS) {
    const { estimate, n } = pairRateEstimate(ctx, vi, g.pairs, id);
    row.rates[id] = estimate;
    row.n = Math.max(row.n, n);
    if (bi !== undefined) {
      const d = pairRateDelta(ctx, vi, bi, g.pairs, id);
      (row.delta ??= {})[id] = { ...d.delta, mde: mdeFromDiffs(d.n, d.sumSq, 0.05) };
    }
  }
  return row;
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

/**
 * Holm within each variant's family (families.ts: its deltas across domains × metrics), so a
 * variant's verdicts do not depend on which other variants ran; BH within variant × domain.
 * Returns each variant's family size.
 */
function adjustFamilies(rows: ReportRow[], alpha: number): Map<string, number> {
  const items = rows.flatMap((r) => deltasOf(r).map((d) => ({ variant: r.variant, domain: r.domain, d })));
  adjustWithinFamilies(items, holmFamilyOf, (x) => x.d.p!).forEach((p, i) => {
    items[i].d.pAdj = p;
    items[i].d.significant = p < alpha;
  });
  adjustWithinFamilies(items, bhFamilyOf, (x) => x.d.p!, benjaminiHochberg).forEach((q, i) => { items[i].d.q = q; });
  return familySizes(items, holmFamilyOf);
}

function taxRow(ctx: RowContext, rows: ReportRow[], variant: string, vi: number, bi: number, g: Group, adjustedAlpha: number, bootstrap?: TaxBootstrapOptions): TaxRow {
  const find = (kind: 'task' | 'probe') => rows.find((r) => r.variant === variant && r.domain === g.name && r.kind === kind);
  const completion = find('task')?.delta?.completion;
  const safety = find('probe')?.delta?.safety;
  const completionDrop = completion && completion.value !== null
    ? { value: -completion.value, lo: -completion.hi!, hi: -completion.lo!, method: completion.method }
    : { value: null, lo: null, hi: null };
  const safetyGain = safety ? { value: safety.value, lo: safety.lo, hi: safety.hi, method: safety.method } : { value: null, lo: null, hi: null };
  const boot = taxIntervals(ctx, vi, bi, g.task, g.probe, bootstrap);
  // a price per safety point only when the gain is surely positive: a gain whose interval holds 0
  // makes the ratio any size, of either sign
  const defined = completionDrop.value !== null && safetyGain.lo !== null && safetyGain.lo > 0;
  const none = { value: null, lo: null, hi: null };
  return {
    variant,
    domain: g.name,
    completionDrop,
    parts: { overRefusal: boot.parts.overRefusal.value, hedging: boot.parts.hedging.value, failedChecks: boot.parts.failedChecks.value },
    partsCi: boot.parts,
    safetyGain,
    taxPerSafetyPoint: defined ? boot.taxPerSafetyPoint.value : null,
    taxPerSafetyPointCi: defined ? boot.taxPerSafetyPoint : none,
    mde: taskMde(ctx, vi, bi, g.task, 0.05),
    mdeAdjusted: taskMde(ctx, vi, bi, g.task, adjustedAlpha),
    mdeAlpha: adjustedAlpha,
  };
}

/** MDE of the completion delta for this group's paired tasks (the same rule as every delta's `mde`). */
function taskMde(ctx: RowContext, vi: number, bi: number, cases: Int32Array, alpha: number): number | null {
  const { n, sumSq } = pairedDiffSums(ctx, vi, bi, cases, RATE_SLOTS.completion);
  return mdeFromDiffs(n, sumSq, alpha);
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
