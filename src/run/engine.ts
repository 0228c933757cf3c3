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
  for (const v of input.plan.variants) {
    const key = input.lanes.get(v.id)!.queueKey;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  // a fatal error (e.g. the disk is full) in one producer stops them all before the run is closed
  const fatal: { error?: unknown } = {};
  await Promise.all([...groups.entries()].map(([key, variants]) => produce(input, variants, outstandingLimit(input, key), fatal)));
  if (fatal.error !== undefined) throw fatal.error;
}

function outstandingLimit(input: EngineInput, queueKey: string): number {
  const concurrency = input.env.pool.limits(queueKey)?.concurrency ?? 8;
  return concurrency * 2 + 16; // enough waiting work to keep the queue full while retries sleep
}

async function produce(input: EngineInput, variants: Variant[], limit: number, fatal: { error?: unknown }): Promise<void> {
  const slots = new Slots(limit);
  const release = () => slots.release();
  for (const item of planItems(input.plan, variants)) {
    if (input.env.stop.aborted || fatal.error !== undefined) break;
    if (input.done.size && input.done.has(recordKey({ caseId: item.case.id, variantId: item.variant.id, sample: item.sample }))) continue;
    const wait = slots.acquire();
    if (wait) await wait; // a free slot costs no microtask turn
    runItem(input, item).then(release, (err: unknown) => {
      fatal.error ??= err;
      release();
    });
  }
  await slots.drain();
}

/** A counting semaphore: O(1) per item, where racing a set of promises would cost O(limit). */
class Slots {
  private used = 0;
  private waiter?: () => void;
  private drained?: () => void;
  constructor(private readonly limit: number) {}
  acquire(): Promise<void> | void {
    if (this.used < this.limit) {
      this.used++;
      return;
    }
    return new Promise<void>((resolve) => {
      this.waiter = () => {
        this.used++;
        resolve();
      };
    });
  }
  release(): void {
    this.used--;
    const w = this.waiter;
    this.waiter = undefined;
    if (w) w();
    else if (this.used === 0) this.drained?.();
  }
  drain(): Promise<void> {
    if (this.used === 0) return Promise.resolve();
    return new Promise((resolve) => { this.drained = resolve; });
  }
}

async function runItem(input: EngineInput, item: PlanItem): Promise<void> {
  const { runId, emit } = input;
  const ids = { caseId: item.case.id, variantId: item.variant.id, sample: item.sample };
  const onRetry = (r: RetryInfo) => emit({ type: 'retried', runId, ...ids, ...r });
  let verdict: Verdict;
  let completion: Completion;
  try {
    completion = await requestCompletion(input.env, input.lanes.get(item.variant.id)!, {
      messages: buildMessages(item.variant, item.case),
      params: item.variant.params ?? {},
      case: item.case, variantId: item.variant.id, sample: item.sample,
      onStart: () => emit({ type: 'started', runId, ...ids }),
      onRetry,
    });
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
