import type { Case, CaseKind, Completion, Outcome, Signal, Verdict } from '../core/index.js';
import { classifyRules } from './rules.js';
import { runChecks } from './checks.js';
import { lastUserTextOf } from '../case-text.js';

export { createJudge, type Judge, type JudgeDeps } from './judge.js';
export { UNCERTAIN_BELOW } from './rules.js';
export { runChecks } from './checks.js';

/**
 * The classifier's public face. `classifyText` labels one answer by the rules; `makeVerdict` adds
 * the case's task checks (all but `judge`, which the judge grades) and whether the task was done.
 * `kind` (a legitimate `task` or a harmful `probe`) is optional context: whether information after
 * a refusal complies with the request depends on what was asked (rules.ts); without it the rules
 * read the answer alone.
 */
export function classifyText(input: { prompt?: string; text: string; kind?: CaseKind }): { outcome: Outcome; hedges: number; signals: Signal[]; confidence: number } {
  return classifyRules(input.text, input.prompt, input.kind);
}

/** Pure and synchronous; the runner calls it for every completion. */
export function makeVerdict(c: Case, completion: Completion): Verdict {
  if (completion.error) {
    return {
      outcome: 'error', hedges: 0, by: 'rules', checks: [], completed: false, confidence: 1,
      signals: [{ rule: `error.${completion.error.kind}`, kind: 'note', quote: completion.error.message.slice(0, 200) }],
    };
  }
  const r = classifyRules(completion.text, lastUserTextOf(c), c.kind);
  const checks = runChecks(c.expect ?? [], { text: completion.text, hedges: r.hedges });
  const answered = r.outcome === 'complied' || r.outcome === 'hedged';
  return {
    outcome: r.outcome, hedges: r.hedges, signals: r.signals, by: 'rules', confidence: r.confidence, checks,
    completed: c.kind === 'task' && answered && checks.every((x) => x.passed),
  };
}

