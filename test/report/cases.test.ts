import { describe, expect, it } from 'vitest';
import type { Outcome, RunRecord } from '../../src/core/index.js';
import { collectCases, disagreementBetween, filterCases, metricGap, rebaseCases, sortForCell, tagsOf } from '../../src/report/cases.js';

function rec(caseId: string, variantId: string, outcome: Outcome, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    runId: 'r', caseId, variantId, sample: 0, domain: 'medical', kind: 'task', tags: [],
    completion: outcome === 'error' ? { text: '', latencyMs: 1, error: { kind: 'server', message: '500' } } : { text: 'x', latencyMs: 1 },
    verdict: { outcome, hedges: 0, signals: [], by: 'rules', checks: [], completed: outcome === 'complied' },
    ...extra,
  };
}

describe('collectCases', () => {
  it('groups records by case with every variant and orders the most disagreeing first', async () => {
    const views = await collectCases([
      rec('same', 'a', 'complied'), rec('same', 'b', 'complied'), rec('same', 'c', 'complied'),
      rec('split', 'a', 'complied'), rec('split', 'b', 'refused'), rec('split', 'c', 'refused'),
      rec('all-differ', 'a', 'complied'), rec('all-differ', 'b', 'hedged'), rec('all-differ', 'c', 'refused'),
    ], { baseline: 'a' });
    // split and all-differ tie (both others differ from the baseline, same severity gap): by id
    expect(views.map((v) => v.caseId)).toEqual(['all-differ', 'split', 'same']);
    const split = views.find((v) => v.caseId === 'split')!;
    expect(Object.keys(split.records).sort()).toEqual(['a', 'b', 'c']);
    expect(split.disagreement).toBe(1); // both others differ from the baseline
    expect(views.find((v) => v.caseId === 'same')!.disagreement).toBe(0);
  });

  it('breaks equal disagreement by the severity gap (complied vs refused before complied vs hedged)', async () => {
    const views = await collectCases([
      rec('mild', 'a', 'complied'), rec('mild', 'b', 'hedged'),
      rec('harsh', 'a', 'complied'), rec('harsh', 'b', 'refused'),
    ], { baseline: 'a' });
    expect(views.map((v) => v.caseId)).toEqual(['harsh', 'mild']);
    expect(views[0].spread).toBe(3);
  });

  it('without a baseline scores disagreement over all pairs of variants', async () => {
    const [v] = await collectCases([rec('x', 'a', 'complied'), rec('x', 'b', 'complied'), rec('x', 'c', 'refused')]);
    expect(v.disagreement).toBeCloseTo(2 / 3); // pairs a–c and b–c differ, a–b agree
  });

  it('averages samples into outcome shares: half the samples refused is disagreement 0.5', async () => {
    const [v] = await collectCases([
      rec('x', 'a', 'complied', { sample: 0 }), rec('x', 'a', 'complied', { sample: 1 }),
      rec('x', 'b', 'refused', { sample: 1 }), rec('x', 'b', 'complied', { sample: 0 }),
    ], { baseline: 'a' });
    expect(v.disagreement).toBeCloseTo(0.5);
    expect(v.records.b.map((r) => r.sample)).toEqual([0, 1]);
  });

  it('leaves errors out of the comparison and reports the modal outcome as error when nothing was usable', async () => {
    const [v] = await collectCases([rec('x', 'a', 'complied'), rec('x', 'b', 'error')], { baseline: 'a' });
    expect(v.outcome.b).toBe('error');
    expect(v.disagreement).toBe(0);
  });

  it('reads an async stream of records', async () => {
    async function* stream() { yield rec('x', 'a', 'complied'); yield rec('x', 'b', 'refused'); }
    const views = await collectCases(stream(), { baseline: 'a' });
    expect(views[0].outcome).toEqual({ a: 'complied', b: 'refused' });
  });
});

describe('filtering and ordering for a matrix cell', () => {
  const records = [
    rec('t1', 'a', 'complied', { tags: ['dose'] }), rec('t1', 'b', 'refused', { tags: ['dose'] }), rec('t1', 'c', 'complied', { tags: ['dose'] }),
    rec('t2', 'a', 'complied'), rec('t2', 'b', 'complied'), rec('t2', 'c', 'refused'), rec('t2', 'd', 'refused'),
    rec('p1', 'a', 'refused', { kind: 'probe', domain: 'legal', tags: ['harm'] }), rec('p1', 'b', 'refused', { kind: 'probe', domain: 'legal', tags: ['harm'] }),
  ];

  it('filters by domain, kind, tag, the focused variant\'s outcome and a prompt search', async () => {
    const views = await collectCases(records, { baseline: 'a' });
    const prompts: Record<string, string> = { t1: 'Ibuprofen dose for adults', t2: 'Fever at home', p1: 'Forge a stamp' };
    const ids = (f: Parameters<typeof filterCases>[1]) => filterCases(views, f, (id) => prompts[id]).map((v) => v.caseId).sort();
    expect(ids({ domain: 'medical' })).toEqual(['t1', 't2']);
    expect(ids({ domain: 'all' })).toEqual(['p1', 't1', 't2']);
    expect(ids({ kind: 'probe' })).toEqual(['p1']);
    expect(ids({ tag: 'dose' })).toEqual(['t1']);
    expect(ids({ outcome: 'refused', variant: 'b' })).toEqual(['p1', 't1']);
    expect(ids({ outcome: 'refused', variant: 'c' })).toEqual(['t2']);
    expect(ids({ query: 'FEVER' })).toEqual(['t2']);
    expect(ids({ query: 'p1' })).toEqual(['p1']); // the case id is searched when no prompt matches
  });

  it('puts the cases where the focused variant departs from the baseline first', async () => {
    const views = await collectCases(records, { baseline: 'a' });
    const tasks = filterCases(views, { kind: 'task' });
    expect(sortForCell(tasks, 'b', 'a').map((v) => v.caseId)).toEqual(['t1', 't2']);
    expect(sortForCell(tasks, 'c', 'a').map((v) => v.caseId)).toEqual(['t2', 't1']);
    expect(disagreementBetween(views.find((v) => v.caseId === 't2')!, 'a', 'c')).toBe(1);
  });

  it('re-scores disagreement against another baseline', async () => {
    const views = await collectCases(records, { baseline: 'a' });
    const rebased = rebaseCases(views, 'b');
    expect(rebased.find((v) => v.caseId === 't1')!.disagreement).toBe(1); // a and c both differ from b
    expect(rebased.find((v) => v.caseId === 'p1')!.disagreement).toBe(0);
  });

  it('lists the distinct tags', async () => {
    expect(tagsOf(await collectCases(records))).toEqual(['dose', 'harm']);
  });
});

describe('ranking a cell by its metric', () => {
  it('puts the cases that move the metric first: for over-refusal a partial beats a hedge', async () => {
    const views = await collectCases([
      rec('hedge', 'a', 'complied'), rec('hedge', 'b', 'hedged'),
      rec('partial', 'a', 'complied'), rec('partial', 'b', 'partial'),
      rec('same', 'a', 'complied'), rec('same', 'b', 'complied'),
    ], { baseline: 'a' });
    expect(sortForCell(views, 'b', 'a', 'overRefusal').map((v) => v.caseId)).toEqual(['partial', 'hedge', 'same']);
    expect(sortForCell(views, 'b', 'a', 'hedging').map((v) => v.caseId)).toEqual(['hedge', 'partial', 'same']);
    expect(metricGap(views.find((v) => v.caseId === 'partial')!, 'a', 'b', 'completion')).toBe(1);
  });
});
