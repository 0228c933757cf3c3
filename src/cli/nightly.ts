import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { Manifest, RunRecord } from '../core/index.js';
import { UserError } from '../errors.js';
import { executeRun, loadRunConfig, rootFor, DEFAULT_CONFIG_FILE, type RunResult } from '../run/index.js';
import type { LoadedConfig } from '../suite/index.js';
import { readManifest, readRecords, runDir } from '../store/index.js';
import { DEFAULT_BASELINE_TAG, resolveBaseline, setBaseline } from '../report/baselines.js';
import { compareRecords, describeRegression, type RegressionResult } from '../report/regression.js';
import { confirmationPlan, confirmRegressions, runHealth } from '../report/nightly.js';
import { loadOrBuildReport } from '../report/report-file.js';

/**
 * `atax nightly`: run the config, compare with the stored baseline run, exit 0 (no regression),
 * 1 (regression), 2 (bad input) or 3 (the run itself failed: provider down, too many errors).
 */
export interface NightlyOptions {
  config: string;
  baseline?: string;
  tag: string;
  tolerance: number;
  alpha: number;
  confirm: boolean;
  maxErrorRate: number;
  results?: string;
  promote: boolean;
}

type Out = (line: string) => void;

async function collect(records: AsyncIterable<RunRecord>): Promise<RunRecord[]> {
  const out: RunRecord[] = [];
  for await (const r of records) out.push(r);
  return out;
}

/** A suite edited since the baseline still compares, on the cases both runs share; say so. */
export function suiteChanges(base: Manifest, current: Manifest): string[] {
  return current.suites.flatMap((s) => {
    const b = base.suites.find((x) => x.id === s.id);
    if (!b) return [`note: suite ${s.id} is new since the baseline run: its cases have nothing to compare with`];
    return b.hash === s.hash ? [] : [`note: suite ${s.id} changed since the baseline run (version ${b.version} → ${s.version}): comparing the cases both runs share`];
  });
}

/** The run must be healthy to be judged; otherwise exit 3 with the reason. */
function checkHealth(result: RunResult, maxErrorRate: number, what: string): void {
  const health = runHealth(result, maxErrorRate);
  if (!health.ok) {
    throw new UserError(`${what} ${result.runId} failed: ${health.reason}`, 'check the providers (keys, base URLs, rate limits) and look at the errors with `atax report`; no comparison was made', 3);
  }
}

