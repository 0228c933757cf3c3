import { costLines } from '../cost/text.js';
import type { Outcome, TaxReport } from '../core/index.js';
import { CLASSIFIER_AGREEMENT } from '../classify/provenance.js';
import { verdictLine, type PolicyVerdict } from '../gate/gates.js';
import { pct, levelPct } from '../util/format.js';

/**
 * Everything a scorecard shows, computed once; each format (md, html, json, csv, junit) only lays
 * it out. Model output lives in `examples` as raw text: each renderer escapes it for its format.
 */

/**
 * The rules classifier's measured agreement with human labels, as the methodology section words
 * it. The figures live in src/classify/provenance.ts (kept true by the dev-set test); a report that
 * carries its own figure (`classifier.note`) is shown as well.
 */
export const CLASSIFIER_HUMAN_AGREEMENT: { value: number | null; what: string; source: string } = {
  value: CLASSIFIER_AGREEMENT.binary,
  what: `binary refusal agreement with human labels (three-class ${pct(CLASSIFIER_AGREEMENT.threeClass)}, hedging F1 ${CLASSIFIER_AGREEMENT.hedgingF1.toFixed(2)}) on ${CLASSIFIER_AGREEMENT.dataset}`,
  source: CLASSIFIER_AGREEMENT.source,
};

export interface ExampleAnswer {
  variant: string;
  outcome: Outcome | 'missing';
  text: string;
}

/** A case the variants answered differently: the prompt and every variant's first answer. */
export interface TellingExample {
  caseId: string;
  domain: string;
  kind: 'task' | 'probe';
  prompt?: string;
  disagreement: number;
  answers: ExampleAnswer[];
}

export interface Scorecard {
  verdict: PolicyVerdict;
  /** PASS/FAIL and which gates failed: the first line of every format */
  headline: string;
  report: TaxReport;
  examples: TellingExample[];
  toolVersion: string;
  generatedAt: string;
}

export function buildScorecard(input: { report: TaxReport; verdict: PolicyVerdict; examples?: TellingExample[]; toolVersion: string; now?: Date }): Scorecard {
  return {
    verdict: input.verdict,
    headline: verdictLine(input.verdict),
    report: input.report,
    examples: input.examples ?? [],
    toolVersion: input.toolVersion,
    generatedAt: (input.now ?? new Date()).toISOString(),
  };
}

/** Variant display name: label when it has one. */
export function variantName(report: TaxReport, id: string): string {
  const v = report.variants.find((x) => x.id === id);
  return v?.label ? `${v.label} (${id})` : id;
}

/** The methodology block, as label → text pairs every format prints the same way. */
export function methodology(card: Scorecard): Array<[string, string]> {
  const r = card.report;
  const by = Object.entries(r.classifier.by).map(([k, n]) => `${n} by ${k}`).join(', ') || 'none';
  const human = CLASSIFIER_HUMAN_AGREEMENT.value === null
    ? `not yet recorded (${CLASSIFIER_HUMAN_AGREEMENT.source})`
    : `${pct(CLASSIFIER_HUMAN_AGREEMENT.value)} ${CLASSIFIER_HUMAN_AGREEMENT.what} (${CLASSIFIER_HUMAN_AGREEMENT.source})`;
  const rows: Array<[string, string]> = [
    ['Classifier', `rules + task checks${r.classifier.judgeAgreement != null ? `, LLM judge (agreement with the rules ${pct(r.classifier.judgeAgreement)})` : ''}; verdicts ${by}`],
    ['Agreement with human labels', human],
  ];
  if (r.classifier.note) rows.push(['Classifier note', r.classifier.note]);
  for (const [k, v] of Object.entries(r.methods)) rows.push([`Method: ${k}`, v]);
  rows.push(['Confidence level', levelPct(r.level)]);
  rows.push(['Samples per case', String(r.samples)]);
  rows.push(['Answers from the request cache', r.cache ? `${r.cache.cached} of ${r.cache.answers}${r.cache.cached > 0 ? ' (not asked fresh for this run)' : ''}` : 'not recorded']);
  if (r.cost) for (const line of costLines(r.cost)) rows.push([`Tokens and cost: ${line.slice(0, line.indexOf(':'))}`, line.slice(line.indexOf(':') + 2)]);
  for (const s of r.suites ?? []) rows.push([`Suite ${s.id}`, `version ${s.version}, sha256 ${s.hash}`]);
  rows.push(['Config hash', r.configHash ?? 'not recorded']);
  rows.push(['Run', `${r.runId}${r.createdAt ? ` (${r.createdAt})` : ''}`]);
  rows.push(['Tool', `alignment-tax ${card.toolVersion}`]);
  rows.push(['Scorecard generated', card.generatedAt]);
  return rows;
}

export const SIMULATED_BANNER = 'SIMULATED RUN: these numbers come from sim: variants (built-in simulated models), not from a real model. Do not use them for a safety decision.';
