import type { Command } from 'commander';
import type { Manifest } from '../core/index.js';
import { alignColumns } from '../util/text-width.js';

// imported when the command runs, so registering `runs` costs the other commands nothing
const store = () => import('../store/index.js');

export interface RunRow {
  id: string;
  status: string;
  created: string;
  variants: string;
  progress: string;
  errors: string;
  simulated: string;
}

/** A run whose manifest says running but whose process is gone was killed: it can be resumed. */
export function displayStatus(m: Manifest, alive: boolean): string {
  if (m.status === 'running' && !alive) return 'killed';
  return m.status;
}

export async function runRows(root: string): Promise<RunRow[]> {
  const { countRun, listRunIds, lockHolder, readManifest } = await store();
  const rows: RunRow[] = [];
  for (const id of listRunIds(root)) {
    let m: Manifest;
    try {
      m = readManifest(root, id);
    } catch {
      rows.push({ id, status: 'unreadable', created: '', variants: '', progress: '', errors: '', simulated: '' });
      continue;
    }
    const counts = await countRun(root, id);
    rows.push({
      id,
      status: displayStatus(m, lockHolder(root, id) !== undefined),
      created: m.createdAt.replace('T', ' ').slice(0, 19),
      variants: m.variants.map((v) => v.id).join(','),
      progress: `${counts.done}/${m.planSize}`,
      errors: String(counts.errors),
      simulated: m.simulated ? 'SIMULATED' : '',
    });
  }
  return rows;
}

/** Left-aligned columns sized to their widest cell, in terminal cells. Pure. */
export function formatTable(header: string[], rows: string[][]): string {
  return alignColumns([header, ...rows]).join('\n');
}

export async function listRuns(root: string, out: NodeJS.WritableStream): Promise<void> {
  const rows = await runRows(root);
  if (rows.length === 0) {
    out.write(`no runs in ${root}; start one with \`atax run\` or \`atax demo\`\n`);
    return;
  }
  const header = ['id', 'status', 'created', 'variants', 'done/planned', 'errors', 'simulated'];
  out.write(formatTable(header, rows.map((r) => [r.id, r.status, r.created, r.variants, r.progress, r.errors, r.simulated])) + '\n');
  if (rows.some((r) => r.status === 'interrupted' || r.status === 'killed')) {
    out.write('resume an unfinished run with: atax run --resume RUN\n');
  }
}

export function registerRuns(program: Command): void {
  program
    .command('runs')
    .description('list the runs in the results folder with status and counts')
    .option('--results <dir>', 'results folder', 'results')
    .action(async (o: { results: string }) => {
      const { readResultsRoot } = await store();
      await listRuns(readResultsRoot(o.results), process.stdout);
    });
}
