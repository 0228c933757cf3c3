import type { RunRecord } from '../core/index.js';
import { collectCases, type CaseView } from './cases.js';
import type { TellingExample } from './scorecard.js';

/**
 * The scorecard's "most telling examples": cases where the variants answered differently, most
 * disagreeing first, each with every variant's first usable answer (the text stays raw here; each
 * format escapes it). Long answers are cut so one rambling model cannot bury the page.
 */
export const EXAMPLE_TEXT_LIMIT = 1200;

function firstAnswer(records: RunRecord[] | undefined): RunRecord | undefined {
  return records?.find((r) => !r.completion.error && r.verdict && r.verdict.outcome !== 'error') ?? records?.[0];
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}… [${text.length - limit} more characters]`;
}

/**
 * The most disagreeing cases, taken in turn from each domain × kind (the views arrive sorted most
 * disagreeing first), so one domain's many ties cannot fill every slot.
 */
export function pickAcrossGroups(views: CaseView[], limit: number): CaseView[] {
  const groups = new Map<string, CaseView[]>();
  for (const v of views) {
    if (v.disagreement <= 0) continue;
    const key = `${v.domain}\u0000${v.kind}`;
    (groups.get(key) ?? groups.set(key, []).get(key)!).push(v);
  }
  const queues = [...groups.values()];
  const picked: CaseView[] = [];
  for (let round = 0; picked.length < limit && queues.some((q) => q.length > round); round++) {
    const layer = queues.map((q) => q[round]).filter((v): v is CaseView => v !== undefined);
    layer.sort((a, b) => b.disagreement - a.disagreement || b.spread - a.spread);
    picked.push(...layer.slice(0, limit - picked.length));
  }
  return picked;
}

export function examplesFromViews(views: CaseView[], opts: { variants: string[]; limit?: number; prompts?: ReadonlyMap<string, string>; textLimit?: number }): TellingExample[] {
  return pickAcrossGroups(views, opts.limit ?? 6)
    .map((v) => ({
      caseId: v.caseId,
      domain: v.domain,
      kind: v.kind,
      prompt: opts.prompts?.get(v.caseId),
      disagreement: v.disagreement,
      answers: opts.variants.map((variant) => {
        const r = firstAnswer(v.records[variant]);
        return r
          ? { variant, outcome: v.outcome[variant] ?? 'error', text: clip(r.completion.error ? `(error: ${r.completion.error.message})` : r.completion.text, opts.textLimit ?? EXAMPLE_TEXT_LIMIT) }
          : { variant, outcome: 'missing' as const, text: '' };
      }),
    }));
}

export async function tellingExamples(
  records: AsyncIterable<RunRecord> | Iterable<RunRecord>,
  opts: { baseline: string; variants: string[]; limit?: number; prompts?: ReadonlyMap<string, string> },
): Promise<TellingExample[]> {
  return examplesFromViews(await collectCases(records, { baseline: opts.baseline }), opts);
}
