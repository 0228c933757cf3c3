/**
 * Turns zod issues into the messages a user can act on: where (file:line:col of the offending
 * node), which key, what was expected, what was found, and for a misspelt key or value the likely
 * intended one.
 */
import type { z } from 'zod';
import { UserError, UserErrors } from '../errors.js';
import { suggest } from './suggest.js';
import { formatPath, locate, parseYamlSource, type PathKey, type YamlSource } from './yaml-source.js';

type Issue = z.core.$ZodIssue;
type AnySchema = z.core.$ZodType;

/** How a found value reads in a message: strings quoted, lists and mappings named. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? value.slice(0, 57) + '...' : value);
  return String(value);
}

const typeNames: Record<string, string> = { string: 'a string', number: 'a number', int: 'an integer', boolean: 'true or false', array: 'a list', object: 'a mapping', record: 'a mapping' };

function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function valueAt(data: unknown, path: readonly PathKey[]): unknown {
  let v: unknown = data;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[p as string] : undefined;
  return v;
}

/** The object schema that governs `path` (following lists, optionals, defaults and unions by the data). */
export function objectKeysAt(schema: AnySchema, path: readonly PathKey[], data: unknown): string[] {
  let s: AnySchema | undefined = schema;
  let v: unknown = data;
  let i = 0;
  for (let guard = 0; s && guard < 100; guard++) {
    const def = s._zod.def as unknown as Record<string, unknown> & { type: string };
    if (['optional', 'default', 'nullable', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) { s = def.innerType as AnySchema; continue; }
    if (def.type === 'pipe') { s = def.in as AnySchema; continue; }
    if (def.type === 'union') {
      const options = def.options as AnySchema[];
      const disc = def.discriminator as string | undefined;
      const tag = disc && v && typeof v === 'object' ? (v as Record<string, unknown>)[disc] : undefined;
      s = options.find((o) => {
        const shape = (o._zod.def as unknown as { shape?: Record<string, AnySchema> }).shape;
        if (!shape) return false;
        if (!disc) return true;
        const lit = shape[disc]?._zod.def as unknown as { values?: unknown[] } | undefined;
        return lit?.values?.includes(tag) ?? false;
      }) ?? options[0];
      continue;
    }
    if (i === path.length) return def.type === 'object' ? Object.keys(def.shape as object) : [];
    const seg = path[i++];
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[seg as string] : undefined;
    if (def.type === 'object') s = (def.shape as Record<string, AnySchema>)[seg as string];
    else if (def.type === 'array') s = def.element as AnySchema;
    else return [];
  }
  return [];
}

function withSuggestion(found: unknown, options: string[]): string {
  if (typeof found !== 'string') return '';
  const guess = suggest(found, options);
  return guess ? ` — did you mean "${guess}"?` : '';
}

/** The "what was expected, what was found" part of one issue (the path and position come separately). */
export function describeIssue(issue: Issue, found: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return found === undefined
        ? `missing, expected ${typeNames[issue.expected] ?? issue.expected}`
        : `expected ${typeNames[issue.expected] ?? issue.expected}, got ${describeValue(found)}`;
    case 'invalid_value': {
      const options = issue.values.map((v) => JSON.stringify(v));
      return `expected ${orList(options)}, got ${describeValue(found)}${withSuggestion(found, issue.values.map(String))}`;
    }
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      if (options) {
        const what = found === undefined ? 'missing' : `got ${describeValue(found)}`;
        return `expected one of ${options.map((o) => JSON.stringify(o)).join(', ')}; ${what}${withSuggestion(found, options.map(String))}`;
      }
      const expected = [...new Set(issue.errors.map((branch) => branch[0]).map((b) => (b?.code === 'invalid_type' ? typeNames[b.expected] ?? b.expected : b?.message)))];
      return `expected ${orList(expected.filter(Boolean) as string[])}, got ${describeValue(found)}`;
    }
    case 'invalid_format':
      return `expected ${issue.message}, got ${describeValue(found)}`;
    case 'too_small':
      if (issue.origin === 'string') return `must not be empty`;
      if (issue.origin === 'array') return `needs at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`;
      return `must be ${issue.inclusive ? '>=' : '>'} ${issue.minimum}, got ${describeValue(found)}`;
    case 'too_big':
      if (issue.origin === 'array' || issue.origin === 'string') return `too long (at most ${issue.maximum})`;
      return `must be ${issue.inclusive ? '<=' : '<'} ${issue.maximum}, got ${describeValue(found)}`;
    default:
      return issue.message;
  }
}

/**
 * One UserError per problem. Unknown keys get one error each, at the key, with the closest known
 * key. A refinement on an object that also has an unknown key is dropped: the unknown key is the
 * cause (`promt:` is why `prompt` is missing).
 */
export function issuesToErrors(issues: readonly Issue[], source: YamlSource, schema: AnySchema): UserError[] {
  const unknownAt = new Set(issues.filter((i) => i.code === 'unrecognized_keys').map((i) => formatPath(i.path as PathKey[])));
  const errors: UserError[] = [];
  for (const issue of issues) {
    const path = issue.path as PathKey[];
    const where = formatPath(path);
    if (issue.code === 'custom' && unknownAt.has(where)) continue;
    if (issue.code === 'unrecognized_keys') {
      const known = objectKeysAt(schema, path, source.data);
      for (const key of issue.keys) {
        const guess = suggest(key, known);
        const at = locate(source, [...path, key], { key: true });
        const message = `${at}: ${where ? where + ': ' : ''}unknown key "${key}"${guess ? ` — did you mean "${guess}"?` : ''}`;
        errors.push(new UserError(message, guess ? undefined : `allowed keys here: ${known.join(', ')}`));
      }
      continue;
    }
    const found = valueAt(source.data, path);
    const at = locate(source, path);
    const missingKey = found === undefined && typeof path[path.length - 1] === 'string' && (issue.code === 'invalid_type' || issue.code === 'invalid_union');
    if (missingKey) {
      const parent = formatPath(path.slice(0, -1));
      errors.push(new UserError(`${at}: ${parent ? parent + ': ' : ''}missing required key "${path[path.length - 1]}" (${describeIssue(issue, found).replace(/^missing, /, '').replace(/; missing$/, '')})`));
      continue;
    }
    errors.push(new UserError(`${at}: ${where ? where + ': ' : ''}${describeIssue(issue, found)}`));
  }
  return errors;
}

/**
 * A small YAML file (a policy, a judge rubric) parsed and checked against its schema, every problem
 * thrown at once as file:line:col UserErrors. `adjust` may rewrite the issues first (e.g. to pick
 * the branch of a union the user meant).
 */
export function parseYamlAs<S extends z.ZodType>(schema: S, file: string, text: string, opts: { empty?: unknown; adjust?: (issues: Issue[]) => Issue[] } = {}): { data: z.infer<S>; source: YamlSource } {
  const { source, errors } = parseYamlSource(file, text);
  if (errors.length) throw errors.length === 1 ? errors[0] : new UserErrors(errors);
  const parsed = schema.safeParse(source.data ?? opts.empty);
  if (!parsed.success) {
    const issues = opts.adjust ? opts.adjust(parsed.error.issues) : parsed.error.issues;
    const problems = issuesToErrors(issues, source, schema);
    throw problems.length === 1 ? problems[0] : new UserErrors(problems);
  }
  return { data: parsed.data, source };
}
