import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { labelsPath, readResultsRoot, resolveRunId, runDir } from '../store/index.js';

export interface LabelOptions { reviewer?: string; perVariant?: string; results?: string }

/** Answers drawn per variant when --per-variant is not given. */
export const DEFAULT_PER_VARIANT = 50;

// the terminal's alternate screen while the app runs, so the shell is left as it was
const ALT_SCREEN_ON = '\u001b[?1049h';
const ALT_SCREEN_OFF = '\u001b[?1049l';

function perVariantOf(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PER_VARIANT;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`--per-variant ${text}: expected a whole number of answers, at least 1`, 'e.g. --per-variant 50');
  return n;
}

/** Who is labelling: --reviewer, else ATAX_REVIEWER, else USER, else the account's name (USER is often unset in containers). */
export function reviewerOf(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env, account: () => string = () => userInfo().username): string | undefined {
  const named = [explicit, env.ATAX_REVIEWER, env.USER].map((x) => x?.trim()).find((x) => x);
  if (named) return named;
  try {
    return account().trim() || undefined;
  } catch {
    return undefined; // no passwd entry for this uid: the labels are stored without a reviewer
  }
}

/** `atax label [RUN]`: grade a stratified sample of the run's answers, one key per label. */
export async function labelCommand(ref: string | undefined, o: LabelOptions): Promise<void> {
  const perVariant = perVariantOf(o.perVariant);
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserError('atax label needs an interactive terminal', 'run it in a terminal; to label in a spreadsheet use `atax labels export RUN --out FILE.csv`, then `atax labels import`');
  }
  const root = readResultsRoot(o.results);
  const runId = resolveRunId(root, ref);
  const reviewer = reviewerOf(o.reviewer);
  await import('../ui/ink-env.js'); // before ink: see ink-env.ts
  const [{ render }, { createElement }, { LabelApp }, { loadLabelData }, { ThemeContext, colorEnabled }] = await Promise.all([
    import('ink'), import('react'), import('../ui/LabelApp.js'), import('../ui/label-data.js'), import('../ui/theme.js'),
  ]);
  const data = await loadLabelData(root, runId, perVariant);
  if (data.sample.length === 0) {
    throw new UserError(`run ${runId} has no answers to label`, 'every answer is an error or has no verdict: re-run or classify it first (`atax run --retry-errors`, `atax classify`)');
  }
  let saved = 0;
  const save = data.save;
  data.save = (lines) => {
    save(lines);
    saved += lines.length;
  };
  const theme = { color: colorEnabled(process.stdout) };
  process.stdout.write(ALT_SCREEN_ON);
  try {
    const app = render(createElement(ThemeContext.Provider, { value: theme }, createElement(LabelApp, { data, reviewer })), { exitOnCtrlC: false });
    await app.waitUntilExit();
  } finally {
    process.stdout.write(ALT_SCREEN_OFF);
  }
  process.stdout.write(`${saved} label line${saved === 1 ? '' : 's'} written to ${labelsPath(runDir(root, runId))}${reviewer ? ` (reviewer ${reviewer})` : ''}\n`);
}

export function registerLabel(program: Command): void {
  program
    .command('label')
    .description('label a stratified sample of a run\'s answers by hand (c/h/p/r/a, s skip, u undo, q quit): human labels correct the classifier\'s rates')
    .argument('[run]', 'run id, unique prefix, or "latest"', 'latest')
    .option('--reviewer <name>', 'who is labelling (default: $ATAX_REVIEWER, else $USER)')
    .option('--per-variant <n>', `answers to draw per variant (default ${DEFAULT_PER_VARIANT})`)
    .option('--results <dir>', 'results folder (default ./results)')
    .action(async (run: string, o: LabelOptions) => {
      await labelCommand(run, o);
    });
}
