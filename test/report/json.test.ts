import { describe, expect, it } from 'vitest';
import { ReportSchema } from '../../src/core/index.js';
import { renderJson } from '../../src/report/json.js';
import { scenarioCard } from './card.js';

describe('renderJson', () => {
  it('is the TaxReport contract plus the verdict, which is on line 1', async () => {
    const card = await scenarioCard();
    const text = renderJson(card);
    expect(text.split('\n')[0]).toMatch(/^\{"verdict": \{"line": "FAIL: 3 of 3 gates failed/);
    const data = JSON.parse(text);
    expect(ReportSchema.safeParse(data).success).toBe(true);
    expect(data.verdict.pass).toBe(false);
    expect(data.verdict.gates).toHaveLength(3);
    expect(data.rows).toEqual(card.report.rows);
  });
});
