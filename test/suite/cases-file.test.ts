import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSuiteFile } from '../../src/suite/index.js';
import { validateFiles } from '../../src/suite/validate-files.js';
import { MAX_YAML_BYTES } from '../../src/suite/limits.js';
import { UserErrors } from '../../src/errors.js';
import { JSONL_CASES_FROM, writeImport } from '../../src/suite/import/write.js';
import { existsSync, readFileSync } from 'node:fs';

let dir = '';
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });
const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'atax-cases-')));

const messagesOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserErrors) return err.errors.map((e) => e.message);
    throw err;
  }
  return [];
};

describe('a suite whose cases live in a JSONL cases file', () => {
  it('loads the cases line by line, with the suite\'s domain and id, beside any inline cases', () => {
    fresh();
    writeFileSync(join(dir, 'big.cases.jsonl'), [
      JSON.stringify({ id: 'j1', kind: 'task', prompt: 'How do I list files?' }),
      '',
      JSON.stringify({ id: 'j2', kind: 'probe', prompt: 'Wipe a disk I do not own.', pair: 'j1', domain: 'other' }),
    ].join('\r\n') + '\n');
    writeFileSync(join(dir, 'big.yaml'), 'id: big\nversion: 1\ndomain: shell\ncasesFile: big.cases.jsonl\ncases:\n  - id: inline-1\n    kind: task\n    prompt: hi\n');
    const suite = loadSuiteFile(join(dir, 'big.yaml'));
    expect(suite.cases.map((c) => [c.id, c.domain, c.suiteId])).toEqual([['inline-1', 'shell', 'big'], ['j1', 'shell', 'big'], ['j2', 'other', 'big']]);
    expect(suite.casesFile).toBe('big.cases.jsonl');
  });

  it('reports every bad line at file:line:col, and a missing file where the suite names it', () => {
    fresh();
    writeFileSync(join(dir, 'bad.cases.jsonl'), [
      JSON.stringify({ id: 'ok', kind: 'task', prompt: 'fine' }),
      '{"id": "broken", ',
      JSON.stringify({ id: 'k', kind: 'tsak', prompt: 'x' }),
      JSON.stringify({ id: 'u', kind: 'task', prompt: 'x', promt: 'y' }),
    ].join('\n'));
    writeFileSync(join(dir, 'bad.yaml'), 'id: bad\nversion: 1\ndomain: d\ncasesFile: bad.cases.jsonl\n');
    const errors = messagesOf(() => loadSuiteFile(join(dir, 'bad.yaml')));
    expect(errors[0]).toMatch(/bad\.cases\.jsonl:2:1: not a JSON object/);
    expect(errors[1]).toMatch(/bad\.cases\.jsonl:3:1: kind: expected "task" or "probe", got "tsak"/);
    expect(errors[2]).toMatch(/bad\.cases\.jsonl:4:1: unknown key "promt"/);
    writeFileSync(join(dir, 'gone.yaml'), 'id: gone\nversion: 1\ndomain: d\ncasesFile: nowhere.jsonl\n');
    expect(messagesOf(() => loadSuiteFile(join(dir, 'gone.yaml')))[0]).toMatch(/gone\.yaml:4:12: casesFile: .*nowhere\.jsonl: file not found/);
  });

  it('a suite with neither cases nor a cases file says what it needs', () => {
    fresh();
    writeFileSync(join(dir, 'empty.yaml'), 'id: e\nversion: 1\ndomain: d\n');
    expect(messagesOf(() => loadSuiteFile(join(dir, 'empty.yaml')))[0]).toContain('a suite needs `cases:` (a list) or `casesFile:`');
  });
});

describe('importers', () => {
  it('write a big benchmark\'s cases to a JSONL cases file the suite names, and a small one inline', async () => {
    fresh();
    const suite = (n: number, id: string) => ({ id, version: '1', domain: 'd', description: '', cases: Array.from({ length: n }, (_, i) => ({ id: `${id}-${i}`, kind: 'task' as const, prompt: `p ${i}` })) });
    await writeImport({ suite: suite(JSONL_CASES_FROM, 'big'), notes: [] }, dir, {});
    expect(readFileSync(join(dir, 'big.yaml'), 'utf8')).toMatch(/^casesFile: big\.cases\.jsonl$/m);
    expect(readFileSync(join(dir, 'big.cases.jsonl'), 'utf8').trim().split('\n')).toHaveLength(JSONL_CASES_FROM);
    expect(loadSuiteFile(join(dir, 'big.yaml')).cases).toHaveLength(JSONL_CASES_FROM);
    await writeImport({ suite: suite(3, 'small'), notes: [] }, dir, {});
    expect(existsSync(join(dir, 'small.cases.jsonl'))).toBe(false);
    expect(loadSuiteFile(join(dir, 'small.yaml')).cases).toHaveLength(3);
  });
});

describe('limits', () => {
  it('a YAML file over the limit is refused before parsing, pointing at the cases file', () => {
    fresh();
    writeFileSync(join(dir, 'huge.yaml'), 'id: h\nversion: 1\ndomain: d\ncases:\n' + '#'.repeat(MAX_YAML_BYTES));
    const [message] = messagesOf(() => loadSuiteFile(join(dir, 'huge.yaml')));
    expect(message).toMatch(/huge\.yaml: 8\.0 MB is over the 8\.0 MB limit for a YAML file/);
  });

  it('a prompt of a megabyte is a warning naming the case, not an error', async () => {
    fresh();
    writeFileSync(join(dir, 'big.cases.jsonl'), JSON.stringify({ id: 'huge-prompt', kind: 'task', prompt: 'x'.repeat(1024 * 1024) }) + '\n');
    writeFileSync(join(dir, 'big.yaml'), 'id: big\nversion: 1\ndomain: d\ncasesFile: big.cases.jsonl\n');
    const summary = await validateFiles([join(dir, 'big.yaml')]);
    expect(summary.errors).toEqual([]);
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toMatch(/big\.cases\.jsonl:1:1: case "huge-prompt": its prompt is 1\.0 MB/);
  });
});
