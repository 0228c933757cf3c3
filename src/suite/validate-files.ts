/**
 * What `atax validate` checks: any mix of config files and suite files, told apart by content. Every
 * problem in every file is collected; nothing is sent to any provider.
 */
import { resolve } from 'node:path';
import type { Suite } from '../core/index.js';
import { UserError, UserErrors } from '../errors.js';
import { loadConfig, loadSuiteSet } from './load-config.js';
import { readSource } from './load-suite.js';
import { parseYamlSource } from './yaml-source.js';

export type YamlKind = 'config' | 'suite' | 'unknown';

/** A config names variants, a baseline or suite globs; a suite has cases (or a cases file). */
export function yamlKind(data: unknown): YamlKind {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'unknown';
  const keys = Object.keys(data);
  if (keys.includes('cases') || keys.includes('casesFile')) return 'suite';
  if (['variants', 'baseline', 'suites', 'variant'].some((k) => keys.includes(k))) return 'config';
  return 'unknown';
}

export interface ValidationSummary {
  suites: Suite[];
  variants: number;
  configs: number;
  errors: UserError[];
  /** worth saying, not a problem (a 1 MB prompt, with its case id) */
  warnings: string[];
}

function flatten(err: unknown): UserError[] {
  if (err instanceof UserErrors) return err.errors;
  if (err instanceof UserError) return [err];
  throw err;
}

/** Validates each file; suite files given directly are checked together as one loaded set. */
export async function validateFiles(files: string[], opts: { env?: NodeJS.ProcessEnv; checkKeys?: boolean } = {}): Promise<ValidationSummary> {
  const summary: ValidationSummary = { suites: [], variants: 0, configs: 0, errors: [], warnings: [] };
  const looseSuites: string[] = [];
  const seenSuite = new Set<string>();
  const addSuites = (suites: Suite[]) => suites.forEach((s) => { if (!seenSuite.has(s.file)) { seenSuite.add(s.file); summary.suites.push(s); } });
  for (const file of files.map((f) => resolve(f))) {
    let kind: YamlKind;
    try {
      const { source, errors } = parseYamlSource(file, readSource(file));
      if (errors.length) { summary.errors.push(...errors); continue; }
      kind = yamlKind(source.data);
      if (kind === 'unknown') {
        summary.errors.push(new UserError(`${source.display}:1:1: neither a suite nor a config`, 'a suite has `cases:`; a config has `suites:`, `baseline:` and `variants:`'));
        continue;
      }
    } catch (err) {
      summary.errors.push(...flatten(err));
      continue;
    }
    if (kind === 'suite') { looseSuites.push(file); continue; }
    try {
      const loaded = await loadConfig(file, opts);
      summary.configs++;
      summary.variants += loaded.config.variants.length;
      addSuites(loaded.suites);
      summary.warnings.push(...loaded.warnings);
    } catch (err) {
      summary.errors.push(...flatten(err));
    }
  }
  const loose = loadSuiteSet(looseSuites);
  summary.errors.push(...loose.errors);
  if (loose.errors.length === 0) addSuites(loose.parsed.map((p) => p.suite));
  summary.warnings.push(...loose.parsed.flatMap((p) => p.warnings));
  return summary;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `ok: 2 suites, 5 cases (3 tasks, 2 probes), 2 variants` (variants only when a config was given). */
export function summaryLine(s: ValidationSummary): string {
  const cases = s.suites.flatMap((x) => x.cases);
  const tasks = cases.filter((c) => c.kind === 'task').length;
  const variants = s.configs > 0 ? `, ${plural(s.variants, 'variant')}` : '';
  return `ok: ${plural(s.suites.length, 'suite')}, ${plural(cases.length, 'case')} (${plural(tasks, 'task')}, ${plural(cases.length - tasks, 'probe')})${variants}`;
}
