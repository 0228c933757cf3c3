import { readFileSync } from 'node:fs';
import { globSync } from 'tinyglobby';
import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fastParseYaml } from '../../src/suite/yaml-fast.js';
import { parseYamlSource, positionOf, type PathKey, type YamlSource } from '../../src/suite/yaml-source.js';

/** What `yaml` itself gives: the reference the fast reader must match exactly. */
function reference(text: string): { data: unknown; source: YamlSource } | undefined {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) return undefined;
  const data = doc.toJS();
  return { data, source: { file: 'f.yaml', display: 'f.yaml', doc, lines, data } };
}

/** Every path to a scalar the fast reader noted a position for. */
function notedPaths(value: unknown, offsets: NonNullable<YamlSource['offsets']>, path: PathKey[] = []): PathKey[][] {
  if (value === null || typeof value !== 'object') return [];
  const here = offsets.get(value);
  const out: PathKey[][] = [];
  for (const [k, v] of Object.entries(value)) {
    const key = Array.isArray(value) ? Number(k) : k;
    if (here?.has(key)) out.push([...path, key]);
    out.push(...notedPaths(v, offsets, [...path, key]));
  }
  return out;
}

/** Same data as `yaml`, and every noted scalar at the position `yaml` gives it; or no answer at all. */
function expectAgrees(text: string): boolean {
  const fast = fastParseYaml(text);
  if (!fast) return false;
  const ref = reference(text);
  expect(ref, 'the fast reader accepted text that yaml rejects').toBeDefined();
  expect(fast.data).toEqual(ref!.data);
  // positions as parseYamlSource answers them on the fast path: its own line starts, no Document
  const { source: fastSource, errors } = parseYamlSource('f.yaml', text);
  expect(errors).toEqual([]);
  expect(fastSource.offsets).toBeDefined();
  for (const path of notedPaths(fast.data, fast.offsets)) {
    expect(positionOf(fastSource, path), path.join('.')).toEqual(positionOf(ref!.source, path));
  }
  return true;
}

describe('fastParseYaml', () => {
  const files = globSync(['suites/**/*.{yaml,yml}', 'test/**/*.{yaml,yml}', '*.{yaml,yml}', '.github/**/*.{yaml,yml}'], { cwd: process.cwd(), ignore: ['**/node_modules/**'] });

  it('reads every YAML file in the repository exactly as yaml does, or declines', () => {
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expectAgrees(readFileSync(file, 'utf8'));
  });

  it('takes the fast path for the shipped suites (folded and literal scalars, flow checks, comments)', () => {
    for (const file of ['suites/medical.yaml', 'suites/legal.yaml', 'suites/shell.yaml', 'atax.config.yaml']) {
      expect(expectAgrees(readFileSync(file, 'utf8')), file).toBe(true);
    }
  });

  it('agrees on the constructs it accepts', () => {
    const accepted = [
      'a: 1\nc: true\nd: ~\ne: null\nf: hello world\ng: x[0] and {y}\n',
      'k:\n- a\n- b\nm:\n  - { type: contains, value: ["x, y", \'it\'\'s\'], mode: any }\n  - []\n  - {}\n',
      'cases:\n  - id: c0\n    tags: [a, b]\n    prompt: "tab\\t quote\\" \\u00e9"\n\n  # comment\n  - id: c1\n    prompt: |\n      line one\n        indented\n\n      line three\n    ref: >-\n      folded\n      together\n\n      new para\n    after: x\n',
      'p: |-\n  keep\n  no final newline\nq: >\n  clip\n  this\nr: http://example.com:8080/x\n',
      'a:\n  b:\n    c: 1\n  d:\ne: "x"   \n',
    ];
    for (const text of accepted) expect(expectAgrees(text), text).toBe(true);
  });

  it('declines what it does not read, so yaml decides', () => {
    const declined = [
      'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: 1 # comment\n', 'a: 1.5\n', 'a: 0x1F\n', 'a: 007\n', 'a: .inf\n',
      'a: one\n  two\n', 'a: "one\n  two"\n', 'a: 1\na: 2\n', 'a:\tb\n', 'a: 1\r\nb: 2\r\n', '---\na: 1\n',
      'a: |+\n  keep\n\nb: 1\n', 'a: |2\n  x\n', 'a: >\n  x\n    more\n  y\n', 'a: [1, 2,]\n', '? a\n: b\n',
      'a: "\\x41"\n', '__proto__: 1\n', 'true: 1\n', 'a: |\n  no newline at the end', '',
    ];
    for (const text of declined) expect(fastParseYaml(text), JSON.stringify(text)).toBeUndefined();
  });

  it('agrees with yaml, or declines, on hundreds of damaged copies of a real suite', () => {
    const lines = readFileSync('suites/medical.yaml', 'utf8').split('\n').slice(0, 80);
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const damage = [
      (l: string) => l.slice(0, rand(l.length + 1)) + l.slice(rand(l.length + 1)), // cut a piece out
      (l: string) => ' '.repeat(rand(3)) + l.trimStart(), // re-indent
      (l: string) => { const k = rand(l.length + 1); return l.slice(0, k) + ':"#[]{}-|>\''[rand(11)] + l.slice(k); }, // insert an indicator
    ];
    let accepted = 0;
    for (let n = 0; n < 400; n++) {
      const copy = [...lines];
      for (let d = 0; d < 1 + rand(3); d++) {
        const i = rand(copy.length);
        copy[i] = damage[rand(damage.length)](copy[i]);
      }
      if (expectAgrees(copy.join('\n'))) accepted++;
    }
    expect(accepted).toBeGreaterThan(50); // the check above ran on real accepted input, not only on declines
  });

  it('declines broken YAML instead of guessing (yaml reports the error with its position)', () => {
    for (const text of ['a: "unclosed\nb: 1\n', 'a:\n  - x\n  y: 1\n', 'a: [1, 2\n', 'a: b: c\n']) {
      expect(fastParseYaml(text), JSON.stringify(text)).toBeUndefined();
    }
  });
});
