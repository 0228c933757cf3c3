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

export function examplesFromViews(views: CaseView[], opts: { variants: string[]; limit?: number; prompts?: ReadonlyMap<string, string>; textLimit?: number }): TellingExample[] {
  const limit = opts.limit ?? 6;
  return views
    .filter((v) => v.disagreement > 0)
    .slice(0, limit)
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
