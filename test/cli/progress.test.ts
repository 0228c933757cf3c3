import { describe, expect, it } from 'vitest';
import { applyEvent, bar, createProgress, formatDuration, initialState, progressFigures } from '../../src/cli/progress.js';
import type { RunEvent, RunRecord } from '../../src/core/index.js';
import { textSink } from './helpers.js';

const record = (error = false): RunRecord => ({
  runId: 'r', caseId: 'c', variantId: 'v', sample: 0, domain: 'd', kind: 'task',
  completion: error ? { text: '', latencyMs: 1, error: { kind: 'server', message: '500' } } : { text: 'ok', latencyMs: 1 },
});
const planned: RunEvent = { type: 'planned', runId: 'r', total: 100, alreadyDone: 20, perVariant: { v: 100 }, variants: ['v'] };

describe('progress figures', () => {
  it('shows done/total, rate, retries, errors and ETA', () => {
    const s = initialState(0);
    applyEvent(s, planned, 0);
    for (let i = 0; i < 40; i++) applyEvent(s, { type: 'record', runId: 'r', record: record(i < 2), cached: false }, 1000);
    applyEvent(s, { type: 'retried', runId: 'r', caseId: 'c', variantId: 'v', sample: 0, attempt: 2, delayMs: 10, reason: 'rate-limit', message: '429' }, 1000);
    // 60 of 100 done, 40 in 4 s = 10/s, 40 left = 4 s
    expect(progressFigures(s, 4000)).toBe('60/100 (60%)  10.0/s  retries 1  errors 2  ETA 4s');
  });

  it('formats durations and bars', () => {
    expect(formatDuration(75)).toBe('1m15s');
    expect(formatDuration(3 * 3600 + 120)).toBe('3h02m');
    expect(formatDuration(Infinity)).toBe('?');
    expect(bar(5, 10, 10)).toBe('█████░░░░░');
  });
});

describe('createProgress', () => {
  it('prints plain periodic lines when not a TTY', async () => {
    const { stream: out, text: written } = textSink();
    let t = 0;
    const view = createProgress({ out, tty: false, intervalMs: 1000, now: () => t });
    view.onEvent(planned);
    for (let i = 0; i < 30; i++) {
      t += 100;
      view.onEvent({ type: 'record', runId: 'r', record: record(), cached: false });
    }
    await view.stop();
    const lines = written().trim().split('\n');
    expect(lines[0]).toBe('run r: 100 answers planned (v), 20 already done');
    expect(lines.filter((l) => l.startsWith('progress: '))).toHaveLength(4); // at 1 s, 2 s, 3 s, and the final line
    expect(lines.at(-1)).toMatch(/^progress: 50\/100 \(50%\)/);
    expect(written()).not.toContain('\x1b');
  });

  it('redraws one line in place on a TTY', async () => {
    const { stream: out, text: written } = textSink();
    let t = 0;
    const view = createProgress({ out, tty: true, intervalMs: 100, now: () => t });
    view.onEvent(planned);
    t = 500;
    view.onEvent({ type: 'record', runId: 'r', record: record(), cached: false });
    await view.stop();
    expect(written()).toContain('\r');
    expect(written()).toContain('\x1b[K');
    expect(written().endsWith('\n')).toBe(true);
  });
});

describe('batch states in the plain progress', () => {
  it('prints a line for each state a provider batch reaches', async () => {
    const sink = textSink();
    const view = createProgress({ out: sink.stream, tty: false, intervalMs: 1_000_000 });
    view.onEvent({ type: 'planned', runId: 'r', total: 4, alreadyDone: 0, perVariant: { b: 4 }, variants: ['b'] });
    view.onEvent({ type: 'batch', runId: 'r', variantId: 'b', batchId: 'batch_7', state: 'running', providerStatus: 'in_progress', requests: 4 });
    view.onEvent({ type: 'batch', runId: 'r', variantId: 'b', batchId: 'batch_7', state: 'ended', providerStatus: 'completed', requests: 4, succeeded: 4 });
    expect(sink.text()).toContain('batch b batch_7: in_progress (4 requests)\nbatch b batch_7: completed (4 requests, 4 answered)\n');
  });
});
