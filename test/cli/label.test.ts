import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { reviewerOf } from '../../src/cli/label.js';
import { makeFixtureRun, removeFixtureRuns } from '../ui/fixture.js';
import { atax, stopSpawned } from './helpers.js';

afterEach(stopSpawned);
afterAll(removeFixtureRuns);

describe('atax label (the command around the screen)', () => {
  it('is listed in --help with its options', async () => {
    const all = await atax(['--help'], process.cwd());
    expect(all.out).toMatch(/^\s+label \[options\] \[run\]/m);
    const own = await atax(['label', '--help'], process.cwd());
    expect(own.code).toBe(0);
    expect(own.out).toContain('--reviewer <name>');
    expect(own.out).toContain('--per-variant <n>');
  });
  it('refuses to run without a terminal, exit 2, and points to the spreadsheet route', async () => {
    const { root, runId } = makeFixtureRun();
    const r = await atax(['label', runId, '--results', root], process.cwd());
    expect(r.code).toBe(2);
    expect(r.err).toContain('atax label needs an interactive terminal');
    expect(r.err).toContain('atax labels export');
  });
  it('rejects a --per-variant that is not a positive whole number, exit 2', async () => {
    const r = await atax(['label', '--per-variant', '0'], process.cwd());
    expect(r.code).toBe(2);
    expect(r.err).toContain('--per-variant 0');
  });
});

describe('who the reviewer is', () => {
  it('--reviewer, else ATAX_REVIEWER, else USER, else the account name', () => {
    expect(reviewerOf('kim', { ATAX_REVIEWER: 'lee', USER: 'root' })).toBe('kim');
    expect(reviewerOf(undefined, { ATAX_REVIEWER: 'lee', USER: 'root' })).toBe('lee');
    expect(reviewerOf(undefined, { USER: 'ana' })).toBe('ana');
    expect(reviewerOf(undefined, { USER: ' ' }, () => 'svc')).toBe('svc');
    expect(reviewerOf(undefined, {}, () => { throw new Error('no passwd entry'); })).toBeUndefined();
  });
});
