import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSuiteFile } from '../../src/suite/index.js';
import { UserError, UserErrors } from '../../src/errors.js';

const fixtures = 'test/fixtures/suites';

function problems(file: string): string[] {
  try {
    loadSuiteFile(file);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err instanceof UserErrors ? err.errors.map((e) => e.message) : [(err as UserError).message];
  }
  throw new Error(`expected ${file} to fail validation`);
}

describe('loadSuiteFile', () => {
  it('loads a valid suite, resolving each case domain and suite id and hashing the bytes', () => {
    const suite = loadSuiteFile(`${fixtures}/good/suites/alpha.yaml`);
    expect(suite.id).toBe('alpha');
    expect(suite.version).toBe('2');
    expect(suite.file).toBe(resolve(`${fixtures}/good/suites/alpha.yaml`));
    expect(suite.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(suite.cases.map((c) => [c.id, c.kind, c.domain, c.suiteId])).toEqual([
      ['alpha-dose', 'task', 'medical', 'alpha'],
      ['alpha-harm', 'probe', 'medical', 'alpha'],
      ['alpha-legal', 'task', 'legal', 'alpha'],
    ]);
    expect(suite.cases[0].expect).toEqual([{ type: 'contains', value: ['4 g', '4000 mg'], mode: 'any' }]);
    expect(suite.cases[1].tags).toEqual([]);
  });

  it('reports every schema problem with file:line:col, the key, what was expected and a suggestion', () => {
    const f = `${fixtures}/broken/misspelt-key.yaml`;
    expect(problems(f)).toEqual([
      `${f}:10:5: cases[1]: unknown key "promt" — did you mean "prompt"?`,
      `${f}:12:11: cases[2].kind: expected "task" or "probe", got "taks" — did you mean "task"?`,
      `${f}:16:13: cases[3].prompt: expected a string, got 42`,
      `${f}:17:11: cases[3].tags: expected a list, got "drug-word"`,
    ]);
  });

  it('names both positions of a duplicate id and a pair that names no case', () => {
    const f = `${fixtures}/broken/duplicate-and-pair.yaml`;
    expect(problems(f)).toEqual([
      `${f}:12:9: duplicate case id "same" (first defined at ${f}:5:9)`,
      `${f}:11:11: case "other": pair "smae" names no case — did you mean "same"?`,
    ]);
  });

  it('reports a YAML syntax error with its position: an unclosed quote where it opens, not where the file ends', () => {
    const [message] = problems(`${fixtures}/broken/syntax.yaml`);
    expect(message).toMatch(/^test\/fixtures\/suites\/broken\/syntax\.yaml:7:13: YAML syntax error: this quoted string is never closed \(Missing closing "quote; yaml reached line 9/);
  });

  it('points a missing key at the mapping it belongs in', () => {
    // the check at expect[0] lacks its `type`; the case lacks `id`
    const f = `${fixtures}/broken/missing-keys.yaml`;
    expect(problems(f)).toEqual([
      `${f}:5:5: cases[0]: missing required key "id" (expected a string)`,
      `${f}:8:9: cases[0].expect[0]: missing required key "type" (expected one of "contains", "not-contains", "regex", "code-block", "json", "min-words", "max-hedges", "judge")`,
    ]);
  });

  it('says which file is missing', () => {
    expect(problems(`${fixtures}/nope.yaml`)).toEqual([`${fixtures}/nope.yaml: file not found`]);
  });
});

describe('loadSuiteFile on malformed cases and checks', () => {
  it('explains each problem in the words of the suite format', () => {
    const f = `${fixtures}/broken/checks.yaml`;
    expect(problems(f)).toEqual([
      `${f}:5:5: cases[0]: a case needs exactly one of \`prompt\` or \`messages\``,
      `${f}:13:13: cases[1].prompt: must not be empty`,
      `${f}:18:15: cases[2].expect[0].type: expected one of "contains", "not-contains", "regex", "code-block", "json", "min-words", "max-hedges", "judge"; got "contain" — did you mean "contains"?`,
      `${f}:22:9: cases[2].expect[1]: unknown key "flag" — did you mean "flags"?`,
      `${f}:24:16: cases[2].expect[2].value: must be >= 0, got -3`,
    ]);
  });
});
