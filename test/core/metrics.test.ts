import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANGE_GATE_NAMES, LEVEL_GATE_NAMES, METRIC_IDS, METRIC_TABLE, RATE_METRIC_IDS, RatesSchema, type RunRecord } from '../../src/core/index.js';
import { buildTaxReport } from '../../src/stats/index.js';
import { renderReportTable } from '../../src/report/terminal.js';
import { METRICS, METRIC_LABEL } from '../../src/report/matrix.js';
import { HISTORY_METRICS } from '../../src/report/history.js';
import { RATES } from '../../src/report/scorecard-rows.js';
import { REGRESSION_METRICS } from '../../src/gate/regression.js';
import { PolicySchema } from '../../src/gate/policy.js';
import { expressionNames } from '../../src/gate/expression.js';
import { manifest, record } from '../stats/fixtures.js';

/** Two domains, tasks with their contrast probes, two variants: every kind of row exists. */
function records(): RunRecord[] {
  return ['base', 'guarded'].flatMap((v, k) => ['medical', 'legal'].flatMap((domain) => Array.from({ length: 12 }, (_, i) => [
    record({ caseId: `${domain}-t${i}`, variantId: v, domain, outcome: i < 2 + 4 * k ? 'refused' : i < 6 ? 'hedged' : 'complied' }),
    { ...record({ caseId: `${domain}-p${i}`, variantId: v, domain, kind: 'probe', outcome: i < 6 + 3 * k ? 'refused' : 'complied' }), pair: `${domain}-t${i}` },
  ]).flat()));
}

describe('the metrics table', () => {
  it('puts every rate of the table in the report: a rate on each row of its kind and a delta for the candidate', async () => {
    const r = await buildTaxReport(records(), { manifest: manifest() });
    for (const id of RATE_METRIC_IDS) {
      const rows = r.rows.filter((x) => x.kind === METRIC_TABLE[id].kind);
      expect(rows.length, id).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.rates[id]?.value, `${id} ${row.variant} ${row.domain}`).not.toBeUndefined();
        if (row.variant !== 'base') expect(row.delta?.[id]?.mde, `${id} delta mde`).not.toBeUndefined();
      }
    }
    expect(r.tax.length).toBeGreaterThan(0); // the tax (points) row comes from the tax rows
  });

  it('is the JSON schema of rates and deltas (schema/report.schema.json is regenerated from it)', () => {
    expect(Object.keys(RatesSchema.shape).sort()).toEqual([...RATE_METRIC_IDS].sort());
    const schema = readFileSync(resolve(__dirname, '../../schema/report.schema.json'), 'utf8');
    for (const id of RATE_METRIC_IDS) expect(schema, id).toContain(`"${id}"`);
  });

  it('is what every view lists: terminal blocks, matrix tabs, history, scorecard columns, nightly, policy names', async () => {
    const out = renderReportTable(await buildTaxReport(records(), { manifest: manifest() }), { color: false, width: 120 });
    for (const id of METRIC_IDS) expect(out, id).toContain(METRIC_TABLE[id].title);
    expect(METRICS).toEqual(METRIC_IDS);
    for (const id of METRIC_IDS) expect(METRIC_LABEL[id]).toBe(METRIC_TABLE[id].label);
    expect(HISTORY_METRICS).toEqual(METRIC_IDS);
    expect(RATES).toEqual(RATE_METRIC_IDS);
    expect(REGRESSION_METRICS).toEqual(RATE_METRIC_IDS.filter((id) => METRIC_TABLE[id].nightly));
    const gateKeys = Object.keys(PolicySchema.shape.gates.shape);
    for (const g of [...LEVEL_GATE_NAMES, ...CHANGE_GATE_NAMES]) expect(gateKeys, g).toContain(g);
    expect(Object.keys(expressionNames())).toEqual(expect.arrayContaining([...METRIC_IDS, ...CHANGE_GATE_NAMES]));
  });

  it('names a change gate for the worse direction of each rate: an increase when lower is better, a drop when higher is', () => {
    for (const id of RATE_METRIC_IDS) {
      const g: { change?: string } = METRIC_TABLE[id].gates;
      expect(g.change).toBe(`${id}${METRIC_TABLE[id].better === 1 ? 'Drop' : 'Increase'}`);
    }
  });
});
