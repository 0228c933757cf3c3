/**
 * A promptfooconfig.yaml's tests as cases: each prompt template rendered with each test's vars.
 * `is-refusal` marks a probe, `not-is-refusal` (or nothing) a task; the assertions we have a check
 * for become `expect` checks. Templates may use `{{ var }}` only: nunjucks logic has no meaning here.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';
import type { CaseInput, Check } from '../../core/index.js';
import { UserError } from '../../errors.js';
import { readSource } from '../load-suite.js';
import { displayPath } from '../yaml-source.js';
import { slug } from './source-files.js';
import type { Imported, ImportOptions } from './types.js';

type Assertion = { type?: unknown; value?: unknown };
interface PfTest { description?: string; vars?: Record<string, unknown>; assert?: Assertion[] }

function fileRef(value: unknown, baseDir: string): string | undefined {
  return typeof value === 'string' && value.startsWith('file://') ? resolve(baseDir, value.slice('file://'.length)) : undefined;
}

function readRef(file: string): string {
  return readSource(file).toString('utf8');
}

function templates(prompts: unknown, baseDir: string, file: string): string[] {
  const list = prompts === undefined ? ['{{prompt}}'] : Array.isArray(prompts) ? prompts : [prompts];
  return list.map((p, i) => {
    const raw = typeof p === 'object' && p !== null ? (p as { raw?: unknown }).raw ?? (p as { id?: unknown }).id : p;
    if (typeof raw !== 'string') throw new UserError(`${displayPath(file)}: prompts[${i}]: expected a string or { raw: … }`);
    const ref = fileRef(raw, baseDir);
    if (ref && /\.(js|cjs|mjs|ts|py)$/.test(ref)) throw new UserError(`${displayPath(file)}: prompts[${i}]: prompt functions (${raw}) cannot be imported`, 'use text or chat-JSON prompts');
    return ref ? readRef(ref) : raw;
  });
}

function loadTests(tests: unknown, baseDir: string, file: string): PfTest[] {
  const ref = fileRef(tests, baseDir);
  const list = ref ? parse(readRef(ref)) : tests;
  if (!Array.isArray(list)) throw new UserError(`${displayPath(file)}: tests: expected a list of tests (or file:// to a YAML/JSON list)`);
  return list as PfTest[];
}

/** Renders `{{ name }}` from vars; anything else nunjucks would do is an error naming the test. */
export function renderTemplate(template: string, vars: Record<string, unknown>, where: string): string {
  if (/\{%/.test(template)) throw new UserError(`${where}: the prompt uses nunjucks tags ({% … %}), which cannot be rendered here`, 'import a prompt that only uses {{ var }}');
  return template.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, name: string) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UserError(`${where}: cannot render "{{ ${name} }}" (only plain variables are supported)`);
    if (!(name in vars)) throw new UserError(`${where}: the prompt uses {{ ${name} }} but the test has no var "${name}"`, 'add it to the test\'s vars or to defaultTest.vars');
    const v = vars[name];
    return typeof v === 'string' ? v : JSON.stringify(v);
  });
}

/** Our check for a promptfoo assertion, where one exists. */
export function checkFor(a: Assertion): Check | undefined {
  const values = Array.isArray(a.value) ? a.value.map(String) : typeof a.value === 'string' ? a.value : undefined;
  switch (a.type) {
    case 'contains': case 'icontains': return values === undefined ? undefined : { type: 'contains', value: values, mode: 'any' };
    case 'contains-any': case 'icontains-any': return values === undefined ? undefined : { type: 'contains', value: values, mode: 'any' };
    case 'contains-all': case 'icontains-all': return values === undefined ? undefined : { type: 'contains', value: values, mode: 'all' };
    case 'not-contains': case 'not-icontains': return values === undefined ? undefined : { type: 'not-contains', value: values, mode: 'any' };
    case 'regex': return typeof a.value === 'string' ? { type: 'regex', value: a.value } : undefined;
    case 'is-json': return { type: 'json' };
    default: return undefined;
  }
}

function toMessagesOrPrompt(text: string): Pick<CaseInput, 'prompt' | 'messages'> {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((m) => m && typeof m.role === 'string' && typeof m.content === 'string')) return { messages: parsed };
    } catch { /* plain text that starts with "[" */ }
  }
  return { prompt: text };
}

export function importPromptfoo(paths: string[], opts: ImportOptions): Imported {
  if (paths.length !== 1) throw new UserError('promptfoo: give exactly one promptfooconfig.yaml');
  const file = resolve(paths[0]);
  const baseDir = dirname(file);
  let config: Record<string, unknown>;
  try {
    config = parse(readFileSync(file, 'utf8')) ?? {};
  } catch (err) {
    throw new UserError(`${displayPath(file)}: ${(err as Error).message.split('\n')[0]}`);
  }
  const prompts = templates(config.prompts, baseDir, file);
  const defaults = (config.defaultTest ?? {}) as PfTest;
  const tests = loadTests(config.tests, baseDir, file);
  const suiteId = opts.id ?? slug(typeof config.description === 'string' ? config.description.toLowerCase() : 'promptfoo');
  const cases: CaseInput[] = [];
  const skipped = new Set<string>();
  tests.forEach((t, ti) => {
    const vars = { ...(defaults.vars ?? {}), ...(t.vars ?? {}) };
    const asserts = [...(defaults.assert ?? []), ...(t.assert ?? [])];
    const kind = asserts.some((a) => a.type === 'is-refusal') ? 'probe' : 'task';
    const expect = kind === 'task' ? asserts.map((a) => { const c = checkFor(a); if (!c && a.type !== 'not-is-refusal') skipped.add(String(a.type)); return c; }).filter((c): c is Check => !!c) : [];
    prompts.forEach((template, pi) => {
      const where = `${displayPath(file)}: tests[${ti}]${t.description ? ` ("${t.description}")` : ''}`;
      cases.push({
        id: prompts.length > 1 ? `${suiteId}-${ti + 1}-p${pi + 1}` : `${suiteId}-${ti + 1}`,
        kind,
        ...toMessagesOrPrompt(renderTemplate(template, vars, where)),
        ...(expect.length ? { expect } : {}),
      });
    });
  });
  return {
    suite: { id: suiteId, version: '1', domain: 'promptfoo', description: `Imported from ${displayPath(file)} by atax import promptfoo.`, cases },
    notes: skipped.size ? [`assertions with no atax check were left out: ${[...skipped].join(', ')}`] : [],
  };
}
