/**
 * `atax labels`: human labels of a run (results/<run>/labels.jsonl).
 *   atax labels [RUN]                         how the classifier agrees with the labels, per variant
 *   atax labels import RUN FILE               bring labels in from a CSV or JSONL file
 *   atax labels export RUN --per-variant N    the stratified sample to label, as a CSV
 *   atax labels plan RUN --half-width 0.03    how many more labels each variant needs
 */
import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { RunRecord } from '../core/index.js';
import { loadSuiteFile } from '../suite/load-suite.js';
import { lastUserTextOf } from '../case-text.js';
import { labelKey } from '../core/label.js';
import { UserError } from '../errors.js';
import { currentLabels, readLabels, readManifest, readRecords, readResultsRoot, resolveRunId, runDir } from '../store/index.js';
import { CalibrationAccumulator } from '../stats/calibration-report.js';
import { labelsNeeded } from '../stats/calibration-plan.js';
import { labelSample } from '../stats/label-sample.js';
import { metricsOfKind } from '../stats/calibration-rates.js';
import { METRIC_TABLE } from '../core/metrics.js';
import { pct } from '../util/format.js';
import { alignColumns } from '../util/text-width.js';
import { answersOf, importLabels } from './labels-import.js';

interface RunRef { root: string; runId: string; dir: string }

function openRun(ref: string | undefined, results?: string): RunRef {
  const root = readResultsRoot(results);
  const runId = resolveRunId(root, ref);
  return { root, runId, dir: runDir(root, runId) };
}

async function allRecords(run: RunRef): Promise<RunRecord[]> {
  const out: RunRecord[] = [];
  for await (const r of readRecords(run.root, run.runId)) out.push(r);
  return out;
}

/** Every record of the run fed to a calibration accumulator (last record per answer wins). */
async function calibrationOf(run: RunRef): Promise<{ acc: CalibrationAccumulator; labels: number }> {
  const labels = currentLabels(readLabels(run.dir));
  const acc = new CalibrationAccumulator(labels);
  for await (const r of readRecords(run.root, run.runId)) acc.add(r);
  return { acc, labels: labels.size };
}

const ci = (e: { value: number | null; lo: number | null; hi: number | null }, asPct = true): string => {
  if (e.value === null) return '–';
  const f = (x: number) => (asPct ? (x * 100).toFixed(1) : x.toFixed(2));
  return `${asPct ? pct(e.value) : e.value.toFixed(2)} [${e.lo === null ? '–' : f(e.lo)}, ${e.hi === null ? '–' : f(e.hi)}]`;
};

export async function labelsReport(ref: string | undefined, o: { results?: string; json?: boolean }, out: NodeJS.WritableStream): Promise<number> {
  const run = openRun(ref, o.results);
  const { acc, labels } = await calibrationOf(run);
  const summaries = acc.variants().map((v) => acc.variantSummary(v));
  if (o.json) {
    out.write(JSON.stringify({ runId: run.runId, labels, variants: summaries }, null, 2) + '\n');
    return 0;
  }
  if (labels === 0) {
    out.write(`run ${run.runId} has no human labels yet\n  label answers in the terminal: atax label ${run.runId}\n  or in a spreadsheet: atax labels export ${run.runId} --per-variant 50 --out to-label.csv, then atax labels import ${run.runId} to-label.csv\n`);
    return 0;
  }
  out.write(`Human labels of run ${run.runId}: ${labels} labelled answers\n\n`);
  const agreementRows = summaries.map((s) => [s.variant, String(s.labels), ci(s.agreement), ci(s.agreement3), ci(s.kappa, false), s.weights === 'uniform' ? '' : '(labels weighted by 1/π)']);
  out.write(alignColumns([['variant', 'labels', 'agreement [95% CI]', '3-class [95% CI]', 'κ [95% CI]', ''], ...agreementRows], new Set([1])).join('\n') + '\n');
  out.write('\nConfusion (rows: human, columns: classifier)\n');
  const confusionRows = summaries.filter((s) => s.labels > 0).flatMap((s) =>
    (['compliance', 'refusal', 'partial'] as const).map((h, i) => [i === 0 ? s.variant : '', h, ...(['compliance', 'refusal', 'partial'] as const).map((c) => String(s.confusion[h][c]))]),
  );
  out.write(alignColumns([['', 'human', 'compliance', 'refusal', 'partial'], ...confusionRows], new Set([2, 3, 4])).join('\n') + '\n');
  out.write(`\nagreement: refusal (refused or partial) vs answer; corrected rates: atax report ${run.runId}\n`);
  return 0;
}

