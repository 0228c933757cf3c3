import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readResultsRoot } from '../../src/store/index.js';

describe('readResultsRoot: where the reading commands look for runs', () => {
  const dirs: string[] = [];
  const project = () => {
    const d = mkdtempSync(join(tmpdir(), 'atax-root-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('takes --results first, resolved against the working directory', () => {
    const d = project();
    writeFileSync(join(d, 'atax.config.yaml'), 'results: elsewhere\n');
    expect(readResultsRoot('mine', d)).toBe(join(d, 'mine'));
  });

  it("follows ./atax.config.yaml's results: so it finds what `atax run` wrote", () => {
    const d = project();
    writeFileSync(join(d, 'atax.config.yaml'), 'suites: [a.yaml]\nresults: out/runs\n');
    expect(readResultsRoot(undefined, d)).toBe(join(d, 'out', 'runs'));
  });

  it('falls back to ./results with no config, or a config without results: or one that does not parse', () => {
    const d = project();
    expect(readResultsRoot(undefined, d)).toBe(join(d, 'results'));
    writeFileSync(join(d, 'atax.config.yaml'), 'suites: [a.yaml]\n');
    expect(readResultsRoot(undefined, d)).toBe(join(d, 'results'));
    writeFileSync(join(d, 'atax.config.yaml'), 'suites: [a.yaml\n  : : bad');
    expect(readResultsRoot(undefined, d)).toBe(join(d, 'results'));
  });
});
