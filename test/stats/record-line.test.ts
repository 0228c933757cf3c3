import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/index.js';
import { parseRecordForStats, parseRecordInto, scratchRecord } from '../../src/stats/index.js';
import { record } from './fixtures.js';

/** What the report reads of a record (not the runId: the report takes it from the manifest). */
const seen = (r: RunRecord) => ({
  caseId: r.caseId, variantId: r.variantId, sample: r.sample, domain: r.domain, kind: r.kind, tags: r.tags,
  error: r.completion.error !== undefined,
  verdict: { outcome: r.verdict?.outcome, by: r.verdict?.by, completed: r.verdict?.completed, rulesOutcome: r.verdict?.rulesOutcome, judgeOutcome: r.verdict?.judgeOutcome },
});

describe('parseRecordForStats', () => {
  const tricky = [
    'plain answer',
    'text with ,"completion":{ and ,"verdict":{"outcome":"refused"} and "error":{ inside',
    'quotes \\" backslashes \\\\ and a trailing backslash \\',
    '{"runId":"x","caseId":"fake"}\n}',
  ];
  it.each(tricky)('reads what JSON.parse reads, whatever the answer text: %s', (text) => {
    const r = record({ caseId: 'med-1', variantId: 'guarded', outcome: 'hedged', tags: ['a,"b":{', 'x\\"]'], sample: 13, domain: 'méd"ical' });
    r.completion.text = text;
    r.verdict = { ...r.verdict!, signals: [{ rule: 'hedge', kind: 'hedge', quote: text }], checks: [{ type: 'contains', passed: false, detail: text }], by: 'judge', rulesOutcome: 'complied', judgeOutcome: 'hedged' };
    const line = JSON.stringify(r);
    const parsed = parseRecordForStats(line, { tags: true })!;
    expect(seen(parsed)).toEqual(seen(JSON.parse(line)));
    expect(parsed.verdict!.signals).toEqual([]); // the fast path read it, not the JSON.parse fallback
    expect(parseRecordForStats(line)!.tags).toBeUndefined(); // tags are read only when grouping by tag
  });
  it('reads the contrast pair, which the statistics cluster on, and clears it on a record without one', () => {
    const { completion, verdict, ...head } = record({ caseId: 'med-task-1', variantId: 'v', outcome: 'refused', tags: ['x'] });
    const line = JSON.stringify({ ...head, pair: 'med-probe-"1"', completion, verdict }); // the runner's key order
    const parsed = parseRecordForStats(line)!;
    expect(parsed.verdict!.signals).toEqual([]); // fast path
    expect(parsed.pair).toBe('med-probe-"1"');
    expect(parseRecordForStats(JSON.stringify(record({ caseId: 'c', variantId: 'v', outcome: 'refused' })))!.pair).toBeUndefined();
  });
  it('restores UTF-8 fields from a line read as latin1, escapes included', () => {
    const r = record({ caseId: 'c', variantId: 'v', outcome: 'refused', domain: 'médecine—医学', tags: ['é\u00e9', 'ü'] });
    r.completion.text = 'réponse — 答案';
    // ü written as the JSON escape \u00fc: it must come out as ü, not be re-decoded
    const asLatin1 = Buffer.from(JSON.stringify(r).replace('"ü"', '"\\u00fc"'), 'utf8').toString('latin1');
    const parsed = parseRecordForStats(asLatin1, { latin1: true, tags: true })!;
    expect(parsed.domain).toBe('médecine—医学');
    expect(parsed.tags).toEqual(['é\u00e9', 'ü']);
    expect(parsed.verdict!.signals).toEqual([]); // fast path
    // the whole-line fallback also restores UTF-8
    const reordered = Buffer.from(JSON.stringify({ verdict: r.verdict, ...r }), 'utf8').toString('latin1');
    expect(parseRecordForStats(reordered, { latin1: true })!.domain).toBe('médecine—医学');
  });
  it('reads verdict fields whatever their order inside the verdict', () => {
    const r = record({ caseId: 'c', variantId: 'v', outcome: 'hedged' });
    const { outcome, by, completed, ...others } = r.verdict!;
    r.verdict = { judgeOutcome: 'refused', rulesOutcome: 'hedged', completed, by: 'judge', ...others, outcome } as typeof r.verdict;
    const parsed = parseRecordForStats(JSON.stringify(r))!;
    expect(parsed.verdict).toMatchObject({ outcome: 'hedged', by: 'judge', completed: true, rulesOutcome: 'hedged', judgeOutcome: 'refused', signals: [] });
  });
  it('sees a completion error and a completed task', () => {
    expect(parseRecordForStats(JSON.stringify(record({ caseId: 'c', variantId: 'v', outcome: 'error' })))!.completion.error).toBeDefined();
    const ok = parseRecordForStats(JSON.stringify(record({ caseId: 'c', variantId: 'v', outcome: 'complied' })))!;
    expect(ok.completion.error).toBeUndefined();
    expect(ok.verdict!.completed).toBe(true);
  });
  it('falls back to a full parse for other key orders', () => {
    const r = record({ caseId: 'c', variantId: 'v', outcome: 'refused' });
    const reordered = { verdict: r.verdict, completion: r.completion, caseId: r.caseId, variantId: r.variantId, sample: 0, domain: 'x', kind: 'task', runId: 'r' };
    expect(parseRecordForStats(JSON.stringify(reordered))).toEqual(reordered);
  });
  it('reads each id afresh when one line repeats part of the previous line\'s (the in-place reuse of recent ids)', () => {
    const ids = [
      ['med-1', 'v'], ['med-10', 'v2'], ['med-1', 'v'], ['med-1"x', 'v\\'], ['med-1', 'v\\x'], ['', 'v'], ['méd-1', 'v'], ['m\u00e9d-1', 'v'],
      ['a-long-case-identifier-0001', 'a-long-variant-name'], ['a-long-case-identifier-00012', 'a-long-variant-name-2'], ['a-long-case-identifier-0001', 'a-long-variant-name'],
    ];
    for (const latin1 of [false, true, false]) {
      for (const [caseId, variantId] of ids) {
        const text = JSON.stringify(record({ caseId, variantId, outcome: 'refused', domain: `${variantId}-d` }));
        const line = latin1 ? Buffer.from(text, 'utf8').toString('latin1') : text;
        const parsed = parseRecordForStats(line, { latin1 })!;
        expect(parsed.verdict!.signals).toEqual([]); // fast path
        expect([parsed.caseId, parsed.variantId, parsed.domain]).toEqual([caseId, variantId, `${variantId}-d`]);
      }
    }
  });
  it('reads tokens, cost and the cache flag after the answer text, and none of them from a line without', () => {
    const spent = record({ caseId: 'c', variantId: 'v', outcome: 'complied' });
    spent.completion = { text: 'a "usage":{"inputTokens":9} and "cost":5 in the text', finishReason: 'stop', usage: { inputTokens: 1200, outputTokens: 3.5, estimated: true }, latencyMs: 4, cost: 1.25e-4, cached: true };
    const plain = record({ caseId: 'c', variantId: 'v', outcome: 'complied', sample: 1 });
    plain.completion = { text: 'x', usage: { outputTokens: 7 }, latencyMs: 4 };
    const bare = record({ caseId: 'c', variantId: 'v', outcome: 'complied', sample: 2 });
    // one scratch record for all three lines, as the report reads a file: nothing may carry over
    const scratch = scratchRecord();
    const first = parseRecordInto(JSON.stringify(spent), scratch)!;
    expect(first.verdict!.signals).toEqual([]); // fast path
    expect(first.completion).toMatchObject({ usage: { inputTokens: 1200, outputTokens: 3.5, estimated: true }, cost: 1.25e-4, cached: true });
    const second = parseRecordInto(JSON.stringify(plain), scratch)!;
    expect(second.completion.usage).toEqual({ outputTokens: 7, inputTokens: undefined, estimated: undefined });
    expect(second.completion.cost).toBeUndefined();
    expect(second.completion.cached).toBeUndefined();
    expect(parseRecordInto(JSON.stringify(bare), scratch)!.completion.usage).toBeUndefined();
  });
  it('skips torn and blank lines', () => {
    const line = JSON.stringify(record({ caseId: 'c', variantId: 'v', outcome: 'refused' }));
    expect(parseRecordForStats(line.slice(0, -5))).toBeUndefined();
    expect(parseRecordForStats('')).toBeUndefined();
  });
});
