// What a plan will cost before anything is sent: requests, tokens (prompts tokenized; outputs from
// maxTokens, a prior run's mean, or a default), dollars, the time the configured rate limits imply,
// and the smallest effect it can detect.
import type { Config, Price, TaxReport } from '../core/index.js';
import { buildMessages, planItems, type Plan } from '../run/plan.js';
import { mdePaired } from '../stats/power.js';
import { dollars, isBatch, priceFor } from './pricing.js';
import { DEFAULT_OUTPUT_TOKENS, loadTokenizer, messageTokens } from './tokens.js';

/** The discordance (share of cases two variants answer differently) a plan's MDE assumes. */
export const PLAN_PSI = 0.1;

export interface VariantEstimate {
  variant: string;
  provider: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** where the output estimate per request came from */
  outputFrom: 'maxTokens' | 'prior run' | 'default';
  batch: boolean;
  price?: Price;
  /** dollars, when the variant has a price */
  cost?: number;
  /** the lane (backend + base URL) whose limits it shares */
  lane: string;
}

export interface LaneEstimate {
  lane: string;
  requests: number;
  tokens: number;
  rpm?: number;
  tpm?: number;
  /** minutes the configured limits imply (undefined: no limit configured) */
  minutes?: number;
  boundBy?: 'rpm' | 'tpm';
}

export interface PlanEstimate {
  variants: VariantEstimate[];
  lanes: LaneEstimate[];
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** dollars of the priced variants; `unpriced` lists the others */
  cost?: number;
  unpriced: string[];
  /** the longest lane's minutes: lanes run side by side */
  minutes?: number;
  /** paired tasks and probes per variant comparison, and the MDE each reaches (shares, 0..1) */
  tasks: number;
  probes: number;
  mdeTasks: number | null;
  mdeProbes: number | null;
  samples: number;
}

/** The lane a variant's requests share limits in (the runner keys its queues on backend and base URL). */
function laneOf(v: Plan['variants'][number]): string {
  const backend = v.provider.slice(0, v.provider.indexOf(':'));
  return typeof v.options?.baseUrl === 'string' ? `${backend} ${v.options.baseUrl}` : backend;
}

/** Mean output tokens per answer of each variant in a prior run's report (its `cost` block). */
export function priorOutputMeans(report: TaxReport | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const v of report?.cost?.variants ?? []) if (v.answers > 0) out.set(v.variant, Math.round(v.outputTokens / v.answers));
  return out;
}

export async function estimatePlan(plan: Plan, config: Config, prior = new Map<string, number>()): Promise<PlanEstimate> {
  const count = await loadTokenizer();
  const variants: VariantEstimate[] = plan.variants.map((v) => {
    const price = priceFor(v, config);
    const perOutput = v.params?.maxTokens ?? prior.get(v.id) ?? DEFAULT_OUTPUT_TOKENS;
    const outputFrom = v.params?.maxTokens !== undefined ? 'maxTokens' : prior.has(v.id) ? 'prior run' : 'default';
    return { variant: v.id, provider: v.provider, requests: 0, inputTokens: 0, outputTokens: 0, outputFrom, batch: isBatch(v), ...(price && { price }), lane: laneOf(v), perOutput } as VariantEstimate & { perOutput: number };
  });
  const byId = new Map(variants.map((e) => [e.variant, e as VariantEstimate & { perOutput: number }]));
  // each distinct prompt is tokenized once: samples repeat it
  const promptTokens = new Map<string, number>();
  for (const item of planItems(plan, plan.variants)) {
    const key = `${item.variant.id}\u0000${item.case.id}`;
    let n = promptTokens.get(key);
    if (n === undefined) promptTokens.set(key, (n = messageTokens(count, buildMessages(item.variant, item.case))));
    const e = byId.get(item.variant.id)!;
    e.requests++;
    e.inputTokens += n;
    e.outputTokens += e.perOutput;
  }
  for (const e of byId.values()) {
    if (e.price) e.cost = dollars(e.price, { input: e.inputTokens, output: e.outputTokens }, e.batch);
    delete (e as Partial<typeof e>).perOutput;
  }
  const lanes = laneEstimates(plan, variants);
  const priced = variants.filter((v) => v.cost !== undefined);
  const kinds = { task: 0, probe: 0 };
  for (const c of plan.cases) kinds[c.kind]++;
  return {
    variants,
    lanes,
    requests: sum(variants, (v) => v.requests),
    inputTokens: sum(variants, (v) => v.inputTokens),
    outputTokens: sum(variants, (v) => v.outputTokens),
    ...(priced.length && { cost: sum(priced, (v) => v.cost!) }),
    unpriced: variants.filter((v) => v.cost === undefined).map((v) => v.variant),
    ...(lanes.some((l) => l.minutes !== undefined) && { minutes: Math.max(...lanes.map((l) => l.minutes ?? 0)) }),
    tasks: kinds.task,
    probes: kinds.probe,
    mdeTasks: mdePaired(kinds.task, PLAN_PSI),
    mdeProbes: mdePaired(kinds.probe, PLAN_PSI),
    samples: plan.samples,
  };
}

function laneEstimates(plan: Plan, variants: VariantEstimate[]): LaneEstimate[] {
  const lanes = new Map<string, LaneEstimate>();
  for (const v of plan.variants) {
    const e = variants.find((x) => x.variant === v.id)!;
    if (e.batch) continue; // batch APIs are not paced by rpm/tpm
    let lane = lanes.get(e.lane);
    if (!lane) lanes.set(e.lane, (lane = { lane: e.lane, requests: 0, tokens: 0 }));
    lane.requests += e.requests;
    lane.tokens += e.inputTokens + e.outputTokens;
    const strictest = (a?: number, b?: number) => (a && b ? Math.min(a, b) : a ?? b);
    lane.rpm = strictest(lane.rpm, v.options?.rpm);
    lane.tpm = strictest(lane.tpm, typeof v.options?.tpm === 'number' ? v.options.tpm : undefined);
  }
  for (const lane of lanes.values()) {
    const byRequests = lane.rpm ? lane.requests / lane.rpm : undefined;
    const byTokens = lane.tpm ? lane.tokens / lane.tpm : undefined;
    if (byRequests === undefined && byTokens === undefined) continue;
    lane.minutes = Math.max(byRequests ?? 0, byTokens ?? 0);
    lane.boundBy = (byTokens ?? 0) > (byRequests ?? 0) ? 'tpm' : 'rpm';
  }
  return [...lanes.values()];
}

const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0);
