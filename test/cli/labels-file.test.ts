import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHumanLabel, readLabelFile } from '../../src/cli/labels-file.js';

describe('labels files', () => {
  let dir: string;
  const file = (name: string, text: string) => { const f = join(dir, name); writeFileSync(f, text); return f; };
  beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'atax-labelfile-')); });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the five labels and XSTest\'s codes (1_full_compliance = answered), case-insensitively', () => {
    expect(['complied', 'Hedged', 'partial', 'REFUSED', 'answered', '1_full_compliance', '2_full_refusal', '3_partial_refusal'].map(parseHumanLabel))
      .toEqual(['complied', 'hedged', 'partial', 'refused', 'answered', 'answered', 'refused', 'partial']);
    expect(parseHumanLabel('maybe')).toBeUndefined();
  });

  it('accepts the column aliases, defaults sample to 0, and keeps reviewer, stratum and inclusion probability', () => {
    const rows = readLabelFile(file('a.csv', 'case_id,model,final_label,reviewer,stratum,inclusion_prob\nc1,gpt4,2_full_refusal,kim,unsure,0.5\n'), 'final_label');
    expect(rows).toEqual([{ line: 2, caseId: 'c1', variantId: 'gpt4', sample: 0, label: 'refused', reviewer: 'kim', stratum: 'unsure', inclusionProb: 0.5 }]);
    const jsonl = readLabelFile(file('b.jsonl', '{"caseId":"c2","variantId":"base","sample":1,"label":"hedged"}\n'));
    expect(jsonl[0]).toMatchObject({ line: 1, caseId: 'c2', variantId: 'base', sample: 1, label: 'hedged' });
  });

  it('names every bad row with its line and column, and refuses the whole file', () => {
    const f = file('bad.csv', 'caseId,variant,sample,label\nc1,v,0,refused\nc2,v,-1,refused\n,v,0,complied\nc4,v,0,\n');
    expect(() => readLabelFile(f)).toThrow(/bad\.csv:3: column "sample" \(3\): sample "-1" is not a whole number[\s\S]*bad\.csv:4: column "caseId" \(1\): empty case id[\s\S]*bad\.csv:5: column "label" \(4\): empty label/);
  });

  it('says which columns are missing, and points XSTest files at --label-column final_label', () => {
    expect(() => readLabelFile(file('x.csv', 'id,model,final_label\nv2-1,gpt4,1_full_compliance\n'))).toThrow(/missing the label column "label"/);
    try { readLabelFile(file('x.csv', 'id,model,final_label\nv2-1,gpt4,1_full_compliance\n')); } catch (e) { expect((e as { hint?: string }).hint).toMatch(/--label-column final_label/); }
    expect(() => readLabelFile(file('y.csv', 'foo,label\n1,refused\n'))).toThrow(/missing a case column \(caseId \| id \| case_id\), a variant column/);
  });

  it('reports a torn or non-JSON line of a JSONL file with its line', () => {
    expect(() => readLabelFile(file('c.jsonl', '{"caseId":"c1","variant":"v","label":"refused"}\n{"caseId":\n'))).toThrow(/c\.jsonl:2: not valid JSON/);
  });
});
