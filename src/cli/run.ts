import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createInterface } from 'node:readline/promises';
import type { RunEvent, RunRecord, TaxReport } from '../core/index.js';
import type { RunOptions, RunResult } from '../run/index.js';
import { createProgress, type ProgressView } from './progress.js';
import { UserError } from '../errors.js';
import { parseShard, type Shard } from '../run/plan.js';

// The runner, the store and the config loader are imported when a run starts, not when the CLI
// registers its commands: every other command would otherwise pay for loading them.
const runner = () => import('../run/index.js');
const store = () => import('../store/index.js');

/**
 * `atax run`: answer every case × variant × sample of the config (or the selected part), store the
 * records as they finish, resume what an earlier run left unfinished.
 */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run the config: every case × variant × sample answered once, stored under results/<runId>/')
    .option('-c, --config <file>', 'config file', 'atax.config.yaml')
    .option('--suite <id...>', 'only these suites (ids)')
    .option('--variant <id...>', 'only these variants (ids)')
    .option('--cases <id...>', 'only these cases (ids, or patterns with *)')
    .option('--samples <k>', 'answers per case per variant (overrides the config)', positiveInt)
    .option('--concurrency <n>', 'in-flight requests per provider when a variant sets none', positiveInt)
    .option('--resume <run>', 'continue an unfinished run (a run id, a prefix, or latest)')
    .option('--shard <i/n>', 'run slice i of n of the plan (chosen by hash of case, variant and sample); join the slices with atax merge', shardArg)
    .option('--retry-errors', 'with --resume: ask again every answer that ended as an error (the new record supersedes it)')
    .option('--max-error-rate <share>', 'above this share of error answers in any variant the run ends finished-with-errors, exit 3', shareArg, 0.1)
    .option('--no-cache', 'ask the providers again instead of reusing cached answers')
    .option('--results <dir>', 'results folder (default: the config\'s `results:`, else ./results)')
    .option('--tag <name>', 'a label stored in the manifest (e.g. a model build)')
    .option('--plain', 'plain progress lines instead of the live screen')
    .addHelpText('after', [
      '',
      'Exit codes: 0 finished, 2 bad input, 3 the run failed (a variant over --max-error-rate, a full disk,',
      '  an unwritable results folder), 130 interrupted.',
      'Ctrl-C stops taking work and lets in-flight requests finish; Ctrl-C again quits at once.',
      'Examples:',
      '  atax run',
      '  atax run --variant base guarded --samples 3',
      '  atax run --resume latest',
      '  atax run --resume latest --retry-errors',
      '  atax run --shard 2/3            (then: atax merge RUN1 RUN2 RUN3 --out RUN)',
    ].join('\n'))
    .action(async (o: RunFlags) => {
      process.exitCode = await runFromCli({
        configFile: o.config, suites: o.suite, variants: o.variant, cases: o.cases, samples: o.samples,
        concurrency: o.concurrency, resume: o.resume, shard: o.shard, noCache: o.cache === false, resultsDir: o.results,
        tag: o.tag, plain: o.plain, resumeFlags: resumeFlags(o), retryErrors: o.retryErrors, maxErrorRate: o.maxErrorRate,
      });
    });
}

interface RunFlags {
  config: string; suite?: string[]; variant?: string[]; cases?: string[]; samples?: number; concurrency?: number;
  resume?: string; shard?: Shard; cache: boolean; results?: string; tag?: string; plain?: boolean; retryErrors?: boolean; maxErrorRate: number;
}

function shareArg(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a share between 0 and 1 (0.1 = 10%)');
  return n;
}

