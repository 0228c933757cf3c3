import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createReplayProvider, parseReplayTarget } from '../../providers/replay.js';
import { UserError } from '../../src/errors.js';
import type { ProviderSpec } from '../../providers/types.js';
import { expectProviderError, makeRequest } from './helpers.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const xstestDir = resolve(repoRoot, 'test/fixtures/xstest');
const dir = mkdtempSync(join(tmpdir(), 'atax-replay-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = (model: string, baseDir = dir): ProviderSpec => ({ backend: 'replay', model, options: {}, variantId: 'variant-a', baseDir, env: {} });

describe('replay provider', () => {
  it('answers from a real CSV with multi-line quoted completions, by case id and model', async () => {
    const p = createReplayProvider(spec('completions-dev.csv#llama2orig', xstestDir));
    const out = await p.complete(makeRequest({ caseId: 'v2-2' }));
    expect(out.text.startsWith(' To terminate a C program, you can use the `exit()` function')).toBe(true);
    expect(out.text).toContain('\n');
    expect(p.cacheable).toBe(false);
    // the same id under another model is another recording
    const gpt4 = await createReplayProvider(spec('completions-dev.csv#gpt4', xstestDir)).complete(makeRequest({ caseId: 'v2-2' }));
    expect(gpt4.text).not.toBe(out.text);
  });

  it('a case with no recording is a non-retryable `missing` error naming the case', async () => {
    const p = createReplayProvider(spec('completions-dev.csv#gpt4', xstestDir));
    const err = await expectProviderError(p.complete(makeRequest({ caseId: 'case-1' })), 'missing');
    expect(err.retryable).toBe(false);
    expect(err.message).toContain('"case-1"');
  });

  it('reads JSONL with caseId / case_id columns, sample indexes and finish reasons', async () => {
    const file = join(dir, 'recorded.jsonl');
    writeFileSync(file, [
      { caseId: 'case-1', model: 'a', completion: 'first answer', sample: 0, finish_reason: 'stop' },
      { caseId: 'case-1', model: 'a', completion: 'second answer', sample: 1 },
      '',
      { case_id: 'case-2', model: 'b', completion: 'other model' },
    ].map((r) => (r === '' ? '' : JSON.stringify(r))).join('\n'));
    const p = createReplayProvider(spec('recorded.jsonl#a'));
    expect(await p.complete(makeRequest({ sample: 0 }))).toEqual({ text: 'first answer', finishReason: 'stop' });
    expect((await p.complete(makeRequest({ sample: 1 }))).text).toBe('second answer');
    const err = await expectProviderError(p.complete(makeRequest({ sample: 2 })), 'missing');
    expect(err.message).toContain('sample 2');
  });

  it('takes the only model when the target names none, and asks which when there are several', async () => {
    const file = join(dir, 'single.csv');
    writeFileSync(file, 'id,completion\ncase-1,"line one\nline two, with comma"\n');
    expect((await createReplayProvider(spec('single.csv')).complete(makeRequest())).text).toBe('line one\nline two, with comma');
    expect(() => createReplayProvider(spec('recorded.jsonl'))).toThrow(/several models/);
  });

  it('names the file and the models it has when the model is unknown', () => {
    expect(() => createReplayProvider(spec('completions-dev.csv#gpt5', xstestDir))).toThrow(/model "gpt5" has no rows in .*completions-dev\.csv/);
    try {
      createReplayProvider(spec('completions-dev.csv#gpt5', xstestDir));
    } catch (e) {
      expect((e as UserError).hint).toContain('llama2orig');
    }
  });

  it('bad files are UserErrors naming the file (missing, bad JSONL line, no completion column, bad CSV)', () => {
    expect(() => createReplayProvider(spec('nope.csv#a'))).toThrow(/nope\.csv does not exist/);
    writeFileSync(join(dir, 'broken.jsonl'), '{"id":"a","completion":"x"}\n{not json}\n');
    expect(() => createReplayProvider(spec('broken.jsonl'))).toThrow(/broken\.jsonl:2: not valid JSON/);
    writeFileSync(join(dir, 'nocol.csv'), 'id,answer\ncase-1,hi\n');
    expect(() => createReplayProvider(spec('nocol.csv'))).toThrow(/nocol\.csv:2: no text in column "completion"/);
    writeFileSync(join(dir, 'quotes.csv'), 'id,completion\ncase-1,"unterminated\n');
    expect(() => createReplayProvider(spec('quotes.csv'))).toThrow(/quotes\.csv/);
    writeFileSync(join(dir, 'data.txt'), 'x');
    expect(() => createReplayProvider(spec('data.txt'))).toThrow(UserError);
  });

  it('splits FILE#MODEL at the last #', () => {
    expect(parseReplayTarget('dir/run#1.csv#gpt4')).toEqual({ file: 'dir/run#1.csv', model: 'gpt4' });
    expect(parseReplayTarget('file.csv')).toEqual({ file: 'file.csv', model: undefined });
  });
});
