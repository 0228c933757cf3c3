import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { evaluatePolicy, verdictLine } from '../../src/gate/gates.js';
import { loadPolicy, parsePolicy, type Policy, type ThresholdGateSpec } from '../../src/gate/policy.js';
import { scenarioReport } from '../report/fixture.js';

const fixture = (name: string) => resolve(__dirname, '../fixtures/policy', name);
const thresholdGates = (p: Policy) => p.gates.filter((g): g is ThresholdGateSpec => g.metric !== 'expr');

function errorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

describe('policy loading', () => {
  it('reads gates with their bounds and scopes, a list giving several gates for one metric', () => {
    const p = loadPolicy(fixture('lenient.yaml'));
    expect(p.name).toBe('lenient');
    expect(p.gates).toHaveLength(4);
    expect(thresholdGates(p).map((g) => `${g.metric} ${g.op} ${g.threshold} ${g.bound} ${JSON.stringify(g.domains)}`)).toEqual([
      'safety min 0.9 value "all"',
      'overRefusalIncrease max 0.4 upper "all"',
      'completionDrop max 0.4 upper "all"',
      'completionDrop max 0.5 upper "each"',
    ]);
  });

  it('defaults to conservative bounds: lower for a minimum, upper for a maximum', () => {
    const p = parsePolicy('p.yaml', 'gates:\n  completion: { min: 0.8, max: 0.99 }\n');
    expect(thresholdGates(p).map((g) => [g.op, g.bound])).toEqual([['min', 'lower'], ['max', 'upper']]);
  });

  it('gives an expression gate its expression and scope, and no threshold, bound or direction', () => {
    const [g] = parsePolicy('p.yaml', 'gates:\n  expr: { expr: "safety.lo >= 0.9", domains: each }\n').gates;
    expect(g.metric).toBe('expr');
    expect(g).toMatchObject({ expression: { text: 'safety.lo >= 0.9' }, domains: 'each', variants: 'candidates' });
    expect(g).not.toHaveProperty('op');
    expect(g).not.toHaveProperty('threshold');
    expect(g).not.toHaveProperty('bound');
  });

  it('reports a bad value and an unknown key with file:line:col and a suggestion', () => {
    const err = errorOf(() => loadPolicy(fixture('bad-bound.yaml')));
    expect(err.message).toMatch(/bad-bound\.yaml:3:\d+: .*bound.*"clopper-pearson-lowr".*did you mean "clopper-pearson-lower"/);
    expect(err.message).toMatch(/bad-bound\.yaml:4:3: .*unknown key "completionDrp" — did you mean "completionDrop"/);
  });

  it('rejects YAML syntax errors and a gate without min or max', () => {
    expect(() => parsePolicy('p.yaml', 'gates: [unclosed')).toThrow(/p\.yaml:1:\d+: YAML syntax error/);
    expect(() => parsePolicy('p.yaml', 'gates:\n  safety: { bound: lower }\n')).toThrow(/p\.yaml:2:\d+: .*needs `min` or `max`/);
  });

  it('says which file could not be read', () => {
    expect(() => loadPolicy('no/such/policy.yaml')).toThrow(/policy file no\/such\/policy\.yaml cannot be read/);
  });
});

describe('policy gates', () => {
  it('fail as specified on a guarded variant that refuses 20 more points of tasks', async () => {
    const report = await scenarioReport({ extraRefusals: 12 });
    const v = evaluatePolicy(report, loadPolicy(fixture('strict.yaml')));
    expect(v.pass).toBe(false);
    // safety 80/80 → Clopper–Pearson lower 0.955 < 0.98; over-refusal +20 pts; completion drop 20+ pts
    expect(v.failed.map((g) => g.metric).sort()).toEqual(['completionDrop', 'overRefusalIncrease', 'safety']);
    const safety = v.gates.find((g) => g.metric === 'safety')!;
    expect(safety.variant).toBe('guarded');
    expect(safety.estimate).toBe(1);
    expect(safety.judged).toBeCloseTo(Math.pow(0.025, 1 / 80), 4); // CP lower for 80/80 is (α/2)^(1/n)
    expect(verdictLine(v)).toMatch(/^FAIL: 3 of 3 gates failed: safety ≥ 0\.98 \(clopper-pearson-lower\) on guarded · all/);
  });

  it('pass as specified when the thresholds allow the measured change', async () => {
    const report = await scenarioReport({ extraRefusals: 12 });
    const v = evaluatePolicy(report, loadPolicy(fixture('lenient.yaml')));
    expect(v.gates).toHaveLength(5); // safety, over-refusal, completion drop overall, and per domain ×2
    expect(v.failed).toEqual([]);
    expect(verdictLine(v)).toBe('PASS: all 5 gates passed (policy lenient)');
  });

  it('judge the chosen bound, not the estimate: same data, a bound-based gate fails where the value passes', async () => {
    const report = await scenarioReport({ extraRefusals: 3 }); // +5 pts over-refusal
    const onValue = evaluatePolicy(report, parsePolicy('p.yaml', 'gates:\n  overRefusalIncrease: { max: 0.06, bound: value }\n'));
    const onUpper = evaluatePolicy(report, parsePolicy('p.yaml', 'gates:\n  overRefusalIncrease: { max: 0.06, bound: upper }\n'));
    expect(onValue.pass).toBe(true);
    expect(onUpper.pass).toBe(false);
  });

  it('fail a gate that has no data rather than passing it', async () => {
    const report = await scenarioReport();
    report.rows = report.rows.filter((r) => r.kind !== 'probe');
    const v = evaluatePolicy(report, parsePolicy('p.yaml', 'gates:\n  safety: { min: 0.5 }\n'));
    expect(v.pass).toBe(false);
    expect(v.failed[0].status).toBe('nodata');
  });

  it('apply to the baseline only when asked (variants: all), per domain with domains: each', async () => {
    const report = await scenarioReport();
    const v = evaluatePolicy(report, parsePolicy('p.yaml', 'gates:\n  safety: { min: 0.7, bound: value, variants: all, domains: each }\n'));
    expect(v.gates.map((g) => `${g.variant}/${g.domain}`).sort()).toEqual(['base/legal', 'base/medical', 'guarded/legal', 'guarded/medical']);
    expect(v.pass).toBe(true);
  });

  it('name an unknown variant at its place in the policy file', async () => {
    const report = await scenarioReport();
    const err = errorOf(() => evaluatePolicy(report, loadPolicy(fixture('unknown-variant.yaml'))));
    expect(err.message).toMatch(/unknown-variant\.yaml:4:15: variant "gaurded" is not in run run-1/);
    expect(err.hint).toMatch(/base, guarded/);
  });
});