/** Runs the config; Ctrl-C (or CI cancelling the job) stops taking work and the run exits 3. */
async function runOnce(opts: Parameters<typeof executeRun>[0]): Promise<RunResult> {
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  try {
    return await executeRun({ ...opts, signal: stop.signal });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

interface Comparison { loaded: LoadedConfig; root: string; runId: string; baseRecords: RunRecord[]; current: RunRecord[] }

/** `--confirm`: re-ask the flagged cells on fresh samples and keep what holds on all the evidence. */
async function confirmFlagged(c: Comparison, flagged: RegressionResult, o: NightlyOptions, out: Out): Promise<{ verdict: RegressionResult; confirmRun: string }> {
  const plan = confirmationPlan(flagged.regressions, c.current);
  const { samples } = readManifest(c.root, c.runId);
  out(`confirming ${flagged.regressions.length} flagged cell(s): re-asking ${plan.cases.length} case(s) × ${plan.variants.length} variant(s) on fresh samples`);
  const again = await runOnce({ loaded: c.loaded, resultsDir: c.root, variants: plan.variants, cases: plan.cases, samples, sampleOffset: samples, tag: `confirm:${c.runId}` });
  checkHealth(again, o.maxErrorRate, 'confirmation run');
  const fresh = await collect(readRecords(c.root, again.runId));
  return { verdict: confirmRegressions(c.baseRecords, c.current, fresh, flagged.regressions, { alpha: o.alpha, tolerance: o.tolerance }), confirmRun: again.runId };
}

/** Prints the outcome, one line per regression, and returns the exit code. */
function summarise(verdict: RegressionResult, ctx: { root: string; runId: string; baseline: { runId: string; tag?: string }; confirmRun?: string; file: string }, o: NightlyOptions, out: Out): number {
  const against = `baseline ${ctx.baseline.runId}${ctx.baseline.tag ? ` (tag ${ctx.baseline.tag})` : ''}`;
  if (verdict.regressions.length === 0) {
    out(`no regression: ${verdict.tests.length} paired tests against ${against} (alpha ${o.alpha}, tolerance ${o.tolerance}${ctx.confirmRun ? `, confirmed with run ${ctx.confirmRun}` : ''})`);
    if (o.promote) {
      setBaseline(ctx.root, ctx.runId, o.tag);
      out(`baseline "${o.tag}" → ${ctx.runId}`);
    }
    return 0;
  }
  for (const t of verdict.regressions) out(describeRegression(t));
  out(`${verdict.regressions.length} regression(s) against ${against}${ctx.confirmRun ? `, held on fresh samples (run ${ctx.confirmRun})` : ''}; details in ${ctx.file}`);
  return 1;
}

export async function runNightly(o: NightlyOptions, out: Out): Promise<number> {
  const loaded = await loadRunConfig({ configFile: o.config });
  const root = rootFor(loaded, o.results);
  const baseline = resolveBaseline(root, o.baseline, o.tag); // a bad --baseline is exit 2 before any request

  const result = await runOnce({ loaded, resultsDir: root });
  out(`run ${result.runId}: ${result.done} answers, ${result.errors} errors${result.simulated ? ' [SIMULATED]' : ''}`);
  checkHealth(result, o.maxErrorRate, 'run');
  await loadOrBuildReport(root, result.runId); // report.json for `atax history` and the scorecard
  if (!baseline) {
    setBaseline(root, result.runId, o.tag);
    out(`no baseline "${o.tag}" was set: run ${result.runId} is now the baseline. Nothing to compare tonight.`);
    return 0;
  }

  for (const note of suiteChanges(readManifest(root, baseline.runId), readManifest(root, result.runId))) out(note);
  const c: Comparison = { loaded, root, runId: result.runId, baseRecords: await collect(readRecords(root, baseline.runId)), current: await collect(readRecords(root, result.runId)) };
  let verdict = compareRecords(c.baseRecords, c.current, { alpha: o.alpha, tolerance: o.tolerance });
  if (verdict.tests.length === 0) {
    throw new UserError(`nothing to compare: baseline run ${baseline.runId} shares no answered (variant, case) with run ${result.runId}`, 'set a baseline made from this config: atax baseline set RUN');
  }
  let confirmRun: string | undefined;
  if (o.confirm && verdict.regressions.length > 0) ({ verdict, confirmRun } = await confirmFlagged(c, verdict, o, out));

  const file = join(runDir(root, result.runId), 'regression.json');
  writeFileSync(file, JSON.stringify({ runId: result.runId, baseline: baseline.runId, baselineTag: baseline.tag, confirmRun, ...verdict }, null, 2) + '\n');
  return summarise(verdict, { root, runId: result.runId, baseline, confirmRun, file }, o, out);
}

const number = (name: string, lo: number, hi: number, open = false) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < lo || n > hi || (open && (n === lo || n === hi))) {
    throw new InvalidArgumentError(`${name} must be a number ${open ? 'strictly ' : ''}between ${lo} and ${hi}`);
  }
  return n;
};

export function registerNightly(program: Command): void {
  program
    .command('nightly')
    .description('run the config and fail only when a variant really got worse than the baseline run')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG_FILE)
    .option('--baseline <run|tag>', 'the run to compare with: a stored baseline tag or a run id (default: tag "default")')
    .option('--tag <name>', 'baseline tag to read, and to set when none is stored', DEFAULT_BASELINE_TAG)
    .option('--tolerance <points>', 'practical tolerance, as a share (0.02 = 2 points)', number('--tolerance', 0, 1), 0.02)
    .option('--alpha <a>', 'family-wise error rate (Holm)', number('--alpha', 0, 1, true), 0.05)
    .option('--confirm', 're-ask flagged cells on fresh samples and fail only if the regression holds', false)
    .option('--max-error-rate <share>', 'above this share of error answers the run itself failed (exit 3)', number('--max-error-rate', 0, 1), 0.1)
    .option('--promote', 'when nothing regressed, make this run the new baseline', false)
    .option('--results <dir>', "results folder (default: the config's `results:`, else ./results)")
    .addHelpText('after', '\nExit codes: 0 no regression, 1 regression, 2 bad input or usage, 3 the run itself failed.')
    .action(async (o: NightlyOptions) => {
      process.exitCode = await runNightly(o, (line) => process.stdout.write(line + '\n'));
    });
}
