import type { Command } from 'commander';

type Register = (program: Command) => void;

/**
 * Every command, one line each: a new command is one file in src/cli and one line here.
 * Loaded lazily: a command's module pulls in what it needs (the stats layer, Ink, the runner), and
 * `atax validate` should not pay for the TUI. Only `atax --help` (or an unknown word) loads them all.
 */
const loaders: Record<string, () => Promise<Register>> = {
  run: async () => (await import('./run.js')).registerRun,
  plan: async () => (await import('./plan.js')).registerPlan,
  demo: async () => (await import('./demo.js')).registerDemo,
  validate: async () => (await import('./validate.js')).registerValidate,
  runs: async () => (await import('./runs.js')).registerRuns,
  classify: async () => (await import('./classify.js')).registerClassify,
  report: async () => (await import('./report.js')).registerReport,
  import: async () => (await import('./import.js')).registerImport,
  export: async () => (await import('./export.js')).registerExport,
  ui: async () => (await import('./ui.js')).registerUi,
  label: async () => (await import('./label.js')).registerLabel,
  nightly: async () => (await import('./nightly.js')).registerNightly,
  baseline: async () => (await import('./baseline.js')).registerBaseline,
  history: async () => (await import('./history.js')).registerHistory,
  scorecard: async () => (await import('./scorecard.js')).registerScorecard,
  merge: async () => (await import('./merge.js')).registerMerge,
  schema: async () => (await import('./schema.js')).registerSchema,
  labels: async () => (await import('./labels.js')).registerLabels,
};

const aliases: Record<string, string> = { compare: 'ui' };

/** The command word of argv (the first argument that is not an option), if any. */
function commandWord(argv: string[]): string | undefined {
  return argv.slice(2).find((a) => !a.startsWith('-'));
}

export async function registerCommands(program: Command, argv: string[] = process.argv): Promise<void> {
  const word = commandWord(argv);
  const name = word ? aliases[word] ?? word : undefined;
  const only = name ? loaders[name] : undefined;
  const chosen = only ? [only] : Object.values(loaders);
  for (const load of chosen) (await load())(program);
}

export const commandNames = (): string[] => Object.keys(loaders);
