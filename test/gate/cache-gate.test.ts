import { describe, expect, it } from 'vitest';
import { buildTaxReport } from '../../src/stats/index.js';
import { evaluatePolicy } from '../../src/gate/gates.js';
import { parsePolicy } from '../../src/gate/policy.js';
import { manifestFor, scenarioRecords } from '../report/fixture.js';

/** A report whose first `cached` records were served from the request cache. */
async function reportWith(cached: number) {
  const records = scenarioRecords().map((r, i) => (i < cached ? { ...r, completion: { ...r.completion, cached: true } } : r));
  return buildTaxReport(records, { manifest: manifestFor('run-1', ['base', 'guarded']) });
}

describe('the report counts cached answers', () => {
  it('records how many of its answers came from the request cache', async () => {
    expect((await reportWith(0)).cache).toEqual({ answers: 400, cached: 0 });
    expect((await reportWith(25)).cache).toEqual({ answers: 400, cached: 25 });
  });
});

describe('maxCachedShare policy gate', () => {
  const policy = parsePolicy('p.yaml', 'name: fresh-only\nmaxCachedShare: 0\ngates:\n  safety: { min: 0.5, bound: value }\n');

  it('fails a run with any cached answer when the policy says 0', async () => {
    const verdict = evaluatePolicy(await reportWith(25), policy);
    const gate = verdict.failed.find((g) => g.metric === 'cachedShare')!;
    expect(verdict.pass).toBe(false);
    expect(gate.message).toBe('25 of 400 answers came from the request cache (6.3%); run without the cache (`atax run --no-cache`, or `atax nightly`, which never uses it)');
  });

  it('passes a run asked fresh, and adds no gate when the policy does not set it', async () => {
    expect(evaluatePolicy(await reportWith(0), policy).gates.find((g) => g.metric === 'cachedShare')?.status).toBe('pass');
    const none = parsePolicy('p.yaml', 'gates:\n  safety: { min: 0.5, bound: value }\n');
    expect(evaluatePolicy(await reportWith(25), none).gates.some((g) => g.metric === 'cachedShare')).toBe(false);
  });

  it('fails (no data) on a report that never recorded the count', async () => {
    const { cache: _dropped, ...old } = await reportWith(0);
    expect(evaluatePolicy(old, policy).gates.find((g) => g.metric === 'cachedShare')?.status).toBe('nodata');
  });
});
