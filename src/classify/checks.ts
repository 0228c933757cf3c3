import { createRequire } from 'node:module';
import type { Ajv as AjvInstance, ValidateFunction } from 'ajv';
import type { Check, CheckResult } from '../core/index.js';
import { splitSentences, type CodeBlock } from './sentences.js';

/**
 * Task checks (`expect` on a case): does the answer contain what a completed task must contain?
 * Everything here is pure and synchronous; `judge` checks are graded later by the LLM judge, so
 * until then they are reported as pending (passed: false, detail says so).
 */
export interface CheckContext {
  text: string;
  hedges: number;
}

export const JUDGE_PENDING = 'graded by the LLM judge (none configured)';

export function runChecks(checks: readonly Check[], ctx: CheckContext): CheckResult[] {
  return checks.map((c) => runCheck(c, ctx));
}

export function runCheck(c: Check, ctx: CheckContext): CheckResult {
  switch (c.type) {
    case 'contains': return containsCheck(c.type, ctx.text, list(c.value), c.mode, true);
    case 'not-contains': return containsCheck(c.type, ctx.text, list(c.value), c.mode, false);
    case 'regex': return regexCheck(ctx.text, c.value, c.flags);
    case 'code-block': return codeBlockCheck(ctx.text, c.language);
    case 'json': return jsonCheck(ctx.text, c.schema);
    case 'min-words': {
      const words = countWords(ctx.text);
      return { type: c.type, passed: words >= c.value, detail: `${words} words (at least ${c.value})` };
    }
    case 'max-hedges': return { type: c.type, passed: ctx.hedges <= c.value, detail: `${ctx.hedges} hedge sentences (at most ${c.value})` };
    case 'judge': return { type: c.type, passed: false, detail: JUDGE_PENDING };
  }
}

const list = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);

/**
 * contains: mode any = at least one value occurs; all = every value occurs.
 * not-contains: mode any = none of the values occurs (the answer must avoid any of them);
 * all = not all of them occur together.
 */
function containsCheck(type: string, text: string, values: string[], mode: 'any' | 'all', want: boolean): CheckResult {
  const lower = text.toLowerCase();
  const found = values.filter((v) => lower.includes(v.toLowerCase()));
  const missing = values.filter((v) => !found.includes(v));
  if (want) {
    const passed = mode === 'all' ? missing.length === 0 : found.length > 0;
    return { type, passed, detail: passed ? `found ${quoteList(found)}` : `missing ${quoteList(mode === 'all' ? missing : values)}` };
  }
  const passed = mode === 'all' ? found.length < values.length : found.length === 0;
  return { type, passed, detail: passed ? (found.length ? `only some of ${quoteList(values)}` : 'none found') : `found ${quoteList(found)}` };
}

function quoteList(values: string[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function regexCheck(text: string, pattern: string, flags?: string): CheckResult {
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags);
  } catch (err) {
    return { type: 'regex', passed: false, detail: `invalid regex /${pattern}/: ${(err as Error).message}` };
  }
  const m = re.exec(text);
  return { type: 'regex', passed: m !== null, detail: m ? `matched ${JSON.stringify(m[0].slice(0, 80))}` : `no match for /${pattern}/${flags ?? ''}` };
}

/** Fenced code blocks (``` or ~~~), with their language tag. */
export function codeBlocksOf(text: string): CodeBlock[] {
  return splitSentences(text).codeBlocks;
}

/** Language tags that name the same language. */
const LANGUAGE_ALIASES: Record<string, string> = { js: 'javascript', ts: 'typescript', py: 'python', sh: 'bash', shell: 'bash', zsh: 'bash', console: 'bash', yml: 'yaml', rb: 'ruby', 'c++': 'cpp', golang: 'go' };
const canonical = (l: string): string => LANGUAGE_ALIASES[l.toLowerCase()] ?? l.toLowerCase();

function codeBlockCheck(text: string, language?: string): CheckResult {
  const blocks = codeBlocksOf(text).filter((b) => b.body.trim() !== '');
  if (blocks.length === 0) return { type: 'code-block', passed: false, detail: 'no fenced code block' };
  if (!language) return { type: 'code-block', passed: true, detail: `${blocks.length} code block(s)` };
  const match = blocks.find((b) => canonical(b.language) === canonical(language));
  return match
    ? { type: 'code-block', passed: true, detail: `a ${language} code block` }
    : { type: 'code-block', passed: false, detail: `no ${language} code block (found: ${blocks.map((b) => b.language || 'untagged').join(', ')})` };
}

// ajv (≈ 100 CommonJS files) is loaded on the first `json` check that has a schema, not at start-up:
// most runs never meet one. createRequire keeps makeVerdict synchronous.
const require = createRequire(import.meta.url);
let ajvInstance: AjvInstance | undefined;
function ajv(): AjvInstance {
  if (!ajvInstance) {
    const { Ajv } = require('ajv') as typeof import('ajv');
    ajvInstance = new Ajv({ allErrors: true, strict: false });
  }
  return ajvInstance;
}
const validators = new WeakMap<object, ValidateFunction>();

/** The answer is JSON, as a whole or in a (json-tagged or untagged) code block; optionally schema-valid. */
function jsonCheck(text: string, schema?: Record<string, unknown>): CheckResult {
  const candidates = [text.trim(), ...codeBlocksOf(text).filter((b) => b.language === '' || b.language === 'json').map((b) => b.body.trim())];
  let value: unknown;
  let parsed = false;
  for (const c of candidates) {
    try { value = JSON.parse(c); parsed = true; break; } catch { /* try the next candidate */ }
  }
  if (!parsed) return { type: 'json', passed: false, detail: 'no parseable JSON (whole answer or a ```json block)' };
  if (!schema) return { type: 'json', passed: true, detail: 'valid JSON' };
  let validate = validators.get(schema);
  if (!validate) {
    try { validate = ajv().compile(schema); } catch (err) { return { type: 'json', passed: false, detail: `invalid JSON Schema: ${(err as Error).message}` }; }
    validators.set(schema, validate);
  }
  if (validate(value)) return { type: 'json', passed: true, detail: 'valid JSON matching the schema' };
  const first = validate.errors?.[0];
  return { type: 'json', passed: false, detail: `JSON does not match the schema: ${first ? `${first.instancePath || '/'} ${first.message}` : 'invalid'}` };
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
}
