import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/index.js';
import { applyRunEvent, etaSeconds, initLiveState, isVariantDone, ratePerSecond, totals, wasDoneBefore } from '../../src/ui/live-state.js';

const record = (variantId: string, error = false): RunRecord => ({
  runId: 'r', caseId: 'c', variantId, sample: 0, domain: 'd', kind: 'task',
  completion: error ? { text: '', latencyMs: 1, error: { kind: 'timeout', message: 't' } } : { text: 'ok', latencyMs: 1 },
});

describe('live state', () => {
  it('folds events into per-variant progress, with rate and ETA from fresh answers only', () => {
    let s = initLiveState({ runId: 'r', variants: ['a', 'b'], total: 20 }, 0);
    s = applyRunEvent(s, { type: 'planned', runId: 'r', total: 20, alreadyDone: 0, perVariant: { a: 10, b: 10 }, variants: ['a', 'b'] }, 0);
    s = applyRunEvent(s, { type: 'record', runId: 'r', record: record('a'), cached: true }, 0); // cache hit: no rate yet
    expect(ratePerSecond(s.progress.a, 1000)).toBeUndefined();
    for (let i = 0; i < 4; i++) {
      s = applyRunEvent(s, { type: 'started', runId: 'r', caseId: 'c', variantId: 'a', sample: i }, 0);
      s = applyRunEvent(s, { type: 'record', runId: 'r', record: record('a', i === 0), cached: false }, 2000);
    }
    s = applyRunEvent(s, { type: 'retried', runId: 'r', caseId: 'c', variantId: 'a', sample: 0, attempt: 2, delayMs: 1, reason: 'server', message: '' }, 2000);
    const a = s.progress.a;
    expect(a).toMatchObject({ done: 5, cached: 1, errors: 1, retries: 1, inFlight: 0 });
    expect(ratePerSecond(a, 2000)).toBe(2); // 4 fresh answers in 2 s
    expect(etaSeconds(a, 2000)).toBe(2.5); // 5 left at 2/s
    expect(totals(s)).toEqual({ done: 5, total: 20, errors: 1, retries: 1, resumed: 0 });
    expect(isVariantDone(a)).toBe(false);
  });
  it('marks a variant done when all its planned answers are in, and the run by its final event', () => {
    let s = initLiveState({ runId: 'r', variants: ['a'], total: 1 }, 0);
    s = applyRunEvent(s, { type: 'record', runId: 'r', record: record('a'), cached: false }, 5);
    expect(isVariantDone(s.progress.a)).toBe(true);
    expect(s.progress.a.finishedAt).toBe(5);
    expect(applyRunEvent(s, { type: 'failed', runId: 'r', message: 'boom' }, 6)).toMatchObject({ status: 'failed', message: 'boom' });
  });
  it('on a resume, starts each variant from what the earlier session wrote, leaving it out of the rate', () => {
    let s = initLiveState({ runId: 'r', variants: ['a', 'b'], total: 20 }, 0);
    s = applyRunEvent(s, {
      type: 'planned', runId: 'r', total: 20, alreadyDone: 16, perVariant: { a: 10, b: 10 }, variants: ['a', 'b'],
      // 12 for a: more than planned (the plan shrank since), so it is capped at the plan
      alreadyDonePerVariant: { a: 12, b: 4, gone: 3 },
    }, 1000);
    expect(s.progress.a).toMatchObject({ done: 10, resumed: 10 });
    expect(isVariantDone(s.progress.a) && wasDoneBefore(s.progress.a)).toBe(true);
    expect(s.progress.b).toMatchObject({ done: 4, resumed: 4 });
    expect(s.variants).toEqual(['a', 'b']); // a variant no longer planned does not appear
    s = applyRunEvent(s, { type: 'started', runId: 'r', caseId: 'c', variantId: 'b', sample: 0 }, 1000);
    s = applyRunEvent(s, { type: 'record', runId: 'r', record: record('b'), cached: false }, 3000);
    expect(s.progress.b.done).toBe(5);
    expect(wasDoneBefore(s.progress.b)).toBe(false);
    expect(ratePerSecond(s.progress.b, 3000)).toBe(0.5); // 1 fresh answer in 2 s, not 5
    expect(totals(s)).toMatchObject({ done: 15, total: 20, resumed: 14 });
  });
});

describe('provider batches on the live screen', () => {
  it('keeps each batch\'s latest state, and whether it is still at the provider', () => {
    let s = initLiveState({ runId: 'r', variants: ['b'], total: 10 }, 0);
    s = applyRunEvent(s, { type: 'batch', runId: 'r', variantId: 'b', batchId: 'batch_1', state: 'running', providerStatus: 'submitted', requests: 10 }, 1);
    s = applyRunEvent(s, { type: 'batch', runId: 'r', variantId: 'b', batchId: 'batch_1', state: 'running', providerStatus: 'in_progress', requests: 10, succeeded: 4 }, 2);
    expect(s.batches).toEqual({ batch_1: { variantId: 'b', batchId: 'batch_1', providerStatus: 'in_progress', running: true, requests: 10, succeeded: 4 } });
    s = applyRunEvent(s, { type: 'batch', runId: 'r', variantId: 'b', batchId: 'batch_1', state: 'ended', providerStatus: 'completed', requests: 10, succeeded: 10 }, 3);
    expect(s.batches?.batch_1.running).toBe(false);
  });
});
