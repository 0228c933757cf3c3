/**
 * A variant with `options: { batch: true }` runs through its provider's batch API instead of one
 * request per answer: its missing plan items are split into batches within the provider's limits,
 * each batch id is stored in the run folder the moment it exists (a killed run resumes by polling
 * the same batches, never by submitting them again), the batches are polled, and every result is
 * classified and recorded as it arrives. Requests that failed, expired or were cancelled inside a
 * batch are asked again: directly when they are few, as a new batch otherwise.
 */
import { dirname } from 'node:path';
import { createHash } from 'node:crypto';
import type { Completion, Variant } from '../core/index.js';
import type { BatchApi, BatchResult } from '../../providers/batch/types.js';
import { ProviderError } from '../../providers/types.js';
import { appendBatchLine, openBatches, recordKey, type SubmittedBatch } from '../store/index.js';
import { recordItem, runItem, type EngineInput } from './engine.js';
import { buildMessages, planItems, type PlanItem } from './plan.js';
import { sleep, withRetry } from './retry.js';
import { priced } from '../cost/pricing.js';
import { withUsage } from '../cost/tokens.js';

/** At most this many failed requests of a batch are asked again one by one; more go in a new batch. */
export const DIRECT_RETRY_MAX = 20;
export const DEFAULT_BATCH_POLL_MS = 30_000;

export interface BatchLane {
  api: BatchApi;
  pollMs: number;
}

/** The custom id of an item: short, [A-Za-z0-9_-] (Anthropic's rule), the same in every process. */
export function customIdOf(caseId: string, variantId: string, sample: number): string {
  return createHash('sha256').update(recordKey({ caseId, variantId, sample })).digest('base64url').slice(0, 32);
}

interface Open {
  batch: SubmittedBatch;
  submittedAt: number;
  lastState?: string;
}

/** Runs every missing item of `variant` through its batch API; returns when all are recorded or the run stops. */
export async function runBatchVariant(input: EngineInput, variant: Variant, lane: BatchLane): Promise<void> {
  const dir = dirname(input.writer.file);
  const byCustomId = new Map<string, PlanItem>();
  for (const item of planItems(input.plan, [variant])) byCustomId.set(customIdOf(item.case.id, variant.id, item.sample), item);
  const attempts = new Map<string, number>();
  const maxAttempts = input.lanes.get(variant.id)?.policy.maxAttempts ?? 4;

  // batches an earlier process submitted are polled again, and their requests are not resubmitted
  const open: Open[] = openBatches(dir, variant.id).map((batch) => ({ batch, submittedAt: Date.parse(batch.at) }));
  const pending = new Set(open.flatMap((o) => o.batch.items.map(([id]) => id)));
  const todo = [...byCustomId.entries()].filter(([id, item]) => !pending.has(id) && !input.done.has(recordKey({ caseId: item.case.id, variantId: variant.id, sample: item.sample })));
  for (const [id] of todo) attempts.set(id, 1);
  open.push(...(await submitAll(input, variant, lane, todo.map(([, item]) => item), dir)));

  while (open.length > 0 && !input.env.stop.aborted) {
    for (const o of [...open]) {
      if (input.env.stop.aborted) break;
      const status = await call(input, lane, (signal) => lane.api.status(o.batch.batchId, signal));
      if (!status) break; // stopping
      if (status.providerStatus !== o.lastState) {
        o.lastState = status.providerStatus;
        input.emit({ type: 'batch', runId: input.runId, variantId: variant.id, batchId: o.batch.batchId, state: status.state, providerStatus: status.providerStatus, requests: o.batch.items.length, ...(status.counts?.succeeded !== undefined && { succeeded: status.counts.succeeded }) });
      }
      if (status.state === 'running') continue;
      const retry = await collect(input, o, byCustomId, attempts, maxAttempts, lane);
      if (retry === undefined) break; // stopping
      appendBatchLine(dir, { type: 'closed', batchId: o.batch.batchId, state: status.providerStatus, at: new Date().toISOString() });
      open.splice(open.indexOf(o), 1);
      if (retry.length > DIRECT_RETRY_MAX) open.push(...(await submitAll(input, variant, lane, retry, dir)));
      else await Promise.all(retry.map((item) => runItem(input, item)));
    }
    if (open.length > 0) await sleep(lane.pollMs, input.env.stop).catch(() => undefined);
  }
}

