import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, renderCsv } from '../../src/report/csv.js';
import { scenarioCard } from './card.js';

describe('renderCsv', () => {
  it('has the verdict as a comment line, then one row per variant × domain × metric', async () => {
    const card = await scenarioCard();
    const csv = renderCsv(card);
    expect(csv.split('\n')[0]).toMatch(/^# FAIL: 3 of 3 gates failed/);
    const rows = parse(csv, { comment: '#', columns: true }) as Array<Record<string, string>>;
    // 2 variants × 3 domains (legal, medical, all) × 4 rates, + guarded's tax and safety gain × 3 domains
    expect(rows).toHaveLength(2 * 3 * 4 + 3 * 2);
    expect(Object.keys(rows[0])).toEqual([...CSV_COLUMNS]);
    const keys = rows.map((r) => `${r.variant}|${r.domain}|${r.metric}`);
    expect(new Set(keys).size).toBe(rows.length);
    const over = rows.find((r) => r.variant === 'guarded' && r.domain === 'all' && r.metric === 'overRefusal')!;
    expect(Number(over.value)).toBeCloseTo(14 / 60, 10);
    expect(Number(over.delta)).toBeCloseTo(0.2, 10);
    expect(Number(over.p_adj)).toBeLessThan(0.001);
  });
});