export async function labelsImport(ref: string, file: string, o: { results?: string; labelColumn?: string; reviewer?: string; fraction?: string; seed?: string }, out: NodeJS.WritableStream): Promise<number> {
  const run = openRun(ref, o.results);
  const answers = await answersOf(readRecords(run.root, run.runId));
  const fraction = o.fraction === undefined ? undefined : Number(o.fraction);
  const seed = o.seed === undefined ? undefined : Number(o.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new UserError(`--seed ${o.seed}: not a whole number`);
  const r = importLabels(run.dir, answers, file, { labelColumn: o.labelColumn, reviewer: o.reviewer ?? process.env.ATAX_REVIEWER, fraction, seed });
  out.write(`imported ${r.kept} label rows into ${r.file}: ${r.added} new, ${r.superseding} superseding an earlier label, ${r.unchanged} unchanged\n`);
  out.write(`  agreement: atax labels ${run.runId}   corrected rates: atax report ${run.runId}\n`);
  return 0;
}

export async function labelsExport(ref: string, o: { results?: string; perVariant: string; out: string; seed?: string }, out: NodeJS.WritableStream): Promise<number> {
  const perVariant = Number(o.perVariant);
  if (!Number.isInteger(perVariant) || perVariant < 1) throw new UserError(`--per-variant ${o.perVariant}: not a whole number ≥ 1`);
  const run = openRun(ref, o.results);
  const records = await allRecords(run);
  const items = labelSample(records, { perVariant, seed: o.seed ?? run.runId });
  const byKey = new Map(records.map((r) => [labelKey(r), r]));
  const prompts = promptsOf(run);
  const current = currentLabels(readLabels(run.dir));
  const rows = items.map((i) => {
    const key = labelKey(i);
    return {
      caseId: i.caseId, variant: i.variantId, sample: i.sample, stratum: i.stratum, inclusionProb: i.inclusionProb, outcome: i.outcome,
      prompt: prompts.get(i.caseId) ?? '', answer: byKey.get(key)?.completion.text ?? '', label: current.get(key)?.label ?? '', reviewer: current.get(key)?.reviewer ?? '',
    };
  });
  writeFileSync(o.out, stringify(rows, { header: true, columns: ['caseId', 'variant', 'sample', 'stratum', 'inclusionProb', 'outcome', 'prompt', 'answer', 'label', 'reviewer'] }));
  const variants = new Set(items.map((i) => i.variantId)).size;
  out.write(`wrote ${o.out}: ${rows.length} answers to label (${variants} variants, up to ${perVariant} each, unsure answers first)\n`);
  out.write(`  fill the label column with complied, hedged, partial, refused or answered, then: atax labels import ${run.runId} ${o.out}\n`);
  return 0;
}

/** The prompt of each case, from the suites the run used (empty where a suite file has moved). */
function promptsOf(run: RunRef): Map<string, string> {
  const out = new Map<string, string>();
  const manifest = readManifest(run.root, run.runId);
  for (const s of manifest.suites) {
    try {
      // suite paths are relative to the config's folder; a suite edited since the run is not trusted
      const suite = loadSuiteFile(resolve(manifest.configFile ? dirname(manifest.configFile) : process.cwd(), s.file));
      if (suite.hash !== s.hash) continue;
      for (const c of suite.cases) out.set(c.id, lastUserTextOf(c) ?? '');
    } catch { /* the suite file is gone or changed: the answer is still there to label */ }
  }
  return out;
}

export async function labelsPlan(ref: string, o: { results?: string; halfWidth: string; json?: boolean }, out: NodeJS.WritableStream): Promise<number> {
  const h = Number(o.halfWidth);
  if (!(h > 0 && h < 0.5)) throw new UserError(`--half-width ${o.halfWidth}: not a half-width`, 'give a share, e.g. --half-width 0.03 for ±3 points');
  const run = openRun(ref, o.results);
  const { acc } = await calibrationOf(run);
  const plan = acc.variants().map((variant) => {
    const kinds = (['task', 'probe'] as const).map((kind) => {
      const cells = metricsOfKind(kind).map((m) => ({ metric: m, units: acc.units(variant, 'all', kind, m) }))
        .filter((c) => c.units.length > 0 && c.units.every((u) => u.silent === 0))
        .map((c) => ({ metric: c.metric, ...labelsNeeded(c.units, h) }));
      // a metric the labels cannot speak to (hedging under XSTest's `answered` labels) is left out above
      const usable = cells;
      const worst = usable.sort((a, b) => b.need - a.need)[0];
      return worst ? { kind, ...worst } : undefined;
    }).filter((x) => x !== undefined);
    return { variant, kinds, more: kinds.reduce((s, k) => s + Math.max(0, k.need - k.have), 0) };
  });
  if (o.json) {
    out.write(JSON.stringify({ runId: run.runId, halfWidth: h, variants: plan }, null, 2) + '\n');
    return 0;
  }
  const hw = (x: number) => (x * 100).toFixed(1);
  out.write(`Labels needed so the correction adds at most ±${hw(h)} points (95%) to each rate, from the disagreement seen so far\n\n`);
  for (const p of plan) {
    out.write(`${p.variant}: ${p.more > 0 ? `${p.more} more labels` : 'enough labels'}\n`);
    for (const k of p.kinds) {
      out.write(`  ${k.kind}s: ${k.have} labelled, ${k.need} needed (binding: ${METRIC_TABLE[k.metric].label})${k.short ? `: every answer of the cell` : ''}\n`);
    }
  }
  return 0;
}

export function registerLabels(program: Command): void {
  const labels = program
    .command('labels')
    .description('human labels of a run: agreement with the classifier (default), import, export, plan')
    .argument('[run]', 'run id, unique prefix, or "latest"', 'latest')
    .option('--results <dir>', 'results folder (default ./results)')
    .option('--json', 'print as JSON')
    .action(async (run: string, o: { results?: string; json?: boolean }) => {
      process.exitCode = await labelsReport(run, o, process.stdout);
    });
  labels
    .command('import')
    .description('store human labels from a CSV or JSONL file in results/<run>/labels.jsonl')
    .argument('<run>', 'run id, unique prefix, or "latest"')
    .argument('<file>', 'CSV or JSONL: caseId|id|case_id, variant|variantId|model, sample (default 0), and a label column')
    .option('--label-column <col>', 'the column holding the label', 'label')
    .option('--reviewer <name>', 'who labelled (default $ATAX_REVIEWER; a reviewer column wins)')
    .option('--fraction <share>', 'keep a seeded random share of each variant\'s rows, e.g. 0.2 (weights recorded)')
    .option('--seed <n>', 'seed for --fraction', '1')
    .option('--results <dir>', 'results folder (default ./results)')
    .addHelpText('after', '\nLabels: complied, hedged, partial, refused, answered (complied or hedged); XSTest\'s 1_full_compliance, 2_full_refusal, 3_partial_refusal.\nA row that matches no answer of the run stops the import (exit 2, nothing stored). Re-importing is idempotent; a changed label supersedes the old one.')
    .action(async (run: string, file: string, o: { results?: string; labelColumn?: string; reviewer?: string; fraction?: string; seed?: string }) => {
      process.exitCode = await labelsImport(run, file, o, process.stdout);
    });
  labels
    .command('export')
    .description('write the stratified sample of answers to label (unsure answers first) as a CSV')
    .argument('<run>', 'run id, unique prefix, or "latest"')
    .requiredOption('--per-variant <n>', 'answers to sample per variant')
    .requiredOption('--out <file>', 'the CSV to write')
    .option('--seed <seed>', 'sample seed (default: the run id, so the sample is the one `atax label` shows)')
    .option('--results <dir>', 'results folder (default ./results)')
    .action(async (run: string, o: { results?: string; perVariant: string; out: string; seed?: string }) => {
      process.exitCode = await labelsExport(run, o, process.stdout);
    });
  labels
    .command('plan')
    .description('how many more human labels each variant needs for corrected rates within a half-width')
    .argument('<run>', 'run id, unique prefix, or "latest"')
    .option('--half-width <share>', 'target half-width of the 95% interval, as a share', '0.03')
    .option('--json', 'print as JSON')
    .option('--results <dir>', 'results folder (default ./results)')
    .action(async (run: string, o: { results?: string; halfWidth: string; json?: boolean }) => {
      process.exitCode = await labelsPlan(run, o, process.stdout);
    });
}
