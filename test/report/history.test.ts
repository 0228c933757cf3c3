import { describe, expect, it } from 'vitest';
import { buildTaxReport } from '../../src/stats/index.js';
import { historySeries, renderHistory } from '../../src/report/history.js';
import { manifestFor } from './fixture.js';
import { taskCases } from './records.js';
import { cellEnds, cellStarts } from '../columns.js';

async function nightReport(runId: string, guardedRefusals: number) {
  const records = [...taskCases('base', 40, 2, { runId }), ...taskCases('guarded', 40, guardedRefusals, { runId })];
  return buildTaxReport(records, { manifest: manifestFor(runId, ['base', 'guarded']) });
}

describe('history', () => {
  it('gives one series per variant × domain with one value per run, rising with the over-refusal', async () => {
    const reports = [await nightReport('r1', 2), await nightReport('r2', 6), await nightReport('r3', 12)];
    const series = historySeries(reports, 'overRefusal');
    const guarded = series.find((s) => s.variant === 'guarded' && s.domain === 'all')!;
    expect(guarded.values).toEqual([2 / 40, 6 / 40, 12 / 40]);
    const tax = historySeries(reports, 'tax');
    expect(tax.every((s) => s.variant === 'guarded')).toBe(true); // the baseline has no tax
    const text = renderHistory(reports.map((r) => ({ runId: r.runId, simulated: false })), series, 'overRefusal');
    const line = text.split('\n').find((l) => l.startsWith('guarded') && l.includes(' all '))!;
    expect(line).toMatch(/guarded\s+all\s+\S{3}\s+5\.0%\s+30\.0%\s+\+25\.0 pts/);
    const bars = line.match(/[▁▂▃▄▅▆▇█]{3}/)![0];
    expect(bars[0] < bars[1] && bars[1] < bars[2]).toBe(true);
  });

  it('lines up its columns when variant ids and domains hold wide characters (CJK, emoji)', () => {
    const runs = ['r1', 'r2', 'r3'].map((runId) => ({ runId, simulated: false }));
    const text = renderHistory(runs, [
      { variant: '模型-β', domain: '医学', values: [0.1, 0.2, 0.3] },
      { variant: 'gpt-4o 🚀', domain: 'shell 🚀', values: [0.3, 0.2, 0.1] },
      { variant: 'base', domain: 'all', values: [0.05, 0.05, 0.06] },
    ], 'overRefusal');
    const [head, ...rows] = text.split('\n').slice(1);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(cellStarts(row).slice(0, 3)).toEqual(cellStarts(head).slice(0, 3)); // variant, domain, trend: left-aligned
      expect(cellEnds(row).slice(3, 5)).toEqual(cellEnds(head).slice(3, 5)); // first, last: right-aligned
    }
  });

  it('says so when there is nothing to show', () => {
    expect(renderHistory([], [], 'tax')).toMatch(/no runs with a report yet/);
  });
});
