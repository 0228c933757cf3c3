import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Manifest } from '../core/index.js';
import { UserError } from '../errors.js';
import { readManifest, readRecords, resolveRunId, readResultsRoot, runDir } from '../store/index.js';
import { loadSuiteFile } from '../suite/index.js';
import { evaluatePolicy } from '../gate/gates.js';
import { loadPolicy } from '../gate/policy.js';
import { loadOrBuildReport } from '../report/report-file.js';
import { buildScorecard, type Scorecard } from '../report/scorecard.js';
import { tellingExamples } from '../report/examples.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderHtml } from '../report/html.js';
import { renderJson } from '../report/json.js';
import { renderCsv } from '../report/csv.js';
import { renderJunit } from '../report/junit.js';
import { outputFolder } from './out-path.js';
import { toolVersion } from '../util/version.js';
import { userTextOf } from '../case-text.js';

/** `atax scorecard RUN --format md,html,json,csv,junit [--out DIR] [--policy FILE]` */
export const SCORECARD_FORMATS = {
  md: { file: 'scorecard.md', render: renderMarkdown },
  html: { file: 'scorecard.html', render: renderHtml },
  json: { file: 'scorecard.json', render: renderJson },
  csv: { file: 'scorecard.csv', render: renderCsv },
  junit: { file: 'scorecard.junit.xml', render: renderJunit },
} as const;
export type ScorecardFormat = keyof typeof SCORECARD_FORMATS;

export function parseFormats(list: string): ScorecardFormat[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const known = Object.keys(SCORECARD_FORMATS);
  for (const n of names) {
    if (!known.includes(n)) throw new UserError(`unknown scorecard format "${n}"`, `use a comma-separated list of: ${known.join(', ')}`);
  }
  if (names.length === 0) throw new UserError('--format needs at least one format', `choose from: ${known.join(', ')}`);
  return [...new Set(names)] as ScorecardFormat[];
}

/** Prompts of the run's cases, for the examples; a suite file that moved since only loses its prompts. */
export function casePrompts(manifest: Manifest): Map<string, string> {
  const prompts = new Map<string, string>();
  const base = manifest.configFile ? dirname(manifest.configFile) : process.cwd();
  for (const s of manifest.suites) {
    try {
      for (const c of loadSuiteFile(resolve(base, s.file)).cases) {
        const text = userTextOf(c);
        if (text) prompts.set(c.id, text);
      }
    } catch { /* prompts are a courtesy; answers and ids still show */ }
  }
  return prompts;
}

export async function makeScorecard(root: string, runId: string, opts: { policy?: string; examples?: number; now?: Date }): Promise<Scorecard> {
  const policy = loadPolicy(opts.policy); // first: a bad policy file is bad input before any work
  const report = await loadOrBuildReport(root, runId);
  const verdict = evaluatePolicy(report, policy);
  const manifest = readManifest(root, runId);
  const examples = await tellingExamples(readRecords(root, runId), {
    baseline: report.baseline, variants: report.variants.map((v) => v.id), limit: opts.examples ?? 6, prompts: casePrompts(manifest),
  });
  return buildScorecard({ report, verdict, examples, toolVersion: toolVersion(), now: opts.now });
}

/** Renders and writes each format; returns the files written. */
export function writeScorecard(card: Scorecard, formats: ScorecardFormat[], outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  return formats.map((f) => {
    const file = join(outDir, SCORECARD_FORMATS[f].file);
    writeFileSync(file, SCORECARD_FORMATS[f].render(card));
    return file;
  });
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UserError(`--examples must be a whole number ≥ 0, got "${value}"`);
  return n;
}

export function registerScorecard(program: Command): void {
  program
    .command('scorecard')
    .description('write the tax scorecard of a run (md, html, json, csv, junit) and judge it against a policy; exit 1 when a gate fails')
    .argument('[run]', 'run id, unique prefix or "latest"', 'latest')
    .option('--format <list>', 'comma-separated formats: md,html,json,csv,junit', 'md,html,json,csv,junit')
    .option('--out <dir>', 'where to write the files (default: <results>/<run>/scorecard)')
    .option('--policy <file>', 'policy YAML with the gates (default: the built-in policy)')
    .option('--examples <n>', 'how many telling examples to show', parseCount, 6)
    .option('--results <dir>', 'results folder (default ./results)')
    .action(async (runRef: string, o: { format: string; out?: string; policy?: string; examples: number; results?: string }) => {
      const formats = parseFormats(o.format);
      const root = readResultsRoot(o.results);
      const runId = resolveRunId(root, runRef);
      const outDir = o.out ? outputFolder(o.out) : join(runDir(root, runId), 'scorecard'); // a bad --out fails before any work
      const card = await makeScorecard(root, runId, { policy: o.policy, examples: o.examples });
      const files = writeScorecard(card, formats, outDir);
      process.stdout.write(`${card.headline}\n${files.map((f) => `  wrote ${f}`).join('\n')}\n`);
      if (!card.verdict.pass) process.exitCode = 1;
    });
}
