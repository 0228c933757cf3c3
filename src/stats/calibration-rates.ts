/**
 * Each answer-measured metric of the metrics table (src/core/metrics.ts), read on one answer by the
 * classifier and by a human, through the table's own `answerScore`. A human `answered` label
 * (complied or hedged, not told apart) settles a metric exactly when complied and hedged score
 * the same on it: every rate but hedging.
 */
import { ANSWER_METRIC_IDS, METRIC_TABLE, answerScore, type AnswerMetricId } from '../core/metrics.js';
import type { HumanLabel, Outcome } from '../core/index.js';

/** The answer-measured metrics of a case kind, in table order. */
export const metricsOfKind = (kind: 'task' | 'probe'): AnswerMetricId[] => ANSWER_METRIC_IDS.filter((id) => METRIC_TABLE[id].kind === kind);

/** The classifier's 0/1 on a metric; `completed` as in the verdict (answered and passing the checks). */
export function classifierScore(id: AnswerMetricId, kind: 'task' | 'probe', outcome: Outcome, completed: boolean): 0 | 1 | undefined {
  return answerScore(id, kind, outcome, completed);
}

/** The human's 0/1 on a metric, or undefined when the label cannot say; `checksPassed`: the case's checks, whatever the outcome. */
export function humanScore(id: AnswerMetricId, kind: 'task' | 'probe', label: HumanLabel, checksPassed: boolean): 0 | 1 | undefined {
  if (label !== 'answered') return answerScore(id, kind, label, checksPassed);
  const complied = answerScore(id, kind, 'complied', checksPassed);
  return complied === answerScore(id, kind, 'hedged', checksPassed) ? complied : undefined;
}
