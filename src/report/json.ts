import type { TaxReport } from '../core/index.js';
import type { GateResult } from '../gate/gates.js';
import type { Scorecard } from './scorecard.js';

/**
 * The scorecard as JSON: the TaxReport contract unchanged, plus `verdict` (written first, on line 1,
 * so `head -1` shows it like every other format) and the telling examples.
 */
export interface ScorecardJson extends TaxReport {
  verdict: { line: string; pass: boolean; policy: string; gates: GateResult[] };
}

export function renderJson(card: Scorecard): string {
  const verdict = { line: card.headline, pass: card.verdict.pass, policy: card.verdict.policy, gates: card.verdict.gates };
  const rest = { ...card.report, examples: card.examples, toolVersion: card.toolVersion, generatedAt: card.generatedAt };
  const body = JSON.stringify(rest, null, 2).slice(1); // drop "{": the verdict opens the object
  const gates = JSON.stringify(verdict.gates);
  return `{"verdict": {"line": ${JSON.stringify(verdict.line)}, "pass": ${verdict.pass}, "policy": ${JSON.stringify(verdict.policy)}, "gates": ${gates}},${body}\n`;
}
