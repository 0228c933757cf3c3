import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { Manifest, RunRecord } from '../core/index.js';
import { UserError } from '../errors.js';
import { executeRun, loadRunConfig, rootFor, DEFAULT_CONFIG_FILE, type RunResult } from '../run/index.js';
import type { LoadedConfig } from '../suite/index.js';
import { readManifest, readRecords, runDir } from '../store/index.js';
import { DEFAULT_BASELINE_TAG, resolveBaseline, setBaseline } from '../report/baselines.js';
import { compareRecords, describeRegression, type RegressionResult } from '../gate/regression.js';
import { confirmationPlan, confirmRegressions, runHealth } from '../gate/nightly.js';
import { describeLevel, nightlyLevel, type NightlyLevel } from '../gate/nightly-budget.js';
import { pts } from '../util/format.js';
import { loadOrBuildReport } from '../report/report-file.js';

/**
 * `atax nightly`: run the config with fresh answers, compare with the stored baseline run, exit 0
 * (no regression), 1 (regression), 2 (bad input) or 3 (the run or a variant failed: provider
 * down, too many errors). The test and its promise are in src/gate/regression.ts and
 * docs/nightly-and-scorecard.md.
 */
export interface NightlyOptions {
  config: string;
  baseline?: string;
  tag: string;
  tolerance: number;
  alpha?: number;
  falseAlarmsPerYear?: number;
  confirm: boolean;
  maxErrorRate: number;
  results?: string;
  promote: boolean;
  /** reuse cached answers (debugging a config only: a changed model behind the same id is invisible to them) */
  cache: boolean;
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

/** Every variant must be healthy to be judged; otherwise exit 3 naming each failed variant. */
function checkHealth(result: RunResult, records: RunRecord[], variants: string[], maxErrorRate: number, what: string): void {
  const health = runHealth(result, records, variants, maxErrorRate);
  if (!health.ok) {
    throw new UserError(`${what} ${result.runId} failed: ${health.reasons.join('; ')}`, `check the providers (keys, base URLs, rate limits); \`atax report ${result.runId}\` lists the errors by variant, domain and kind, with an example each; no comparison was made`, 3);
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

/** The cache line every nightly prints: fresh answers are the point of a nightly. */
function cacheLine(result: RunResult, o: NightlyOptions): string {
  const head = `run ${result.runId}: ${result.done} answers, ${result.errors} errors, ${result.cached} from the cache${result.simulated ? ' [SIMULATED]' : ''}`;
  if (!o.cache) return head;
  return `${head}\nwarning: --cache reuses stored answers: a model changed behind the same provider id is invisible to them. Use it to debug a config, not as a nightly gate.`;
}

interface Comparison { loaded: LoadedConfig; root: string; runId: string; baseRecords: RunRecord[]; current: RunRecord[]; level: NightlyLevel }

/** `--confirm`: re-ask the flagged cells on fresh samples and decide on those samples alone. */
async function confirmFlagged(c: Comparison, flagged: RegressionResult, o: NightlyOptions, out: Out): Promise<{ verdict: RegressionResult; confirmRun: string }> {
  const plan = confirmationPlan(flagged.regressions, c.current);
  const { samples } = readManifest(c.root, c.runId);
  out(`confirming ${flagged.regressions.length} flagged cell(s): re-asking ${plan.cases.length} case(s) × ${plan.variants.length} variant(s) on fresh samples`);
  const again = await runOnce({ loaded: c.loaded, resultsDir: c.root, variants: plan.variants, cases: plan.cases, samples, sampleOffset: samples, tag: `confirm:${c.runId}`, noCache: !o.cache, maxErrorRate: o.maxErrorRate });
  const fresh = await collect(readRecords(c.root, again.runId));
  checkHealth(again, fresh, plan.variants, o.maxErrorRate, 'confirmation run');
  return { verdict: confirmRegressions(c.baseRecords, fresh, flagged.regressions, { alpha: c.level.alpha, tolerance: o.tolerance }), confirmRun: again.runId };
}

/** Prints the outcome, one line per regression, and returns the exit code. */
function summarise(verdict: RegressionResult, ctx: { root: string; runId: string; baseline: { runId: string; tag?: string }; confirmRun?: string; file: string; level: NightlyLevel }, o: NightlyOptions, out: Out): number {
  const against = `baseline ${ctx.baseline.runId}${ctx.baseline.tag ? ` (tag ${ctx.baseline.tag})` : ''}`;
  const how = `${describeLevel(ctx.level)}, tolerance ${o.tolerance} (H0: worse by at most ${pts(o.tolerance).replace('+', '')})${ctx.confirmRun ? `, confirmed on the fresh samples of run ${ctx.confirmRun}` : ''}`;
  if (verdict.regressions.length === 0) {
    out(`no regression: ${verdict.tests.length} tests against ${against}; ${how}`);
    if (o.promote) {
      setBaseline(ctx.root, ctx.runId, o.tag);
      out(`baseline "${o.tag}" promoted (--promote): ${ctx.baseline.runId} → ${ctx.runId}`);
    } else {
      out(`baseline "${o.tag}" unchanged: ${ctx.baseline.runId} (it moves only with --promote or \`atax baseline set\`)`);
    }
    return 0;
  }
  for (const t of verdict.regressions) out(describeRegression(t, o.tolerance));
  out(`${verdict.regressions.length} regression(s) against ${against}; ${how}; details in ${ctx.file}`);
  if (o.promote) out(`baseline "${o.tag}" not promoted: a night with a regression never becomes the baseline`);
  return 1;
}

export async function runNightly(o: NightlyOptions, out: Out): Promise<number> {
  const level = nightlyLevel(o);
  if ('conflict' in level) throw new UserError(level.conflict, 'for example `--false-alarms-per-year 1` (alpha 1/365 a night), or `--alpha 0.01`');
  const loaded = await loadRunConfig({ configFile: o.config });
  const root = rootFor(loaded, o.results);
  const baseline = resolveBaseline(root, o.baseline, o.tag); // a bad --baseline is exit 2 before any request

  const result = await runOnce({ loaded, resultsDir: root, noCache: !o.cache, maxErrorRate: o.maxErrorRate });
  out(cacheLine(result, o));
  const current = await collect(readRecords(root, result.runId));
  checkHealth(result, current, loaded.config.variants.map((v) => v.id), o.maxErrorRate, 'run');
  await loadOrBuildReport(root, result.runId); // report.json for `atax history` and the scorecard
  if (!baseline) {
    setBaseline(root, result.runId, o.tag);
    out(`no baseline "${o.tag}" was set: run ${result.runId} is now the baseline. Nothing to compare tonight.`);
    return 0;
  }

  const baseManifest = readManifest(root, baseline.runId);
  for (const note of suiteChanges(baseManifest, readManifest(root, result.runId))) out(note);
  if (baseManifest.cached) out(`note: ${baseManifest.cached} of the baseline run's answers came from the cache`);
  const c: Comparison = { loaded, root, runId: result.runId, baseRecords: await collect(readRecords(root, baseline.runId)), current, level };
  let verdict = compareRecords(c.baseRecords, c.current, { alpha: level.alpha, tolerance: o.tolerance });
  if (verdict.tests.length === 0) {
    throw new UserError(`nothing to compare: baseline run ${baseline.runId} shares no answered (variant, case) with run ${result.runId}`, 'set a baseline made from this config: atax baseline set RUN');
  }
  const tested = new Set(verdict.tests.map((t) => t.variant));
  for (const v of loaded.config.variants) {
    if (!tested.has(v.id)) out(`note: variant ${v.id} shares no answered case with baseline run ${baseline.runId}: it is not compared tonight (a new baseline that includes it: atax baseline set ${result.runId})`);
  }
  let confirmRun: string | undefined;
  if (o.confirm && verdict.regressions.length > 0) ({ verdict, confirmRun } = await confirmFlagged(c, verdict, o, out));

  const file = join(runDir(root, result.runId), 'regression.json');
  const saved = { runId: result.runId, baseline: baseline.runId, baselineTag: baseline.tag, confirmRun, cached: result.cached, falseAlarmsPerYear: level.falseAlarmsPerYear, ...verdict };
  writeFileSync(file, JSON.stringify(saved, null, 2) + '\n');
  return summarise(verdict, { root, runId: result.runId, baseline, confirmRun, file, level }, o, out);
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
    .option('--false-alarms-per-year <n>', 'false-alarm budget per variant, spent evenly: alpha per night = n / 365 (default 1)', number('--false-alarms-per-year', 0, 365, true))
    .option('--alpha <a>', 'instead of the budget: the level of each variant\'s Holm family per night', number('--alpha', 0, 1, true))
    .option('--confirm', 're-ask flagged cells on fresh samples and fail only if those samples alone show the regression too', false)
    .option('--max-error-rate <share>', 'a variant with more than this share of error answers (or none answered) fails the night (exit 3)', number('--max-error-rate', 0, 1), 0.1)
    .option('--promote', 'when nothing regressed, make this run the new baseline (the baseline never moves otherwise)', false)
    .option('--cache', 'reuse cached answers (debugging only: a nightly asks fresh by default)', false)
    .option('--results <dir>', "results folder (default: the config's `results:`, else ./results)")
    .addHelpText('after', '\nExit codes: 0 no regression, 1 regression, 2 bad input or usage, 3 the run or a variant failed (errors over --max-error-rate, no answered case).')
    .action(async (o: NightlyOptions) => {
      process.exitCode = await runNightly(o, (line) => process.stdout.write(line + '\n'));
    });
}
