/**
 * Policy gates written as expressions over the metrics table's names, e.g.
 * `completionDrop.hi <= 0.05 and safety.lo >= 0.95`, judged per variant × domain.
 *
 * Parsed by mathjs's expression parser, loaded only when a policy has an expression, and checked
 * before anything is evaluated: only comparisons, `and`/`or`/`not`, arithmetic, numbers, the
 * functions abs/min/max, and `name.field` reads of the names below are allowed (no assignment,
 * no function definitions, no matrices, no other mathjs function), so a policy file cannot run
 * anything but arithmetic on the report's figures.
 */
import { createRequire } from 'node:module';
import type { MathNode } from 'mathjs';
import { CHANGE_GATES, METRIC_IDS, METRIC_TABLE, findRow, findTax, isRateMetric, type MetricId, type TaxReport } from '../core/index.js';

type MathJs = typeof import('mathjs');
let mathjsModule: MathJs | undefined;
/** mathjs, required on first use: a policy without an expression never loads it. */
const mathjs = (): MathJs => (mathjsModule ??= createRequire(import.meta.url)('mathjs') as MathJs);

/** Fields of a level name (a metric's own figure) and of a change name (its change vs the baseline, positive = worse). */
export const LEVEL_FIELDS = ['value', 'lo', 'hi'] as const;
export const CHANGE_FIELDS = ['value', 'lo', 'hi', 'p', 'pAdj'] as const;
export const EXPRESSION_FUNCTIONS = ['abs', 'min', 'max'] as const;
const CHANGE_NAMES = Object.keys(CHANGE_GATES);
/** Every name an expression may read, each with its fields. */
export function expressionNames(): Record<string, readonly string[]> {
  return {
    ...Object.fromEntries(METRIC_IDS.map((id) => [id, LEVEL_FIELDS])),
    ...Object.fromEntries(CHANGE_NAMES.map((n) => [n, CHANGE_FIELDS])),
  };
}
export const namesHint = (): string =>
  `names: ${METRIC_IDS.join(', ')} (fields ${LEVEL_FIELDS.join(', ')}); ${CHANGE_NAMES.join(', ')} (change vs the baseline, positive = worse; fields ${CHANGE_FIELDS.join(', ')}); functions ${EXPRESSION_FUNCTIONS.join(', ')}; operators and, or, not, < <= > >= == !=, + - * /`;

const COMPARE = new Set(['smaller', 'smallerEq', 'larger', 'largerEq', 'equal', 'unequal']);
const LOGIC = new Set(['and', 'or', 'not']);
const ARITH = new Set(['add', 'subtract', 'multiply', 'divide', 'unaryMinus', 'unaryPlus']);

export interface ExpressionGate {
  text: string;
  /** the names it reads, each with the fields read */
  reads: Array<{ name: string; field: string }>;
  evaluate: (scope: Record<string, Record<string, number | null>>) => unknown;
}

/** A problem with an expression: what, and where in the text (0-based), when known. */
export class ExpressionError extends Error {
  constructor(message: string, readonly char: number | undefined) { super(message); }
}

const at = (text: string, word: string): number | undefined => {
  const m = new RegExp(`(^|[^A-Za-z0-9_.])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9_])`).exec(text);
  return m ? m.index + m[1].length : undefined;
};

