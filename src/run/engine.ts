import PQueue from 'p-queue';
import type { Completion, RunEvent, RunRecord, Variant, Verdict } from '../core/index.js';
import { makeVerdict } from '../classify/index.js';
import { countRecord, recordKey, type RecordWriter, type RunCounts } from '../store/index.js';
import type { JudgeReviewer } from './judge.js';
import { buildMessages, planItems, type Plan, type PlanItem } from './plan.js';
import { DroppedError, requestCompletion, type Lane, type RequestEnv } from './request.js';
import type { RetryInfo } from './retry.js';

export interface EngineInput {
  runId: string;
  plan: Plan;
  lanes: Map<string, Lane>;
  /** keys already in records.jsonl (a resume skips them) */
  done: Set<string>;
  writer: RecordWriter;
  counts: RunCounts;
  env: RequestEnv;
  judge?: JudgeReviewer;
  emit: (e: RunEvent) => void;
}

/**
 * Runs every missing plan item and appends its record. Variants sharing a queue are fed by one
 * producer, so each endpoint proceeds at its own pace, and a producer keeps only a bounded number
 * of items outstanding: memory stays flat however large the plan is.
 */
export async function runEngine(input: EngineInput): Promise<void> {
  const groups = new Map<string, Variant[]>();
  const batched: Variant[] = [];
  for (const v of input.plan.variants) {
    const lane = input.lanes.get(v.id)!;
    if (lane.batch) { batched.push(v); continue; } // answered through the provider's batch API
    groups.set(lane.queueKey, [...(groups.get(lane.queueKey) ?? []), v]);
  }
  // a fatal error (e.g. the disk is full) in one producer stops them all before the run is closed
  const fatal: { error?: unknown } = {};
  const { runBatchVariant } = batched.length ? await import('./batch.js') : { runBatchVariant: undefined };
  await Promise.all([
    ...[...groups.entries()].map(([key, variants]) => produce(input, variants, outstandingLimit(input, key), fatal)),
    ...batched.map((v) => runBatchVariant!(input, v, input.lanes.get(v.id)!.batch!).catch((err: unknown) => { fatal.error ??= err; })),
  ]);
  if (fatal.error !== undefined) throw fatal.error;
}

function outstandingLimit(input: EngineInput, queueKey: string): number {
  const concurrency = input.env.pool.limits(queueKey)?.concurrency ?? 8;
  return concurrency * 2 + 16; // enough waiting work to keep the queue full while retries sleep
}

async function produce(input: EngineInput, variants: Variant[], limit: number, fatal: { error?: unknown }): Promise<void> {
  // at most `limit` items outstanding (running or waiting in the provider's lane) at once
  const outstanding = new PQueue({ concurrency: limit });
  for (const item of planItems(input.plan, variants)) {
    if (input.env.stop.aborted || fatal.error !== undefined) break;
    if (input.done.size && input.done.has(recordKey({ caseId: item.case.id, variantId: item.variant.id, sample: item.sample }))) continue;
    await outstanding.onSizeLessThan(1);
    outstanding.add(() => runItem(input, item)).catch((err: unknown) => { fatal.error ??= err; });
  }
  await outstanding.onIdle();
}

export async function runItem(input: EngineInput, item: PlanItem): Promise<void> {
  const { runId, emit } = input;
  const ids = { caseId: item.case.id, variantId: item.variant.id, sample: item.sample };
  const onRetry = (r: RetryInfo) => emit({ type: 'retried', runId, ...ids, ...r });
  let completion: Completion;
  try {
    completion = await requestCompletion(input.env, input.lanes.get(item.variant.id)!, {
      messages: buildMessages(item.variant, item.case),
      params: item.variant.params ?? {},
      case: item.case, variantId: item.variant.id, sample: item.sample,
      onStart: () => emit({ type: 'started', runId, ...ids }),
      onRetry,
    });
  } catch (err) {
    if (err instanceof DroppedError) return; // not recorded: a resume runs it again
    throw err;
  }
  await recordItem(input, item, completion);
}

/**
 * Classifies one answer (rules, then the judge when configured), appends its record and tells the
 * listeners. Shared by answers asked one by one and answers that came back in a provider batch.
 */
export async function recordItem(input: EngineInput, item: PlanItem, completion: Completion): Promise<void> {
  const { runId, emit } = input;
  const ids = { caseId: item.case.id, variantId: item.variant.id, sample: item.sample };
  const onRetry = (r: RetryInfo) => emit({ type: 'retried', runId, ...ids, ...r });
  let verdict: Verdict;
  try {
    verdict = makeVerdict(item.case, completion);
    if (input.judge && !completion.error) verdict = await judged(input.judge, { case: item.case, variantId: item.variant.id, sample: item.sample, onRetry }, completion, verdict);
  } catch (err) {
    if (err instanceof DroppedError) return; // not recorded: a resume runs it again
    throw err;
  }
  const c = item.case;
  const record: RunRecord = {
    runId, ...ids, domain: c.domain, kind: c.kind,
    ...(c.tags?.length ? { tags: c.tags } : {}), ...(c.pair ? { pair: c.pair } : {}),
    completion, verdict,
  };
  input.writer.append(record);
  countRecord(input.counts, record);
  emit({ type: 'record', runId, record, cached: completion.cached === true });
}

/** A judge that fails (as opposed to the run stopping) leaves the rules' verdict, with a note saying so. */
async function judged(judge: JudgeReviewer, item: Parameters<JudgeReviewer['review']>[0], completion: Parameters<JudgeReviewer['review']>[1], verdict: Verdict): Promise<Verdict> {
  try {
    return await judge.review(item, completion, verdict);
  } catch (err) {
    if (err instanceof DroppedError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    return { ...verdict, signals: [...verdict.signals, { rule: 'judge-failed', kind: 'note', quote: message.slice(0, 200) }] };
  }
}
