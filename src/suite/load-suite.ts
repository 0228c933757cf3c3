/**
 * One suite file: read, parse with positions, validate with the zod schema, resolve each case's
 * domain and suite. Problems come back as a list so a config load can report every file's at once.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SuiteSchema, type Case, type Suite } from '../core/index.js';
import { UserError, UserErrors } from '../errors.js';
import { issuesToErrors } from './issues.js';
import { displayPath, locate, parseYamlSource, type YamlSource } from './yaml-source.js';
import { checkCases } from './cross-checks.js';

/** A loaded suite and where each case's `id` and `pair` were written, for cross-file messages. */
export interface ParsedSuite {
  suite: Suite;
  source: YamlSource;
  /** per case (same order as suite.cases): file:line:col of its `id` and of its `pair` */
  where: Array<{ id: string; pair?: string }>;
}

/** Reads a file, turning a missing or unreadable file into a UserError. */
export function readSource(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(`${displayPath(file)}: ${code === 'ENOENT' ? 'file not found' : `cannot read (${code ?? String(err)})`}`, 'check the path');
  }
}

/** Validates already-read YAML as a suite. */
export function parseSuiteSource(file: string, bytes: Buffer): { parsed?: ParsedSuite; errors: UserError[] } {
  const { source, errors } = parseYamlSource(file, bytes.toString('utf8'));
  if (errors.length) return { errors };
  const result = SuiteSchema.safeParse(source.data);
  if (!result.success) return { errors: issuesToErrors(result.error.issues, source, SuiteSchema) };
  const { cases: rawCases, ...meta } = result.data;
  const cases: Case[] = rawCases.map((c) => ({ ...c, domain: c.domain ?? meta.domain, suiteId: meta.id }));
  const where = cases.map((c, i) => ({
    id: locate(source, ['cases', i, 'id']),
    pair: c.pair === undefined ? undefined : locate(source, ['cases', i, 'pair']),
  }));
  const hash = createHash('sha256').update(bytes).digest('hex');
  return { parsed: { suite: { ...meta, cases, hash, file }, source, where }, errors: [] };
}

/** Loads and validates one suite file on its own (its pairs must name cases in the same file). */
export function loadSuiteFile(file: string): Suite {
  const abs = resolve(file);
  const { parsed, errors } = parseSuiteSource(abs, readSource(abs));
  if (errors.length === 0 && parsed) errors.push(...checkCases([parsed]));
  if (errors.length) throw new UserErrors(errors);
  return parsed!.suite;
}
