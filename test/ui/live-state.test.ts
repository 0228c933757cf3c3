import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/index.js';
import { applyRunEvent, etaSeconds, initLiveState, isVariantDone, ratePerSecond, totals } from '../../src/ui/live-state.js';

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
    expect(totals(s)).toEqual({ done: 5, total: 20, errors: 1, retries: 1 });
    expect(isVariantDone(a)).toBe(false);
  });
  it('marks a variant done when all its planned answers are in, and the run by its final event', () => {
    let s = initLiveState({ runId: 'r', variants: ['a'], total: 1 }, 0);
    s = applyRunEvent(s, { type: 'record', runId: 'r', record: record('a'), cached: false }, 5);
    expect(isVariantDone(s.progress.a)).toBe(true);
    expect(s.progress.a.finishedAt).toBe(5);
    expect(applyRunEvent(s, { type: 'failed', runId: 'r', message: 'boom' }, 6)).toMatchObject({ status: 'failed', message: 'boom' });
  });
});
