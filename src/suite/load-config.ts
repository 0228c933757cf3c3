/**
 * The config file and every suite it names, validated together: every problem in every file is
 * collected and thrown at once (UserErrors), each with file:line:col.
 */
import { dirname, resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import { ConfigSchema, type Case, type Config, type Suite } from '../core/index.js';
import { UserError, UserErrors } from '../errors.js';
import { checkCases, checkVariants } from './cross-checks.js';
import { issuesToErrors } from './issues.js';
import { parseSuiteSource, readSource, type ParsedSuite } from './load-suite.js';
import { displayPath, locate, parseYamlSource, type YamlSource } from './yaml-source.js';

export interface LoadedConfig {
  file: string;
  baseDir: string;
  config: Config;
  suites: Suite[];
  cases: Case[];
  /** what is worth saying but does not stop a run (e.g. a 1 MB prompt, with its case id) */
  warnings: string[];
}

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** false skips the API-key check (importers validating what they wrote, offline tools) */
  checkKeys?: boolean;
}

/** Expands the config's suite globs (relative to the config file); a glob matching nothing is an error. */
function findSuiteFiles(patterns: string[], baseDir: string, source: YamlSource): { files: string[]; errors: UserError[] } {
  const files: string[] = [];
  const errors: UserError[] = [];
  patterns.forEach((pattern, i) => {
    const matches = globSync(pattern, { cwd: baseDir, absolute: true, onlyFiles: true }).sort();
    if (matches.length === 0) {
      errors.push(new UserError(`${locate(source, ['suites', i])}: suites[${i}]: "${pattern}" matches no file (relative to ${displayPath(baseDir) || '.'})`, 'suite globs are relative to the config file'));
    }
    for (const m of matches) if (!files.includes(m)) files.push(m);
  });
  return { files, errors };
}

/** Loads each suite file, collecting every file's problems. */
export function loadSuiteSet(files: string[]): { parsed: ParsedSuite[]; errors: UserError[] } {
  const parsed: ParsedSuite[] = [];
  const errors: UserError[] = [];
  for (const file of files) {
    try {
      const r = parseSuiteSource(file, readSource(file));
      errors.push(...r.errors);
      if (r.parsed) parsed.push(r.parsed);
    } catch (err) {
      if (err instanceof UserError) errors.push(err);
      else throw err;
    }
  }
  errors.push(...checkCases(parsed));
  return { parsed, errors };
}

function suitePatterns(data: unknown): string[] {
  const suites = (data as { suites?: unknown } | null)?.suites;
  return Array.isArray(suites) ? suites.filter((s): s is string => typeof s === 'string') : [];
}

export async function loadConfig(file: string, opts: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const abs = resolve(file);
  const bytes = readSource(abs);
  const baseDir = dirname(abs);
  const { source, errors } = parseYamlSource(abs, bytes);
  if (errors.length) throw new UserErrors(errors);
  const result = ConfigSchema.safeParse(source.data);
  if (!result.success) errors.push(...issuesToErrors(result.error.issues, source, ConfigSchema));
  // imported here, not at the top: validating a suite file alone should not load every backend
  else errors.push(...checkVariants(result.data, source, await import('../../providers/index.js'), { env: opts.env ?? process.env, checkKeys: opts.checkKeys ?? true }));
  // suites are checked even when the config itself has problems, so one pass shows everything
  const found = findSuiteFiles(suitePatterns(source.data), baseDir, source);
  const loaded = loadSuiteSet(found.files);
  errors.push(...found.errors, ...loaded.errors);
  if (errors.length || !result.success) throw new UserErrors(errors);
  const config: Config = { ...result.data, results: result.data.results === undefined ? undefined : resolve(baseDir, result.data.results) };
  const suites = loaded.parsed.map((p) => p.suite);
  return { file: abs, baseDir, config, suites, cases: suites.flatMap((s) => s.cases), warnings: loaded.parsed.flatMap((p) => p.warnings) };
}
