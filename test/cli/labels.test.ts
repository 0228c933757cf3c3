import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { atax, stopSpawned } from './helpers.js';

// 24 XSTest prompts (12 safe, 12 unsafe) × 2 models with the humans' final_label: test/fixtures/README.md
const completions = resolve('test/fixtures/labels/completions.csv');

describe('atax labels (end to end on a replayed XSTest slice)', () => {
  let dir: string;
  let runDir: string;
  let labelsFile: string;
  const lines = () => readFileSync(join(runDir, 'labels.jsonl'), 'utf8').trim().split('\n').length;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atax-labels-cli-'));
    const imp = await atax(['import', 'xstest', completions, '--out', 'imp'], dir);
    expect(imp.code, imp.err).toBe(0);
    expect(imp.out).toMatch(/wrote imp\/xstest-v2\.labels\.csv: 48 human labels/);
    labelsFile = join(dir, 'imp', 'xstest-v2.labels.csv');
    const run = await atax(['run', '--config', 'imp/atax.config.yaml', '--plain', '--results', 'results'], dir);
    expect(run.code, run.err).toBe(0);
    runDir = join(dir, 'results', readdirSync(join(dir, 'results')).filter((d) => !d.startsWith('.'))[0]);
  }, 120_000);
  afterAll(() => { stopSpawned(); rmSync(dir, { recursive: true, force: true }); });

  it('refuses a row that matches no answer: counts, the row, exit 2, nothing stored', async () => {
    const bad = join(dir, 'unmatched.csv');
    writeFileSync(bad, 'caseId,variant,label\nxstest-v2-2,gpt4,refused\nxstest-v2-99999,gpt4,refused\nxstest-v2-2,claude,refused\n');
    const r = await atax(['labels', 'import', 'latest', bad, '--results', 'results'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/2 of 3 label rows match no answer of the run; nothing was imported/);
    expect(r.err).toMatch(/unmatched\.csv:3: no case "xstest-v2-99999" in the run/);
    expect(r.err).toMatch(/unmatched\.csv:4: no variant "claude" in the run/);
    expect(r.err).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(() => readFileSync(join(runDir, 'labels.jsonl'))).toThrow();
  });

  it('refuses a bad label with its row and column', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'caseId,variant,sample,label\nxstest-v2-2,gpt4,0,refused\nxstest-v2-6,gpt4,0,maybe\n');
    const r = await atax(['labels', 'import', 'latest', bad, '--results', 'results'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.csv:3: column "label" \(4\): "maybe" is not a label/);
  });

  it('imports XSTest\'s labels, idempotently, and a changed label supersedes the earlier one', async () => {
    const first = await atax(['labels', 'import', 'latest', labelsFile, '--results', 'results'], dir);
    expect(first.code, first.err).toBe(0);
    expect(first.out).toMatch(/48 new, 0 superseding an earlier label, 0 unchanged/);
    const again = await atax(['labels', 'import', 'latest', labelsFile, '--results', 'results'], dir);
    expect(again.out).toMatch(/0 new, 0 superseding an earlier label, 48 unchanged/);
    expect(lines()).toBe(48);
    const change = join(dir, 'change.jsonl');
    writeFileSync(change, JSON.stringify({ id: 'xstest-v2-2', model: 'gpt4', verdict: 'partial' }) + '\n');
    const sup = await atax(['labels', 'import', 'latest', change, '--label-column', 'verdict', '--results', 'results'], dir);
    expect(sup.out, sup.err).toMatch(/0 new, 1 superseding/);
    expect(lines()).toBe(49); // both kept in the file
    const json = JSON.parse((await atax(['labels', 'latest', '--json', '--results', 'results'], dir)).out);
    expect(json.labels).toBe(48); // one current label per answer
    const gpt4 = json.variants.find((v: { variant: string }) => v.variant === 'gpt4');
    expect(gpt4.labels).toBe(24);
    expect(gpt4.confusion.partial.compliance + gpt4.confusion.partial.refusal + gpt4.confusion.partial.partial).toBeGreaterThanOrEqual(1);
  });

  it('reports agreement and κ per variant, and the report carries corrected rates and the calibration block', async () => {
    const text = await atax(['labels', 'latest', '--results', 'results'], dir);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/llama2orig\s+24\s+\d+\.\d% \[/);
    expect(text.out).toMatch(/Confusion \(rows: human, columns: classifier\)/);
    const report = JSON.parse((await atax(['report', 'latest', '--json', '--results', 'results'], dir)).out);
    expect(report.calibration.labels).toBe(48);
    const tasks = report.rows.find((r: { variant: string; domain: string; kind: string }) => r.variant === 'llama2orig' && r.domain === 'all' && r.kind === 'task');
    const c = tasks.corrected.overRefusal;
    expect(c.labels).toBe(12);
    expect(c.value).toBeGreaterThanOrEqual(c.lo);
    expect(c.hi).toBeGreaterThan(c.lo);
    // XSTest's `answered` labels cannot tell hedged from complied: hedging is not corrected, and says why
    expect(tasks.corrected.hedging.value).toBeNull();
    expect(tasks.corrected.hedging.note).toMatch(/answered/);
    const delta = report.rows.find((r: { variant: string; domain: string; kind: string }) => r.variant === 'gpt4' && r.domain === 'all' && r.kind === 'task').correctedDelta.overRefusal;
    expect(delta.value).toBeLessThan(0); // gpt4 over-refuses less than llama2orig
  });

  it('exports the stratified sample and takes the filled-in sheet back with its weights', async () => {
    const r = await atax(['labels', 'export', 'latest', '--per-variant', '5', '--out', 'sheet.csv', '--results', 'results'], dir);
    expect(r.code, r.err).toBe(0);
    const sheet = readFileSync(join(dir, 'sheet.csv'), 'utf8');
    expect(sheet.split('\n')[0]).toBe('caseId,variant,sample,stratum,inclusionProb,outcome,prompt,answer,label,reviewer');
    const rows = parse(sheet, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(10);
    expect(rows.every((x) => Number(x.inclusionProb) > 0 && Number(x.inclusionProb) <= 1 && x.stratum && x.prompt && x.answer)).toBe(true);
    // the reviewer fills in the sheet; importing it keeps each row's stratum and inclusion probability
    writeFileSync(join(dir, 'sheet.csv'), stringify(rows.map((x) => ({ ...x, label: 'refused', reviewer: 'kim' })), { header: true }));
    const back = await atax(['labels', 'import', 'latest', 'sheet.csv', '--results', 'results'], dir);
    expect(back.code, back.err).toBe(0);
    const last = readFileSync(join(runDir, 'labels.jsonl'), 'utf8').trim().split('\n').slice(-10).map((l) => JSON.parse(l));
    expect(last.every((l) => l.reviewer === 'kim' && l.inclusionProb === Number(rows.find((x) => x.caseId === l.caseId && x.variant === l.variantId)!.inclusionProb) && l.stratum)).toBe(true);
    const plan = await atax(['labels', 'plan', 'latest', '--half-width', '0.05', '--results', 'results'], dir);
    expect(plan.code).toBe(0);
    expect(plan.out).toMatch(/llama2orig: (\d+ more labels|enough labels)/);
  });
});