/** Parses and checks one expression; throws ExpressionError. */
export function compileExpression(text: string): ExpressionGate {
  const names = expressionNames();
  let root: MathNode;
  try {
    root = mathjs().parse(text);
  } catch (err) {
    const e = err as Error & { char?: number };
    throw new ExpressionError(e.message.replace(/\s*\(char \d+\)$/, ''), typeof e.char === 'number' ? Math.max(0, e.char - 1) : undefined);
  }
  const reads: ExpressionGate['reads'] = [];
  const check = (node: MathNode): void => {
    const n = node as MathNode & { op?: string; fn?: unknown; name?: string; object?: MathNode; index?: MathNode & { dimensions?: MathNode[] }; value?: unknown };
    switch (node.type) {
      case 'ConstantNode':
        if (typeof n.value !== 'number' && typeof n.value !== 'boolean') throw new ExpressionError(`only numbers are allowed as constants, not ${JSON.stringify(n.value)}`, at(text, String(n.value)));
        return;
      case 'ParenthesisNode':
        return node.forEach((c) => check(c));
      case 'OperatorNode': {
        const fn = String(n.fn);
        if (!COMPARE.has(fn) && !LOGIC.has(fn) && !ARITH.has(fn)) throw new ExpressionError(`operator "${n.op}" is not allowed in a gate`, at(text, n.op ?? ''));
        return node.forEach((c) => check(c));
      }
      case 'FunctionNode': {
        const fnName = (n.fn as { name?: string }).name ?? '';
        if (!(EXPRESSION_FUNCTIONS as readonly string[]).includes(fnName)) throw new ExpressionError(`function "${fnName}" is not allowed in a gate (allowed: ${EXPRESSION_FUNCTIONS.join(', ')})`, at(text, fnName));
        return (node as MathNode & { args: MathNode[] }).args.forEach((c) => check(c));
      }
      case 'AccessorNode': {
        const obj = n.object!;
        const dims = n.index?.dimensions ?? [];
        const field = dims.length === 1 && dims[0].type === 'ConstantNode' ? (dims[0] as MathNode & { value: unknown }).value : undefined;
        const name = obj.type === 'SymbolNode' ? (obj as MathNode & { name: string }).name : undefined;
        if (name === undefined || typeof field !== 'string') throw new ExpressionError('only reads like `safety.lo` are allowed', undefined);
        if (!Object.hasOwn(names, name)) throw new ExpressionError(`unknown name "${name}"`, at(text, name));
        if (!names[name].includes(field)) throw new ExpressionError(`"${name}" has no field "${field}" (fields: ${names[name].join(', ')})`, at(text, `${name}.${field}`));
        reads.push({ name, field });
        return;
      }
      case 'SymbolNode': {
        const name = n.name!;
        if (Object.hasOwn(names, name)) throw new ExpressionError(`"${name}" needs a field: ${names[name].map((f) => `${name}.${f}`).join(', ')}`, at(text, name));
        throw new ExpressionError(`unknown name "${name}"`, at(text, name));
      }
      default:
        throw new ExpressionError(`"${node.toString()}" is not allowed in a gate (${node.type})`, at(text, node.toString()));
    }
  };
  check(root);
  let top = root;
  while (top.type === 'ParenthesisNode') top = (top as MathNode & { content: MathNode }).content;
  const topFn = top.type === 'OperatorNode' ? String((top as MathNode & { fn: unknown }).fn) : '';
  if (!COMPARE.has(topFn) && !LOGIC.has(topFn)) throw new ExpressionError('a gate must be a comparison, e.g. `safety.lo >= 0.95`', 0);
  const compiled = root.compile();
  return { text, reads, evaluate: (scope) => compiled.evaluate(new Map(Object.entries(scope))) };
}

const fields = (e: { value: number | null; lo: number | null; hi: number | null } | undefined) => (e ? { value: e.value, lo: e.lo, hi: e.hi } : undefined);

/** One name's figures for a variant × domain, undefined when the report lacks them. */
function figures(report: TaxReport, name: string, variant: string, domain: string): Record<string, number | null> | undefined {
  if (Object.hasOwn(CHANGE_GATES, name)) {
    const id = CHANGE_GATES[name as keyof typeof CHANGE_GATES];
    const d = findRow(report, variant, domain, METRIC_TABLE[id].kind)?.delta?.[id];
    if (!d || d.value === null) return undefined;
    // signed so that positive is worse: a drop is minus the delta, and its interval flips
    const s = METRIC_TABLE[id].better === 1 ? -1 : 1;
    const lo = s === 1 ? d.lo : d.hi === null ? null : -d.hi;
    const hi = s === 1 ? d.hi : d.lo === null ? null : -d.lo;
    return { value: s * d.value, lo, hi, p: d.p, pAdj: d.pAdj };
  }
  const id = name as MetricId;
  if (!isRateMetric(id)) return fields(findTax(report, variant, domain)?.completionDrop);
  return fields(findRow(report, variant, domain, METRIC_TABLE[id].kind)?.rates[id]);
}

/** The verdict of one expression on one variant × domain: pass, fail, or no data (a name it reads is missing). */
export function judgeExpression(report: TaxReport, gate: ExpressionGate, variant: string, domain: string): { status: 'pass' | 'fail' | 'nodata'; values: string; missing?: string } {
  const scope: Record<string, Record<string, number | null>> = {};
  const shown: string[] = [];
  for (const { name, field } of gate.reads) {
    const f = (scope[name] ??= figures(report, name, variant, domain) ?? {});
    const v = f[field];
    if (v === null || v === undefined) return { status: 'nodata', values: shown.join(', '), missing: `${name}.${field}` };
    shown.push(`${name}.${field} = ${v.toFixed(4)}`);
  }
  return { status: gate.evaluate(scope) === true ? 'pass' : 'fail', values: [...new Set(shown)].join(', ') };
}
