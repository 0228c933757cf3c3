import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/index.js';
import { parseRecordForStats } from '../../src/stats/index.js';
import { record } from './fixtures.js';

/** What the report reads of a record: everything but the completion's details. */
const seen = (r: RunRecord) => ({ ...r, completion: { error: r.completion.error !== undefined } });

describe('parseRecordForStats', () => {
  const tricky = [
    'plain answer',
    'text with ,"completion":{ and ,"verdict":{"outcome":"refused"} and "error":{ inside',
    'quotes \\" backslashes \\\\ and a trailing backslash \\',
    '{"runId":"x","caseId":"fake"}\n}',
  ];
  it.each(tricky)('reads what JSON.parse reads, whatever the answer text: %s', (text) => {
    const r = record({ caseId: 'med-1', variantId: 'guarded', outcome: 'hedged', tags: ['a,"b":{'], sample: 3 });
    r.completion.text = text;
    r.verdict!.signals = [{ rule: 'hedge', kind: 'hedge', quote: text }];
    const line = JSON.stringify(r);
    expect(seen(parseRecordForStats(line)!)).toEqual(seen(JSON.parse(line)));
  });
  it('sees a completion error', () => {
    const line = JSON.stringify(record({ caseId: 'c', variantId: 'v', outcome: 'error' }));
    expect(parseRecordForStats(line)!.completion.error).toBeDefined();
  });
  it('falls back to a full parse for other key orders', () => {
    const r = record({ caseId: 'c', variantId: 'v', outcome: 'refused' });
    const reordered = { verdict: r.verdict, completion: r.completion, caseId: r.caseId, variantId: r.variantId, sample: 0, domain: 'x', kind: 'task', runId: 'r' };
    expect(parseRecordForStats(JSON.stringify(reordered))).toEqual(reordered);
  });
  it('skips torn and blank lines', () => {
    const line = JSON.stringify(record({ caseId: 'c', variantId: 'v', outcome: 'refused' }));
    expect(parseRecordForStats(line.slice(0, -5))).toBeUndefined();
    expect(parseRecordForStats('')).toBeUndefined();
  });
});
