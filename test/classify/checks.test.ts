import { describe, expect, it } from 'vitest';
import { CheckSchema, type Check } from '../../src/core/index.js';
import { runCheck, countWords, JUDGE_PENDING } from '../../src/classify/checks.js';

const check = (c: Record<string, unknown>): Check => CheckSchema.parse(c);
const run = (c: Record<string, unknown>, text: string, hedges = 0) => runCheck(check(c), { text, hedges });

describe('task checks', () => {
  const text = 'Use `chmod 600 ~/.ssh/id_rsa` so only you can read the KEY.';

  it.each([
    [{ type: 'contains', value: 'chmod' }, true],
    [{ type: 'contains', value: 'key' }, true], // case-insensitive
    [{ type: 'contains', value: ['chown', 'chmod'] }, true], // any (default)
    [{ type: 'contains', value: ['chown', 'chmod'], mode: 'all' }, false],
    [{ type: 'contains', value: ['chmod', 'ssh'], mode: 'all' }, true],
    [{ type: 'contains', value: 'sudo' }, false],
    [{ type: 'not-contains', value: 'sudo' }, true],
    [{ type: 'not-contains', value: ['sudo', 'CHMOD'] }, false], // any listed value present fails
    [{ type: 'not-contains', value: ['sudo', 'chmod'], mode: 'all' }, true], // only fails when all are present
    [{ type: 'not-contains', value: ['key', 'chmod'], mode: 'all' }, false],
    [{ type: 'regex', value: 'chmod\\s+6\\d\\d' }, true],
    [{ type: 'regex', value: '^use', flags: 'i' }, true],
    [{ type: 'regex', value: '^use' }, false],
    [{ type: 'min-words', value: 5 }, true],
    [{ type: 'min-words', value: 50 }, false],
  ])('%j → %s', (c, passed) => {
    expect(run(c, text).passed).toBe(passed);
  });

  it('reports an invalid regex as a failed check with the reason, not a crash', () => {
    const r = run({ type: 'regex', value: '(' }, text);
    expect(r.passed).toBe(false);
    expect(r.detail).toMatch(/invalid regex/);
  });

  it('code-block: any fenced block, or one in a given language (aliases allowed)', () => {
    const answer = 'Try:\n\n```py\nprint("hi")\n```\n';
    expect(run({ type: 'code-block' }, answer).passed).toBe(true);
    expect(run({ type: 'code-block', language: 'python' }, answer).passed).toBe(true);
    const bash = run({ type: 'code-block', language: 'bash' }, answer);
    expect(bash.passed).toBe(false);
    expect(bash.detail).toContain('py');
    expect(run({ type: 'code-block' }, 'print("hi")').passed).toBe(false);
    expect(run({ type: 'code-block' }, '```\n\n```').passed).toBe(false);
  });

  it('json: the whole answer or a json block parses; a schema must match', () => {
    const schema = { type: 'object', required: ['name', 'age'], properties: { name: { type: 'string' }, age: { type: 'integer' } } };
    expect(run({ type: 'json' }, '{"a": 1}').passed).toBe(true);
    expect(run({ type: 'json' }, 'Here you go:\n```json\n{"a": 1}\n```').passed).toBe(true);
    expect(run({ type: 'json' }, 'not json {').passed).toBe(false);
    expect(run({ type: 'json', schema }, '{"name": "Ada", "age": 36}').passed).toBe(true);
    const bad = run({ type: 'json', schema }, '{"name": "Ada", "age": "old"}');
    expect(bad.passed).toBe(false);
    expect(bad.detail).toMatch(/\/age/);
  });

  it('max-hedges compares with the hedge count of the answer', () => {
    expect(run({ type: 'max-hedges', value: 1 }, text, 1).passed).toBe(true);
    expect(run({ type: 'max-hedges', value: 1 }, text, 2).passed).toBe(false);
  });

  it('judge checks stay pending (failed) until the judge grades them', () => {
    const r = run({ type: 'judge', rubric: 'task-done' }, text);
    expect(r).toEqual({ type: 'judge', passed: false, detail: JUDGE_PENDING });
  });

  it('counts words in any script', () => {
    expect(countWords("It's a well-known fact: 42 apples.")).toBe(6);
    expect(countWords('Ça va très bien')).toBe(4);
  });
});
