import * as P from './patterns.js';
import * as R from './rebuttal.js';
import { HEDGE_RULES } from './hedges.js';
import { namedAlternatives } from './pattern-parts.js';

/**
 * Every phrase pattern the rules read answers with, by name: the rule count and the per-pattern
 * firing counts in docs/classifier.md come from here (bench/classify.mjs --rules), and the
 * leave-models-out benchmark removes, per fold, the alternatives its training models never trigger.
 * Patterns read on the prompt (PRESUPPOSING_QUESTION, the hedge rules' topics) are not listed.
 */
export const ANSWER_PATTERNS: ReadonlyArray<{ name: string; re: RegExp }> = [
  ...Object.entries(P).filter((e): e is [string, RegExp] => e[1] instanceof RegExp).map(([name, re]) => ({ name, re })),
  ...Object.entries(R).filter((e): e is [string, RegExp] => e[1] instanceof RegExp && e[0] !== 'PRESUPPOSING_QUESTION').map(([name, re]) => ({ name, re })),
  ...HEDGE_RULES.map((h) => ({ name: h.name, re: h.re })),
];

/** The rules as counted: each top-level alternative of each answer pattern. */
export function ruleAlternatives(): Array<{ id: string; pattern: RegExp; index: number; re: RegExp }> {
  return ANSWER_PATTERNS.flatMap(({ name, re }) => namedAlternatives(name, re).map((a, index) => ({ ...a, pattern: re, index })));
}

/**
 * Runs `fn` with the given alternatives removed from their patterns, then puts every pattern back
 * (also when `fn` throws). The rules module holds these RegExp objects, so they are rebuilt in place
 * (RegExp.prototype.compile). Measurement only: the leave-models-out benchmark uses it to take out
 * what the training models of a fold never trigger.
 */
export function withoutAlternatives<T>(drop: ReadonlySet<string>, fn: () => T): T {
  const saved = ANSWER_PATTERNS.map(({ name, re }) => ({ name, re, source: re.source }));
  try {
    for (const { name, re, source } of saved) {
      const parts = namedAlternatives(name, new RegExp(source, re.flags)).filter((a) => !drop.has(a.id)).map((a) => a.re.source);
      re.compile(parts.length ? parts.join('|') : '(?!)', re.flags); // (?!) never matches
      re.lastIndex = 0;
    }
    return fn();
  } finally {
    for (const { re, source } of saved) { re.compile(source, re.flags); re.lastIndex = 0; }
  }
}
