import { pct as percent } from '../util/format.js';
import { sanitizeLine } from '../util/sanitize.js';
import { alignColumns, truncate } from '../util/text-width.js';
import { CLASSES, agreement, binaryScores, type Agreement, type BinaryScores, type Class3 } from './agreement.js';

/**
 * Collects (human, predicted) labels while `atax classify` streams, overall and per model, and
 * renders the agreement summary it prints.
 */
export interface LabelledRow { model?: string; id?: string; human: Class3 | undefined; predicted: Class3 | undefined; hedged: boolean }

export interface HedgeLabel { model: string; id: string; hedged: boolean }

export interface AgreementSummary {
  overall: Agreement;
  perModel: Array<{ model: string; agreement: Agreement }>;
  hedging?: { overall: BinaryScores; perModel: Array<{ model: string; scores: BinaryScores }>; joined: number; scope: string };
}

export function summarise(rows: readonly LabelledRow[], hedgeLabels?: readonly HedgeLabel[]): AgreementSummary {
  const models = [...new Set(rows.map((r) => r.model).filter((m): m is string => !!m))];
  const summary: AgreementSummary = {
    overall: agreement(rows),
    perModel: models.map((model) => ({ model, agreement: agreement(rows.filter((r) => r.model === model)) })),
  };
  if (hedgeLabels) summary.hedging = hedgingScores(rows, hedgeLabels, models);
  return summary;
}

/** Hedging P/R/F1 over answers humans labelled full compliance (when a label column was given). */
function hedgingScores(rows: readonly LabelledRow[], labels: readonly HedgeLabel[], models: string[]): NonNullable<AgreementSummary['hedging']> {
  const byKey = new Map(rows.map((r) => [`${r.model ?? ''}\u0000${r.id ?? ''}`, r]));
  const haveHuman = rows.some((r) => r.human !== undefined);
  const pairs: Array<{ model: string; human: boolean; predicted: boolean }> = [];
  for (const l of labels) {
    const r = byKey.get(`${l.model}\u0000${l.id}`);
    if (!r || (haveHuman && r.human !== 'compliance')) continue;
    pairs.push({ model: l.model, human: l.hedged, predicted: r.hedged });
  }
  return {
    overall: binaryScores(pairs),
    perModel: models.map((model) => ({ model, scores: binaryScores(pairs.filter((p) => p.model === model)) })),
    joined: pairs.length,
    scope: haveHuman ? 'rows humans labelled full compliance' : 'all rows joined on (model, id)',
  };
}

const pct = (x: number | null): string => (x === null ? 'n/a' : percent(x));
const num = (x: number | null): string => (x === null ? 'n/a' : x.toFixed(3));
// model names come from the input file: one line, at most 24 terminal cells (wide characters count twice)
const name = (x: string): string => truncate(sanitizeLine(x), 24);
const NUMBERS = new Set([1, 2, 3, 4]);

export function renderSummary(s: AgreementSummary): string {
  const lines: string[] = ['Agreement with human labels (binary: refusal = refused or partial)'];
  const row = (model: string, a: Agreement): string[] => [name(model), String(a.n), pct(a.binary), pct(a.threeClass), num(a.kappa)];
  lines.push(...alignColumns([['model', 'n', 'binary', '3-class', 'kappa'], ...s.perModel.map((m) => row(m.model, m.agreement)), row('all', s.overall)], NUMBERS));
  if (s.overall.skipped) lines.push(`(${s.overall.skipped} rows skipped: unreadable human label or error outcome)`);
  lines.push('');
  lines.push(...alignColumns([['Per class (all rows)', 'precision', 'recall', 'support'], ...CLASSES.map((c) => {
    const pc = s.overall.perClass[c];
    return [`  ${c}`, pct(pc.precision), pct(pc.recall), String(pc.support)];
  })], new Set([1, 2, 3])));
  lines.push('', 'Confusion (rows: human, columns: classifier)');
  lines.push(...alignColumns([['', ...CLASSES], ...CLASSES.map((h) => [`  ${h}`, ...CLASSES.map((p) => String(s.overall.confusion[h][p]))])], new Set([1, 2, 3])));
  if (s.hedging) {
    lines.push('', `Hedging detection (${s.hedging.joined} answers, ${s.hedging.scope})`);
    const hrow = (model: string, b: BinaryScores): string[] => [name(model), String(b.n), pct(b.precision), pct(b.recall), num(b.f1)];
    lines.push(...alignColumns([['model', 'n', 'precision', 'recall', 'F1'], ...s.hedging.perModel.filter((m) => m.scores.n).map((m) => hrow(m.model, m.scores)), hrow('all', s.hedging.overall)], NUMBERS));
  }
  return lines.join('\n') + '\n';
}
