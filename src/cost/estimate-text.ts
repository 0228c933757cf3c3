// `atax plan`'s table and `atax run`'s one-line estimate, from the same PlanEstimate.
import { duration, unsignedPts } from '../util/format.js';
import { compact } from './pace.js';
import { PLAN_PSI, type PlanEstimate } from './estimate.js';
import { DEFAULT_OUTPUT_TOKENS } from './tokens.js';
import { alignColumns } from '../util/text-width.js';
import { usd } from './text.js';

const pts = (share: number | null) => (share === null ? 'none detectable' : `${unsignedPts(share)} pts`);
const minutesText = (m: number) => duration(m * 60);

/** `80 requests · 3.2k in + 20k out tokens · $0.013 · ≥ 12s at the configured limits · MDE tasks 12.3 pts` */
export function estimateLine(e: PlanEstimate): string {
  const cost = e.cost === undefined ? 'no prices in the config' : `${usd(e.cost)}${e.unpriced.length ? ` (+ ${e.unpriced.length} unpriced variant${e.unpriced.length === 1 ? '' : 's'})` : ''}`;
  const time = e.minutes === undefined ? 'no rate limits configured' : `≥ ${minutesText(e.minutes)} at the configured limits`;
  return `${e.requests} requests · ${compact(e.inputTokens)} in + ${compact(e.outputTokens)} out tokens (estimated) · ${cost} · ${time} · MDE tasks ${pts(e.mdeTasks)}`;
}

/** The whole plan: a row per variant, the run's totals, the time per lane, the MDE, and the assumptions. */
export function planText(e: PlanEstimate): string {
  const head = ['variant', 'provider', 'requests', 'input tok', 'output tok', 'output per answer', '$/M in · out', 'cost'];
  const rows = e.variants.map((v) => [
    v.variant, v.provider, String(v.requests), compact(v.inputTokens), compact(v.outputTokens),
    `${v.requests ? Math.round(v.outputTokens / v.requests) : 0} (${v.outputFrom})`,
    v.price ? `${v.price.input} · ${v.price.output}${v.batch && v.price.batchDiscount ? ` −${Math.round(v.price.batchDiscount * 100)}% batch` : ''}` : 'no price',
    v.cost === undefined ? '—' : usd(v.cost),
  ]);
  const total = ['total', '', String(e.requests), compact(e.inputTokens), compact(e.outputTokens), '', '', e.cost === undefined ? '—' : usd(e.cost)];
  const lines = alignColumns([head, ...rows, total], new Set([2, 3, 4, 7]));
  lines.push('');
  if (!e.lanes.length) lines.push('Time: every variant goes through a batch API (hours, not paced).');
  for (const l of e.lanes) {
    const limits = [l.rpm && `rpm ${compact(l.rpm)}`, l.tpm && `tpm ${compact(l.tpm)}`].filter(Boolean).join(', ');
    lines.push(l.minutes === undefined
      ? `Time on ${l.lane}: ${l.requests} requests, ${compact(l.tokens)} tokens; no rpm/tpm configured, so only the provider's own limits bound it.`
      : `Time on ${l.lane}: ${l.requests} requests, ${compact(l.tokens)} tokens at ${limits} → at least ${minutesText(l.minutes)} (bound by ${l.boundBy}).`);
  }
  lines.push(`MDE (α = 0.05, power 0.8, paired, assuming ${PLAN_PSI * 100}% of cases answered differently): completion/over-refusal ${pts(e.mdeTasks)} on ${e.tasks} tasks, safety ${pts(e.mdeProbes)} on ${e.probes} probes${e.samples > 1 ? ` (${e.samples} samples per case narrow the intervals, not the number of cases)` : ''}.`);
  if (e.unpriced.length) lines.push(`No price for ${e.unpriced.join(', ')}: add \`pricing:\` to the config (see README).`);
  lines.push(`Tokens are estimates: prompts tokenized with o200k_base (GPT-4o's encoding; close, not exact, for other models); outputs from params.maxTokens, else the latest run's mean, else ${DEFAULT_OUTPUT_TOKENS}.`);
  return lines.join('\n') + '\n';
}