/** Splits `items` into batches within the provider's limits and submits each, storing its id at once. */
async function submitAll(input: EngineInput, variant: Variant, lane: BatchLane, items: PlanItem[], dir: string): Promise<Open[]> {
  const opened: Open[] = [];
  const { maxRequests, maxBytes } = lane.api.limits;
  let chunk: { item: PlanItem; line: string }[] = [];
  let bytes = 0;
  const flush = async () => {
    if (chunk.length === 0 || input.env.stop.aborted) return;
    const lines = chunk.map((c) => c.line);
    let batchId: string | undefined;
    try {
      batchId = await call(input, lane, (signal) => lane.api.submit(lines, signal));
    } catch (err) {
      // a batch the provider rejects for its content fails the same way every time: its requests
      // become error records; anything else (auth, network, outage) fails the run, resumably
      if (!(err instanceof ProviderError) || (err.kind !== 'config' && err.kind !== 'bad-response')) throw err;
      for (const { item } of chunk) await recordItem(input, item, failed(`the batch was rejected: ${err.message}`, err));
    }
    if (batchId !== undefined) {
      const batch: SubmittedBatch = { type: 'submitted', batchId, variantId: variant.id, at: new Date().toISOString(), items: chunk.map(({ item }) => [customIdOf(item.case.id, variant.id, item.sample), item.case.id, item.sample]) };
      appendBatchLine(dir, batch);
      opened.push({ batch, submittedAt: Date.now() });
      input.emit({ type: 'batch', runId: input.runId, variantId: variant.id, batchId, state: 'running', providerStatus: 'submitted', requests: chunk.length });
    }
    chunk = [];
    bytes = 0;
  };
  for (const item of items) {
    const line = lane.api.encode({ customId: customIdOf(item.case.id, variant.id, item.sample), messages: buildMessages(variant, item.case), params: variant.params ?? {} });
    const size = Buffer.byteLength(line) + 1;
    if (chunk.length >= maxRequests || (chunk.length > 0 && bytes + size > maxBytes)) await flush();
    chunk.push({ item, line });
    bytes += size;
  }
  await flush();
  return opened;
}

/**
 * Records every result of a finished batch; returns the items to ask again (failed in a way that is
 * not the request's fault, or missing from the results), or undefined when the run is stopping
 * (the batch stays open, and a resume reads it).
 */
async function collect(input: EngineInput, o: Open, byCustomId: Map<string, PlanItem>, attempts: Map<string, number>, maxAttempts: number, lane: BatchLane): Promise<PlanItem[] | undefined> {
  const results: BatchResult[] = [];
  const read = await call(input, lane, async (signal) => {
    results.length = 0;
    for await (const r of lane.api.results(o.batch.batchId, signal)) results.push(r);
    return true;
  });
  if (!read) return undefined;
  const seen = new Set<string>();
  const retry: PlanItem[] = [];
  const latencyMs = Date.now() - o.submittedAt;
  for (const r of results) {
    const item = byCustomId.get(r.customId);
    if (!item || seen.has(r.customId) || !o.batch.items.some(([id]) => id === r.customId)) continue; // not ours, or twice
    seen.add(r.customId);
    const n = attempts.get(r.customId) ?? 1;
    if (r.answer) {
      // usage estimated where the provider sent none; cost at the batch price (its discount)
      const answer = await withUsage({ ...r.answer, latencyMs, attempts: n, batch: true }, buildMessages(item.variant, item.case));
      await recordItem(input, item, priced(answer, input.lanes.get(item.variant.id)?.price, true));
    } else if (r.error?.retryable && n < maxAttempts) {
      attempts.set(r.customId, n + 1);
      retry.push(item);
    } else {
      await recordItem(input, item, failed(r.error?.message ?? 'no result', r.error, n));
    }
  }
  for (const [id] of o.batch.items) {
    const item = byCustomId.get(id);
    if (seen.has(id) || !item) continue;
    const n = attempts.get(id) ?? 1;
    if (n < maxAttempts) {
      attempts.set(id, n + 1);
      retry.push(item);
    } else await recordItem(input, item, failed('the batch ended without a result for this request', undefined, n));
  }
  return retry;
}

function failed(message: string, err?: ProviderError, attempts = 1): Completion {
  const kind = err?.kind ?? 'bad-response';
  return { text: '', latencyMs: 0, attempts, batch: true, error: { kind, message, ...(err?.status !== undefined ? { status: err.status } : {}) } };
}

/**
 * One call to the batch API, retried on 429, 5xx and network errors; undefined when the run is
 * stopping. A call that fails for good throws: the run fails (exit 3) with the reason, and its open
 * batches stay in batches.jsonl for `atax run --resume` to poll.
 */
async function call<T>(input: EngineInput, lane: BatchLane, fn: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> {
  const policy = { maxAttempts: 5, baseDelayMs: Math.min(1000, lane.pollMs), maxDelayMs: 20_000, maxRetryAfterMs: 60_000 };
  let out;
  try {
    out = await withRetry(() => fn(input.env.hard), { policy, stop: input.env.stop });
  } catch (err) {
    if (input.env.stop.aborted) return undefined;
    throw err;
  }
  if (out.ok) return out.value;
  if (input.env.stop.aborted) return undefined;
  throw out.error;
}
