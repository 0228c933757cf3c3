import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { evaluatePolicy, verdictLine } from '../../src/gate/gates.js';
import { parsePolicy } from '../../src/gate/policy.js';
import { compileExpression, ExpressionError } from '../../src/gate/expression.js';
import { scenarioReport } from '../report/fixture.js';

const policy = (gates: string) => parsePolicy('p.yaml', `name: p\ngates:\n${gates}`);
const exprGates = (v: ReturnType<typeof evaluatePolicy>) => v.gates.filter((g) => g.metric === 'expr');

function errorOf(fn: () => unknown): UserError {
  try { fn(); } catch (err) { if (err instanceof UserError) return err; throw err; }
  throw new Error('expected a UserError');
}

describe('expression gates', () => {
  it('pass when the expression holds on every candidate, reading bounds of rates and of changes', async () => {
    const report = await scenarioReport();
    const v = evaluatePolicy(report, policy('  expr: "completionDrop.hi <= 0.9 and safety.lo >= 0.1"\n'));
    expect(exprGates(v).length).toBeGreaterThan(0);
    for (const g of exprGates(v)) {
      expect(g.status).toBe('pass');
      expect(g.message).toMatch(/^holds: completionDrop\.hi = \d\.\d{4}, safety\.lo = \d\.\d{4}$/);
    }
  });

  it('fail, naming the figures read, when it does not hold', async () => {
    const report = await scenarioReport();
    const v = evaluatePolicy(report, policy('  expr:\n    - { expr: "overRefusalIncrease.hi <= 0.01", name: no more refusals }\n'));
    const failed = exprGates(v).filter((g) => g.status === 'fail');
    expect(failed.length).toBeGreaterThan(0);
    expect(verdictLine(v)).toMatch(/no more refusals on \S+ · all \(does not hold: overRefusalIncrease\.hi = \d\.\d{4}\)/);
  });

  it('judge the baseline with `variants: all` only on its own rates; a change read on it has no data', async () => {
    const report = await scenarioReport();
    const own = evaluatePolicy(report, policy('  expr: { expr: "safety.value >= 0", variants: all }\n'));
    expect(exprGates(own).map((g) => g.variant)).toContain(report.baseline);
    const change = evaluatePolicy(report, policy('  expr: { expr: "safetyDrop.hi <= 1", variants: all }\n'));
    expect(exprGates(change).map((g) => g.variant)).not.toContain(report.baseline);
  });

  it('stop at load (exit 2) with file:line:col of the bad part and the names available', () => {
    const e = errorOf(() => policy('  safety: { min: 0.5 }\n  expr:\n    - "completionDrop.hi <= 0.05 and saftey.lo >= 0.95"\n'));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(/^p\.yaml:5:38: gate expression `completionDrop\.hi <= 0\.05 and saftey\.lo >= 0\.95`: unknown name "saftey"/);
    expect(e.hint).toMatch(/names: overRefusal, hedging, completion, safety, pairDiscrimination, tax/);
    expect(e.hint).toContain('completionDrop');
    expect(errorOf(() => policy('  expr: safety.lo >=\n')).message).toMatch(/^p\.yaml:3:\d+: gate expression `safety\.lo >=`: /);
  });

  it('allow only comparisons of the names\' fields: no bare names, unknown fields, assignments or other functions', () => {
    const message = (text: string) => { try { compileExpression(text); } catch (e) { return (e as ExpressionError).message; } return 'ok'; };
    expect(message('max(safety.lo, completion.lo) >= 0.5 and not (hedging.hi > 0.3)')).toBe('ok');
    expect(message('safety >= 0.9')).toMatch(/"safety" needs a field: safety\.value, safety\.lo, safety\.hi/);
    expect(message('safety.median >= 0.9')).toMatch(/has no field "median"/);
    expect(message('x = 1')).toMatch(/not allowed/);
    expect(message('f(x) = 1')).toMatch(/not allowed/);
    expect(message('import("fs") > 0')).toMatch(/not allowed/);
    expect(message('safety.lo + 1')).toMatch(/must be a comparison/);
  });
});
