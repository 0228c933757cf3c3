/**
 * One suite file: read, parse with positions, validate with the zod schema, resolve each case's
 * domain and suite, read its JSONL cases file when it names one. Problems come back as a list so a
 * config load can report every file's at once; warnings (a prompt of a megabyte) do not stop it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { SuiteSchema, type Case, type Suite } from '../core/index.js';
import { UserError, UserErrors } from '../errors.js';
import { issuesToErrors } from './issues.js';
import { displayPath, locate, parseYamlSource, type YamlSource } from './yaml-source.js';
import { checkCases } from './cross-checks.js';
import { readCasesFile } from './cases-file.js';
import { describeBytes, LARGE_PROMPT_CHARS } from './limits.js';

/** A loaded suite and where each case's `id` and `pair` were written, for cross-file messages. */
export interface ParsedSuite {
  suite: Suite;
  source: YamlSource;
  /** per case (same order as suite.cases): file:line:col of its `id` and of its `pair` */
  where: Array<{ id: string; pair?: string }>;
  /** things worth saying that do not stop a run (e.g. a 1 MB prompt), each with its case id */
  warnings: string[];
}

/** Reads a file, turning a missing or unreadable file into a UserError. */
export function readSource(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : `cannot read (${code ?? String(err)})`;
    throw new UserError(`${displayPath(file)}: ${why}`, 'check the path');
  }
}

/** Validates already-read YAML as a suite (and reads the JSONL cases file it names). */
export function parseSuiteSource(file: string, bytes: Buffer): { parsed?: ParsedSuite; errors: UserError[] } {
  const { source, errors } = parseYamlSource(file, bytes);
  if (errors.length) return { errors };
  const result = SuiteSchema.safeParse(source.data);
  if (!result.success) return { errors: issuesToErrors(result.error.issues, source, SuiteSchema) };
  const { cases: inline = [], casesFile, ...meta } = result.data;
  // positions are looked up only when a message needs one (a duplicate id, a pair naming no case)
  const where: ParsedSuite['where'] = inline.map((c, i) => ({
    get id() { return locate(source, ['cases', i, 'id']); },
    get pair() { return c.pair === undefined ? undefined : locate(source, ['cases', i, 'pair']); },
  }));
  const raw = [...inline];
  if (casesFile !== undefined) {
    const fromFile = readCasesFile(resolve(dirname(file), casesFile), locate(source, ['casesFile']));
    if (fromFile.errors.length) return { errors: fromFile.errors };
    raw.push(...fromFile.cases);
    for (const at of fromFile.where) where.push({ id: at, pair: at });
  }
  const cases: Case[] = raw.map((c) => ({ ...c, domain: c.domain ?? meta.domain, suiteId: meta.id }));
  const hash = createHash('sha256').update(bytes).digest('hex');
  const suite: Suite = { ...meta, ...(casesFile !== undefined ? { casesFile } : {}), cases, hash, file };
  return { parsed: { suite, source, where, warnings: largePrompts(cases, where) }, errors: [] };
}

/** A prompt of a megabyte or more is almost always a mistake (a file pasted whole): say which. */
function largePrompts(cases: Case[], where: ParsedSuite['where']): string[] {
  const out: string[] = [];
  cases.forEach((c, i) => {
    const chars = (c.system?.length ?? 0) + (c.prompt?.length ?? 0) + (c.messages ?? []).reduce((s, m) => s + m.content.length, 0);
    if (chars >= LARGE_PROMPT_CHARS) out.push(`${where[i].id}: case "${c.id}": its prompt is ${describeBytes(chars)} (${chars} characters); every variant and sample sends all of it`);
  });
  return out;
}

/** Loads and validates one suite file on its own (its pairs must name cases in the same file). */
export function loadSuiteFile(file: string): Suite {
  const abs = resolve(file);
  const { parsed, errors } = parseSuiteSource(abs, readSource(abs));
  if (errors.length === 0 && parsed) errors.push(...checkCases([parsed]));
  if (errors.length) throw new UserErrors(errors);
  return parsed!.suite;
}
