import { describe, expect, it } from 'vitest';
import { UserError } from '../src/errors.js';
import { parseCsvText, parseJsonObjectLine, parseJsonlText } from '../src/table-text.js';

describe('parseCsvText', () => {
  it('returns the header and each record with the line it starts on, across quoted newlines', () => {
    const { columns, rows } = parseCsvText('\ufeffid,text\n1,"two\nlines"\n\n2,plain\n', 'a.csv');
    expect(columns).toEqual(['id', 'text']);
    expect(rows).toEqual([
      { line: 2, record: { id: '1', text: 'two\nlines' } },
      { line: 4, record: { id: '2', text: 'plain' } },
    ]);
  });

  it('reads tab-separated text when asked', () => {
    expect(parseCsvText('a\tb\nx,y\tz\n', 't.tsv', { delimiter: '\t' }).rows[0].record).toEqual({ a: 'x,y', b: 'z' });
  });

  it('names the file and line of an unclosed quote as a UserError with a fix', () => {
    const bad = () => parseCsvText('id,text\n1,ok\n2,"never closed\n', 'bad.csv');
    expect(bad).toThrow(UserError);
    expect(bad).toThrow(/^bad\.csv:\d+: not valid CSV: Quote Not Closed/);
  });
});

describe('JSON lines', () => {
  it('keeps the line number of every object and skips blank lines', () => {
    expect(parseJsonlText('{"a":1}\n\n{"b":2}\n', 'x.jsonl')).toEqual([
      { line: 1, record: { a: 1 } },
      { line: 3, record: { b: 2 } },
    ]);
  });

  it('rejects a broken line and a line that is not an object, naming where', () => {
    expect(() => parseJsonlText('{"a":1}\n{oops\n', 'x.jsonl')).toThrow(/^x\.jsonl:2: not valid JSON: /);
    expect(() => parseJsonObjectLine('[1,2]', 'y.jsonl:7:1')).toThrow(/^y\.jsonl:7:1: expected a JSON object, got an array$/);
    expect(() => parseJsonObjectLine('null', 'z')).toThrow(/got null/);
  });
});
