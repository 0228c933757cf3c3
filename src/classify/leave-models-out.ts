import { classifyText } from './index.js';
import { kindOfPromptLabel } from './table-input.js';
import { splitSentences } from './sentences.js';
import { humanClass, outcomeClass } from './agreement.js';
import { summarise, type HedgeLabel, type LabelledRow } from './summary.js';
import { ruleAlternatives, withoutAlternatives } from './pattern-registry.js';
import { withTaskPartialBar } from './rules.js';

/**
 * Honest agreement figures for hand-written rules: split the models 3 / 2 in every way, "tune" on the
 * three (every pattern alternative that fires on none of their answers is removed: it could only have
 * come from reading the other two) and measure on the two held out. Figures pool the held-out rows
 * of all splits, so each model counts once per split that holds it out.
 */
export interface DevRow { model: string; id: string; prompt: string; completion: string; final_label: string; /** XSTest's prompt label: `safe` prompts are tasks, `unsafe` ones probes */ label?: string }

export interface Figures { n: number; binary: number | null; threeClass: number | null; partialRecall: number | null; partialN: number; hedgeF1: number | null; hedgeN: number }

export interface LeaveModelsOut {
  splits: Array<{ heldOut: [string, string]; rulesKept: number; figures: Figures }>;
  perModel: Array<{ model: string; heldOut: Figures; inSample: Figures }>;
  heldOut: Figures;
  inSample: Figures;
  rules: number;
}

export function label(rows: readonly DevRow[]): LabelledRow[] {
  return rows.map((r) => {
    const v = classifyText({ prompt: r.prompt, text: r.completion, kind: kindOfPromptLabel(r.label) });
    return { model: r.model, id: r.id, human: humanClass(r.final_label), predicted: outcomeClass(v.outcome), hedged: v.outcome === 'hedged' };
  });
}

export function figures(labelled: readonly LabelledRow[], hedgeLabels: readonly HedgeLabel[]): Figures {
  const s = summarise(labelled, hedgeLabels);
  const p = s.overall.perClass.partial;
  return { n: s.overall.n, binary: s.overall.binary, threeClass: s.overall.threeClass, partialRecall: p.recall, partialN: p.support, hedgeF1: s.hedging!.overall.f1, hedgeN: s.hedging!.joined };
}

/** Which rows each rule alternative fires on (some sentence of the answer matches it). */
export function firings(rows: readonly DevRow[]): Map<string, Set<number>> {
  const texts = rows.map((r) => splitSentences(r.completion).sentences.map((s) => s.text));
  const out = new Map<string, Set<number>>();
  for (const rule of ruleAlternatives()) {
    const hit = new Set<number>();
    texts.forEach((t, i) => { if (t.some((s) => rule.re.test(s))) hit.add(i); });
    out.set(rule.id, hit);
  }
  return out;
}

export function leaveModelsOut(rows: readonly DevRow[], hedgeLabels: readonly HedgeLabel[]): LeaveModelsOut {
  const models = [...new Set(rows.map((r) => r.model))];
  const fired = firings(rows);
  const splits: LeaveModelsOut['splits'] = [];
  const byModel = new Map<string, LabelledRow[]>(models.map((m) => [m, []]));
  for (let a = 0; a < models.length; a++) {
    for (let b = a + 1; b < models.length; b++) {
      const heldOut: [string, string] = [models[a], models[b]];
      const drop = new Set([...fired].filter(([, hit]) => ![...hit].some((i) => !heldOut.includes(rows[i].model))).map(([id]) => id));
      const labelled = withoutAlternatives(drop, () => label(rows.filter((r) => heldOut.includes(r.model))));
      for (const l of labelled) byModel.get(l.model!)!.push(l);
      splits.push({ heldOut, rulesKept: fired.size - drop.size, figures: figures(labelled, hedgeLabels) });
    }
  }
  const inSampleRows = label(rows);
  return {
    splits,
    perModel: models.map((model) => ({ model, heldOut: figures(byModel.get(model)!, hedgeLabels), inSample: figures(inSampleRows.filter((r) => r.model === model), hedgeLabels) })),
    heldOut: figures([...byModel.values()].flat(), hedgeLabels),
    inSample: figures(inSampleRows, hedgeLabels),
    rules: fired.size,
  };
}

/**
 * The task bar (rules.ts TASK_PARTIAL_AFTER) is a number read off the development answers, which the
 * pattern-dropping above does not undo. This re-chooses it honestly: in each 3 / 2 split the bar with
 * the best three-class agreement on the three training models (rules cut down as above) is used on
 * the two held-out models. Figures pool the held-out rows of all splits, as in `leaveModelsOut`.
 */
export function leaveModelsOutTaskBar(rows: readonly DevRow[], hedgeLabels: readonly HedgeLabel[], bars: readonly number[]): { picks: Array<{ heldOut: [string, string]; bar: number }>; heldOut: Figures } {
  const models = [...new Set(rows.map((r) => r.model))];
  const fired = firings(rows);
  const picks: Array<{ heldOut: [string, string]; bar: number }> = [];
  const pooled: LabelledRow[] = [];
  for (let a = 0; a < models.length; a++) {
    for (let b = a + 1; b < models.length; b++) {
      const heldOut: [string, string] = [models[a], models[b]];
      const drop = new Set([...fired].filter(([, hit]) => ![...hit].some((i) => !heldOut.includes(rows[i].model))).map(([id]) => id));
      const training = rows.filter((r) => !heldOut.includes(r.model));
      let bar = bars[0];
      let best = -1;
      for (const candidate of bars) {
        const agree = withTaskPartialBar(candidate, () => withoutAlternatives(drop, () => figures(label(training), hedgeLabels))).threeClass ?? -1;
        if (agree > best) { best = agree; bar = candidate; }
      }
      picks.push({ heldOut, bar });
      pooled.push(...withTaskPartialBar(bar, () => withoutAlternatives(drop, () => label(rows.filter((r) => heldOut.includes(r.model))))));
    }
  }
  return { picks, heldOut: figures(pooled, hedgeLabels) };
}
