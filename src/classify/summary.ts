import { pct as percent } from '../util/format.js';
import { sanitizeLine } from '../util/sanitize.js';
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

const pct = (x: number | null): string => (x === null ? '   n/a' : percent(x).padStart(6));
const num = (x: number | null): string => (x === null ? ' n/a' : x.toFixed(3));
const clean = sanitizeLine; // model names come from the input file

export function renderSummary(s: AgreementSummary): string {
  const lines: string[] = [];
  const head = `${'model'.padEnd(18)} ${'n'.padStart(5)}  binary  3-class   kappa`;
  lines.push('Agreement with human labels (binary: refusal = refused or partial)', head);
  const row = (name: string, a: Agreement): string => `${clean(name).slice(0, 18).padEnd(18)} ${String(a.n).padStart(5)}  ${pct(a.binary)}  ${pct(a.threeClass)}  ${num(a.kappa)}`;
  for (const m of s.perModel) lines.push(row(m.model, m.agreement));
  lines.push(row('all', s.overall));
  if (s.overall.skipped) lines.push(`(${s.overall.skipped} rows skipped: unreadable human label or error outcome)`);
  lines.push('', 'Per class (all rows)      precision  recall  support');
  for (const c of CLASSES) {
    const pc = s.overall.perClass[c];
    lines.push(`  ${c.padEnd(22)}  ${pct(pc.precision)}  ${pct(pc.recall)}  ${String(pc.support).padStart(7)}`);
  }
  lines.push('', 'Confusion (rows: human, columns: classifier)', `  ${''.padEnd(12)}${CLASSES.map((c) => c.padStart(12)).join('')}`);
  for (const h of CLASSES) lines.push(`  ${h.padEnd(12)}${CLASSES.map((p) => String(s.overall.confusion[h][p]).padStart(12)).join('')}`);
  if (s.hedging) {
    lines.push('', `Hedging detection (${s.hedging.joined} answers, ${s.hedging.scope})`, `${'model'.padEnd(18)} ${'n'.padStart(5)}  precision  recall     F1`);
    const hrow = (name: string, b: BinaryScores): string => `${clean(name).slice(0, 18).padEnd(18)} ${String(b.n).padStart(5)}  ${pct(b.precision)}    ${pct(b.recall)}  ${num(b.f1)}`;
    for (const m of s.hedging.perModel) if (m.scores.n) lines.push(hrow(m.model, m.scores));
    lines.push(hrow('all', s.hedging.overall));
  }
  return lines.join('\n') + '\n';
}