function shardArg(value: string): Shard {
  try {
    return parseShard(value);
  } catch (err) {
    throw new InvalidArgumentError(err instanceof Error ? err.message.replace(/^--shard "[^"]*": /, '') : String(err));
  }
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

/** The flags a resume needs besides the run id: the same config and results folder. */
function resumeFlags(o: RunFlags): string {
  const flags: string[] = [];
  if (o.config !== 'atax.config.yaml') flags.push(`--config ${shellQuote(o.config)}`);
  if (o.results) flags.push(`--results ${shellQuote(o.results)}`);
  return flags.join(' ');
}

const shellQuote = (s: string) => (/^[\w./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export interface CliRunOptions extends RunOptions {
  plain?: boolean;
  /** what to print in the resume hint besides the run id (e.g. `--config x.yaml`) */
  resumeFlags?: string;
  /** the demo always starts fresh and never asks */
  neverAsk?: boolean;
}

export interface CliIo {
  out: NodeJS.WriteStream;
  err: NodeJS.WritableStream;
  stdin: NodeJS.ReadStream;
}

const defaultIo = (): CliIo => ({ out: process.stdout, err: process.stderr, stdin: process.stdin });

/**
 * `atax run` and `atax demo` share this: offer to resume an unfinished run of the same plan, run
 * with live progress, handle Ctrl-C, print the outcome. Returns the exit code: 0 ok, 3 the run
 * failed (every request errored), 130 interrupted.
 */
export async function runFromCli(opts: CliRunOptions, io: CliIo = defaultIo()): Promise<number> {
  const { executeRun, loadRunConfig, rootFor, GRACE_MS } = await runner();
  const loaded = await loadRunConfig(opts);
  for (const w of loaded.warnings ?? []) io.err.write(`warning: ${w}\n`);
  const root = rootFor(loaded, opts.resultsDir);
  const resume = opts.resume ?? (opts.neverAsk ? undefined : await offerResume({ ...opts, loaded }, io));
  await printEstimate({ ...opts, loaded }, io.out);
  const ctl = new AbortController();
  const detach = onCtrlC(ctl, io.err, GRACE_MS);
  const view = await progressView(opts, io, root);
  // the report's modules (statistics, tables) load while the first requests are in flight, when
  // this thread would otherwise wait on the network; awaited only once the run is over
  const report = loadAfterRun();
  const live = liveReport(root, report);
  const onEvent = (e: RunEvent) => { live.onEvent(e); view.onEvent(e); };
  let result: RunResult;
  try {
    result = await executeRun({ ...opts, loaded, resume, signal: ctl.signal, onEvent });
  } catch (err) {
    throw withResumeHint(err, opts.resumeFlags);
  } finally {
    await view.stop();
    detach();
  }
  if (result.status === 'interrupted') {
    io.err.write(`interrupted: ${result.done}/${result.total} answers saved in ${result.root}/${result.runId}\n`);
    io.err.write(`resume with: atax run --resume ${result.runId}${opts.resumeFlags ? ' ' + opts.resumeFlags : ''}\n`);
    return 130;
  }
  await summarize(await report, result, io.out, await live.build());
  const { renderRunErrors } = await import('./run-errors.js');
  const errors = renderRunErrors(result, opts.resumeFlags);
  if (errors) (result.status === 'finished-with-errors' ? io.err : io.out).write('\n' + errors);
  return result.status === 'finished-with-errors' || (result.done > 0 && result.errors === result.done) ? 3 : 0;
}

/** `atax plan`'s estimate in one line, before anything is sent (the whole plan, also on a resume). */
async function printEstimate(opts: CliRunOptions & { loaded: NonNullable<CliRunOptions['loaded']> }, out: NodeJS.WritableStream): Promise<void> {
  const [{ buildPlan }, { estimatePlan }, { estimateLine }] = await Promise.all([runner(), import('../cost/estimate.js'), import('../cost/estimate-text.js')]);
  const plan = buildPlan(opts.loaded, { suites: opts.suites, variants: opts.variants, cases: opts.cases, samples: opts.samples, sampleOffset: opts.sampleOffset, shard: opts.shard });
  out.write(`estimate: ${estimateLine(await estimatePlan(plan, opts.loaded.config))}\n`);
}

/** A run the environment stopped (a full disk) names the command that continues it once fixed. */
function withResumeHint(err: unknown, flags?: string): unknown {
  const runId = (err as { runId?: unknown } | null)?.runId;
  if (!(err instanceof UserError) || typeof runId !== 'string') return err;
  const resume = `resume with: atax run --resume ${runId}${flags ? ' ' + flags : ''}`;
  return new UserError(err.message, err.hint ? `${err.hint}\n${resume}` : resume, err.exitCode);
}

/** An unfinished run of the same plan: asked about on a TTY, otherwise noted and a new run started. */
async function offerResume(opts: CliRunOptions, io: CliIo): Promise<string | undefined> {
  const { prepareRun, findUnfinishedRun } = await runner();
  const { countRun } = await store();
  const prep = await prepareRun(opts);
  const unfinished = findUnfinishedRun(prep.root, prep.plan.hash, prep.plan.shard);
  if (!unfinished) return undefined;
  if (!io.stdin.isTTY || !io.out.isTTY) {
    io.err.write(`note: run ${unfinished} of this plan is unfinished; starting a new run (resume it with: atax run --resume ${unfinished}${opts.resumeFlags ? ' ' + opts.resumeFlags : ''})\n`);
    return undefined;
  }
  const { done } = await countRun(prep.root, unfinished);
  const rl = createInterface({ input: io.stdin, output: io.out, terminal: false });
  try {
    const answer = await rl.question(`Run ${unfinished} of this plan stopped at ${done}/${prep.plan.size}. Resume it? [Y/n] `);
    return /^\s*(n|no)\s*$/i.test(answer) ? undefined : unfinished;
  } finally {
    rl.close();
  }
}

/** First Ctrl-C: stop taking work, let in-flight requests finish; second: exit at once. */
function onCtrlC(ctl: AbortController, err: NodeJS.WritableStream, graceMs: number): () => void {
  const handler = () => {
    if (ctl.signal.aborted) {
      err.write('\nstopped at once; records already written are kept\n');
      process.exit(130);
    }
    err.write(`\nstopping: letting in-flight requests finish (up to ${graceMs / 1000}s); Ctrl-C again to quit now\n`);
    ctl.abort(new Error('interrupted by Ctrl-C'));
  };
  process.on('SIGINT', handler);
  return () => process.off('SIGINT', handler);
}

/**
 * The live screen on a TTY without --plain (started once the plan is known, with the run's manifest
 * so it can show the running tax against the baseline), else the plain bar or periodic lines.
 * The TUI is imported only here: it is heavy, and only a terminal run needs it.
 */
async function progressView(opts: CliRunOptions, io: CliIo, root: string): Promise<ProgressView> {
  const tty = Boolean(io.out.isTTY);
  if (!tty || opts.plain) return createProgress({ out: io.out, tty });
  const [{ startLiveScreen }, { readManifest, readRecords }] = await Promise.all([import('../ui/live.js'), store()]);
  let view: ProgressView | undefined;
  return {
    onEvent(e: RunEvent) {
      if (e.type === 'planned' && !view) {
        view = startLiveScreen({
          runId: e.runId, variants: e.variants, total: e.total, stdout: io.out, manifest: readManifest(root, e.runId),
          // on a resume, the running tax starts from the answers an earlier session stored
          earlierRecords: () => readRecords(root, e.runId),
        });
      }
      view?.onEvent(e);
    },
    stop: async () => view?.stop(),
  };
}

type AfterRun = typeof import('./after-run.js');

/** Starts importing after-run.js; a failure surfaces when the report is needed, not before. */
function loadAfterRun(): Promise<AfterRun> {
  const p = import('./after-run.js');
  p.catch(() => {}); // handled where it is awaited
  return p;
}

/** The tax report after a run (the live one, else built from records.jsonl), written to report.json, printed. */
async function summarize({ afterRun }: AfterRun, result: RunResult, out: NodeJS.WriteStream, report: TaxReport | undefined): Promise<void> {
  await afterRun(result.root, result.runId, out, { color: Boolean(out.isTTY) && !process.env.NO_COLOR, report, status: result.status });
}

interface LiveReport {
  onEvent(e: RunEvent): void;
  /** the report of every record seen; undefined for a resumed run (its earlier records are only on disk) */
  build(): Promise<TaxReport | undefined>;
}

/**
 * The end-of-run report fed from the `record` events, so it need not re-read records.jsonl. The
 * statistics load while the first requests are in flight; records arriving before they have loaded
 * wait in a list. A resumed run (answers already stored when it was planned) or a failed import
 * falls back to the file.
 */
function liveReport(root: string, modules: Promise<AfterRun>): LiveReport {
  let acc: { add(r: RunRecord): void; build(): TaxReport } | undefined;
  let waiting: RunRecord[] | undefined;
  let ready: Promise<boolean> = Promise.resolve(false);
  return {
    onEvent(e) {
      if (e.type === 'planned') {
        if (e.alreadyDone > 0) return;
        waiting = [];
        ready = Promise.all([modules, import('../stats/index.js'), store()]).then(([, { TaxAccumulator }, { readManifest }]) => {
          acc = new TaxAccumulator({ manifest: readManifest(root, e.runId) });
          for (const r of waiting ?? []) acc.add(r);
          waiting = undefined;
          return true;
        }, () => { waiting = undefined; return false; });
      } else if (e.type === 'record') {
        if (acc) acc.add(e.record);
        else waiting?.push(e.record);
      }
    },
    build: async () => ((await ready) && acc ? acc.build() : undefined),
  };
}
