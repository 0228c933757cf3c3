/**
 * Writes what an importer built: the suite YAML, the replay JSONL and a runnable config when there
 * are recorded answers, then loads it all back with the real loader so a bad import fails here, not
 * at `atax run`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { stringify as csvStringify } from 'csv-stringify/sync';
import { UserError } from '../../errors.js';
import { yamlSchemaHint } from '../json-schema.js';
import { loadConfig } from '../load-config.js';
import { loadSuiteFile } from '../load-suite.js';
import { displayPath } from '../yaml-source.js';
import { slug } from './source-files.js';
import type { Imported, ImportOptions, ImportedSuite, ReplayRow } from './types.js';

export interface ImportWritten {
  suiteFile: string;
  /** the source's human labels, keyed for `atax labels import` */
  labelsFile?: string;
  replayFile?: string;
  configFile?: string;
  counts: { cases: number; tasks: number; probes: number; pairs: number; models: number; completions: number };
  lines: string[];
}

/** Keeps only cases every model answered, and drops pairs that lost their partner. */
export function keepAnswered(suite: ImportedSuite, replay: ReplayRow[]): ImportedSuite {
  const models = new Set(replay.map((r) => r.model));
  const byCase = new Map<string, Set<string>>();
  for (const r of replay) byCase.set(r.id, (byCase.get(r.id) ?? new Set()).add(r.model));
  const kept = suite.cases.filter((c) => byCase.get(c.id)?.size === models.size);
  const ids = new Set(kept.map((c) => c.id));
  const unpair = (c: (typeof kept)[number]) => {
    if (!c.pair || ids.has(c.pair)) return c;
    const { pair: _lost, ...rest } = c;
    return rest;
  };
  return { ...suite, cases: kept.map(unpair) };
}

function variantId(model: string): string {
  return slug(model);
}

function configYaml(suiteName: string, replayName: string, models: string[], baseline: string): object {
  return {
    suites: [suiteName],
    baseline: variantId(baseline),
    variants: models.map((m) => ({ id: variantId(m), label: m, provider: `replay:${replayName}#${m}` })),
  };
}

function withHint(hint: string, body: string): string {
  return `${hint}\n${body}`;
}

/** Two source rows that map to one case id would make an invalid suite: say so in source terms. */
function assertUniqueIds(suite: ImportedSuite): void {
  const seen = new Set<string>();
  for (const c of suite.cases) {
    if (seen.has(c.id)) throw new UserError(`the sources give two cases the id "${c.id}"`, 'import files with different names (the id comes from the name and row), or import them separately with --id');
    seen.add(c.id);
  }
}

/**
 * The source's human labels as a labels file keyed like the run will be (case id, variant id,
 * sample 0), for `atax labels import RUN FILE` once the replay has run. A file, not a run: importing
 * creates no run, and the labels belong to the run that replays these answers.
 */
function writeHumanLabels(imported: Imported, suite: ImportedSuite, dir: string): { file: string; count: number } | undefined {
  const ids = new Set(suite.cases.map((c) => c.id));
  const rows = (imported.labels ?? []).filter((l) => ids.has(l.id));
  if (rows.length === 0) return undefined;
  const file = join(dir, `${suite.id}.labels.csv`);
  writeFileSync(file, csvStringify(rows.map((l) => ({ caseId: l.id, variant: variantId(l.model), sample: 0, label: l.label })), { header: true, columns: ['caseId', 'variant', 'sample', 'label'] }));
  return { file, count: rows.length };
}

/** Above this many cases an imported suite keeps its cases in a JSONL cases file, read line by line. */
export const JSONL_CASES_FROM = 1000;

/** The suite YAML, with its cases inline, or (a big benchmark) in `<id>.cases.jsonl` beside it. */
function writeSuiteFiles(suite: ImportedSuite, suiteFile: string): void {
  if (suite.cases.length < JSONL_CASES_FROM) {
    writeFileSync(suiteFile, withHint(yamlSchemaHint('suite', suiteFile), stringify(suite, { lineWidth: 0 })));
    return;
  }
  const casesFile = `${suite.id}.cases.jsonl`;
  writeFileSync(join(dirname(suiteFile), casesFile), suite.cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  const { cases: _cases, ...meta } = suite;
  writeFileSync(suiteFile, withHint(yamlSchemaHint('suite', suiteFile), stringify({ ...meta, casesFile }, { lineWidth: 0 })));
}

export async function writeImport(imported: Imported, outDir: string, opts: ImportOptions): Promise<ImportWritten> {
  assertUniqueIds(imported.suite);
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const replay = imported.replay ?? [];
  const suite = opts.answeredOnly && replay.length ? keepAnswered(imported.suite, replay) : imported.suite;
  const suiteFile = join(dir, `${suite.id}.yaml`);
  writeSuiteFiles(suite, suiteFile);
  const lines = [...imported.notes];
  const tasks = suite.cases.filter((c) => c.kind === 'task').length;
  const pairs = suite.cases.filter((c) => c.pair && c.kind === 'probe').length;
  lines.push(`wrote ${displayPath(suiteFile)}: ${suite.cases.length} cases (${tasks} tasks, ${suite.cases.length - tasks} probes, ${pairs} pairs)`);
  const written: ImportWritten = { suiteFile, lines, counts: { cases: suite.cases.length, tasks, probes: suite.cases.length - tasks, pairs, models: 0, completions: replay.length } };
  if (replay.length === 0) {
    loadSuiteFile(suiteFile);
    return written;
  }
  const models = [...new Set(replay.map((r) => r.model))];
  const baseline = opts.baseline ?? models[0];
  if (!models.includes(baseline)) throw new UserError(`--baseline ${baseline}: no such model in the completions`, `models: ${models.join(', ')}`);
  const replayFile = join(dir, `${suite.id}.replay.jsonl`);
  writeFileSync(replayFile, replay.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const configFile = join(dir, 'atax.config.yaml');
  const config = configYaml(`${suite.id}.yaml`, `${suite.id}.replay.jsonl`, models, baseline);
  writeFileSync(configFile, withHint(yamlSchemaHint('config', configFile), stringify(config, { lineWidth: 0 })));
  await loadConfig(configFile, { checkKeys: false });
  const ids = new Set(suite.cases.map((c) => c.id));
  const perModel = models.map((m) => replay.filter((r) => r.model === m && ids.has(r.id)).length);
  const unanswered = suite.cases.length - Math.min(...perModel);
  lines.push(`wrote ${displayPath(replayFile)}: ${replay.length} completions from ${models.length} models (${[...new Set(perModel)].join('/')} cases each)`);
  lines.push(`wrote ${displayPath(configFile)}: ${models.length} replay variants, baseline ${variantId(baseline)}`);
  if (unanswered > 0) lines.push(`note: ${unanswered} cases have no recorded answer from some model and will be error records (--answered-only keeps only answered cases)`);
  lines.push(`run it: atax run --config ${displayPath(configFile)}`);
  const labelsFile = writeHumanLabels(imported, suite, dir);
  if (labelsFile) lines.push(`wrote ${displayPath(labelsFile.file)}: ${labelsFile.count} human labels of these answers; after the run: atax labels import latest ${displayPath(labelsFile.file)}`);
  return { ...written, replayFile, configFile, ...(labelsFile ? { labelsFile: labelsFile.file } : {}), counts: { ...written.counts, models: models.length } };
}
