import { describe, expect, it } from 'vitest';
import { buildTaxReport } from '../../src/stats/index.js';
import { historySeries, renderHistory } from '../../src/report/history.js';
import { manifestFor } from './fixture.js';
import { taskCases } from './records.js';

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

  it('says so when there is nothing to show', () => {
    expect(renderHistory([], [], 'tax')).toMatch(/no runs with a report yet/);
  });
});
