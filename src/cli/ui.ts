import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { resolveRunId, readResultsRoot } from '../store/index.js';

export interface UiOptions { vs?: string; results?: string }

// Switch to the terminal's alternate screen while the app runs, so the shell is left as it was.
const ALT_SCREEN_ON = '\u001b[?1049h';
const ALT_SCREEN_OFF = '\u001b[?1049l';

/** `atax ui [RUN] [--vs RUN]`: the interactive explorer over a finished run (or two). */
export async function uiCommand(ref: string | undefined, o: UiOptions): Promise<void> {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserError('atax ui needs an interactive terminal', 'run it in a terminal; for a printable table use `atax report`');
  }
  const root = readResultsRoot(o.results);
  const runId = resolveRunId(root, ref);
  const vsRunId = o.vs === undefined ? undefined : resolveRunId(root, o.vs);
  if (vsRunId === runId) throw new UserError(`--vs ${o.vs}: that is the run being shown`, 'name another run to compare with (see `atax runs`)');
  // Ink and React load only when the command runs, so other commands start fast
  await import('../ui/ink-env.js'); // before ink: see ink-env.ts
  const [{ render }, { createElement }, { App }, { createRunData }, { ThemeContext, colorEnabled }] = await Promise.all([
    import('ink'), import('react'), import('../ui/App.js'), import('../ui/data.js'), import('../ui/theme.js'),
  ]);
  const data = createRunData(root, runId, vsRunId);
  const theme = { color: colorEnabled(process.stdout) };
  process.stdout.write(ALT_SCREEN_ON);
  try {
    const app = render(createElement(ThemeContext.Provider, { value: theme }, createElement(App, { data })), { exitOnCtrlC: true });
    await app.waitUntilExit();
  } finally {
    process.stdout.write(ALT_SCREEN_OFF);
  }
}

export function registerUi(program: Command): void {
  program
    .command('ui')
    .alias('compare')
    .description('explore a run interactively: matrix of domains × variants, the cases behind a cell, each answer')
    .argument('[run]', 'run id, unique prefix, or "latest"', 'latest')
    .option('--vs <run>', 'show the change since another run instead of the difference to the baseline')
    .option('--results <dir>', 'results folder (default ./results)')
    .action(async (run: string, o: UiOptions) => {
      await uiCommand(run, o);
    });
}
