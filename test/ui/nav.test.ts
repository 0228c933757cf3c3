import { describe, expect, it } from 'vitest';
import { HELP, initNav, reduceKey, type Bounds, type KeyPress, type NavState } from '../../src/ui/nav.js';

const bounds: Bounds = { domains: 3, variants: ['base', 'a', 'b'], cases: 5, caseIds: ['c0', 'c1', 'c2', 'c3', 'c4'], tags: ['x', 'y'], caseLines: 50, pageLines: 10, samples: 3 };
function run(s: NavState, ...keys: (string | Partial<KeyPress>)[]): NavState | 'quit' {
  let cur: NavState | 'quit' = s;
  for (const k of keys) {
    if (cur === 'quit') return cur;
    cur = reduceKey(cur, typeof k === 'string' ? { input: k } : { input: '', ...k }, bounds);
  }
  return cur;
}
const st = (r: NavState | 'quit') => r as NavState;

describe('navigation reducer', () => {
  it('moves the matrix cursor with hjkl and arrows, staying inside the grid', () => {
    const s = st(run(initNav('base'), 'j', 'j', 'j', 'j', { right: true }, 'l', 'l'));
    expect([s.row, s.col]).toEqual([2, 2]);
    expect(st(run(s, 'k', 'h', { left: true }, { left: true }))).toMatchObject({ row: 1, col: 0 });
  });
  it('Tab cycles the metric forwards, Shift-Tab backwards', () => {
    expect(st(run(initNav('base'), { tab: true })).metric).toBe('hedging');
    expect(st(run(initNav('base'), { tab: true, shift: true })).metric).toBe('tax');
  });
  it('Enter opens the cell\'s cases with the metric\'s kind; Esc and Backspace go back a screen', () => {
    const cases = st(run(initNav('base', 'safety'), { enter: true }));
    expect(cases).toMatchObject({ screen: 'cases', filter: { kind: 'probe', query: '' } });
    const one = st(run(cases, 'j', 'j', { enter: true }));
    expect(one).toMatchObject({ screen: 'case', index: 2, caseId: 'c2', scroll: 0 });
    expect(st(run(one, { back: true })).screen).toBe('cases');
    expect(st(run(one, { escape: true }, { escape: true })).screen).toBe('matrix');
  });
  it('filters on the cases screen: o cycles outcomes, K kinds, t tags, c clears', () => {
    const cases = st(run(initNav('base'), { enter: true }));
    expect(st(run(cases, 'o', 'o')).filter.outcome).toBe('hedged');
    expect(st(run(cases, 'o', 'o', 'o', 'o', 'o', 'o')).filter.outcome).toBeUndefined();
    expect(st(run(cases, 'K')).filter.kind).toBe('probe');
    expect(st(run(cases, 't', 't')).filter.tag).toBe('y');
    expect(st(run(cases, 'o', 't', 'c')).filter).toEqual({ query: '' });
  });
  it('/ types a search where letters are text, not commands, until Enter; Esc clears it', () => {
    const cases = st(run(initNav('base'), { enter: true }));
    const typing = st(run(cases, '/', 'q', 'j', 'x', { back: true }));
    expect(typing).toMatchObject({ searching: true, filter: { query: 'qj' } });
    expect(st(run(typing, { enter: true }))).toMatchObject({ searching: false, filter: { query: 'qj' } });
    expect(st(run(typing, { escape: true })).filter.query).toBe('');
  });
  it('scrolls the case screen within its content and pages by a screen', () => {
    const one = st(run(initNav('base'), { enter: true }, { enter: true }));
    expect(st(run(one, 'j', 'j')).scroll).toBe(2);
    expect(st(run(one, { pageDown: true })).scroll).toBe(9);
    expect(st(run(one, 'G')).scroll).toBe(40);
    expect(st(run(one, 'G', 'j')).scroll).toBe(40);
    expect(st(run(one, 'k')).scroll).toBe(0);
    expect(st(run(one, 's', 's', 's')).sample).toBe(0);
    expect(st(run(one, 'l'))).toMatchObject({ index: 1, caseId: 'c1' });
  });
  it('b opens the baseline picker on the current baseline; Enter picks, Esc cancels', () => {
    const picker = st(run(initNav('a'), 'b'));
    expect(picker).toMatchObject({ overlay: 'baseline', pick: 1 });
    expect(st(run(picker, 'j', { enter: true }))).toMatchObject({ overlay: 'none', baseline: 'b' });
    expect(st(run(picker, 'j', { escape: true }))).toMatchObject({ overlay: 'none', baseline: 'a' });
  });
  it('? opens help, any key closes it; q quits from anywhere except while typing a search', () => {
    expect(st(run(initNav('base'), '?')).overlay).toBe('help');
    expect(st(run(initNav('base'), '?', 'x')).overlay).toBe('none');
    expect(run(initNav('base'), { enter: true }, { enter: true }, 'q')).toBe('quit');
    expect(st(run(initNav('base'), { enter: true }, '/', 'q')).filter.query).toBe('q');
  });
  it('documents the keys of every screen, including back and quit', () => {
    for (const screen of ['cases', 'case'] as const) expect(HELP[screen].some(([k]) => k.includes('Esc'))).toBe(true);
    for (const screen of ['matrix', 'cases', 'case'] as const) expect(HELP[screen].some(([k]) => k === 'q')).toBe(true);
  });
});
