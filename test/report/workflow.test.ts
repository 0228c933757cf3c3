import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

/** The shipped GitHub workflow: scheduled, Node 20, results cached, scorecard uploaded, fails on regression. */
describe('.github/workflows/nightly.yml', () => {
  const wf = parse(readFileSync(resolve(__dirname, '../../.github/workflows/nightly.yml'), 'utf8'));
  // the workflow file as parsed YAML: a loosely typed tree, read the way GitHub reads it
  type Step = { uses?: string; run?: string; id?: string; if?: string; with: Record<string, unknown> & { path: string } };
  const steps: Step[] = wf.jobs.nightly.steps;
  const uses = (prefix: string) => steps.filter((s) => typeof s.uses === 'string' && s.uses.startsWith(prefix));

  it('runs on a schedule with Node 20 and npm ci', () => {
    expect(wf.on.schedule[0].cron).toMatch(/^\S+ \S+ \* \* \*$/);
    expect(uses('actions/setup-node@')[0].with['node-version']).toBe(20);
    expect(steps.some((s) => s.run === 'npm ci')).toBe(true);
  });

  it('restores and saves results/, runs atax nightly, uploads the scorecard and fails on a non-zero exit', () => {
    expect(uses('actions/cache/restore@')[0].with.path).toBe('results');
    expect(uses('actions/cache/save@')[0].with.path).toBe('results');
    const nightly = steps.find((s) => s.id === 'nightly')!;
    expect(nightly.run).toMatch(/npx atax "\$\{args\[@\]\}"/);
    expect(nightly.run).toMatch(/args=\(nightly /);
    expect(uses('actions/upload-artifact@')[0].with.path).toMatch(/scorecard\//);
    const fail = steps[steps.length - 1];
    expect(fail.if).toBe("steps.nightly.outputs.code != '0'");
    expect(fail.run).toMatch(/exit 1/);
  });

  it('never pastes workflow inputs into a script', () => {
    for (const s of steps) if (typeof s.run === 'string') expect(s.run).not.toMatch(/\$\{\{\s*github\.event/);
  });
});
