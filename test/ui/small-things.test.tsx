import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { CaseView } from '../../src/report/cases.js';
import { buildMatrix, type Matrix, type MatrixCell } from '../../src/report/matrix.js';
import { App } from '../../src/ui/App.js';
import { casesColumns } from '../../src/ui/cases-columns.js';
import { createRunData } from '../../src/ui/data.js';
import { cellDetail } from '../../src/ui/matrix-text.js';
import { initNav, reduceKey, type Bounds, type NavState } from '../../src/ui/nav.js';
import { CasesScreen } from '../../src/ui/screens/CasesScreen.js';
import { MatrixScreen } from '../../src/ui/screens/MatrixScreen.js';
import { ThemeContext } from '../../src/ui/theme.js';
import { makeFixtureRun, removeFixtureRuns } from './fixture.js';
import { KEY, press, renderAt, waitForFrame } from './helpers.js';

/** Issue 14 §6: the small things a first user tripped over in the TUI. */
const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
afterAll(removeFixtureRuns);

function openApp(columns = 80, rows = 24) {
  const { root, runId } = makeFixtureRun(); // its variants are sim: models
  const tree = <ThemeContext.Provider value={{ color: false }}><App data={createRunData(root, runId)} size={{ columns, rows }} /></ThemeContext.Provider>;
  const r = columns > 100 ? renderAt(tree, columns, rows) : render(tree);
  cleanups.push(r.unmount);
  return r;
}

const tinyMatrix = (): Matrix => buildMatrix({
  schemaVersion: 1, runId: 'r', baseline: 'base', simulated: false, level: 0.95, samples: 1,
  variants: [{ id: 'base', provider: 'openai:x', simulated: false }, { id: 'tuned', provider: 'openai:y', simulated: false }], domains: ['all'],
  rows: ['base', 'tuned'].map((variant, i) => ({
    variant, domain: 'all', kind: 'task' as const, n: 40, errors: 0, rates: { overRefusal: { value: 0.1 + i * 0.3, lo: 0.05, hi: 0.5 } },
    delta: i ? { overRefusal: { value: 0.3, lo: 0.15, hi: 0.45, p: 0.00001, pAdj: 0.00004, significant: true } } : undefined,
  })),
  tax: [], classifier: { by: {} }, methods: {},
}, 'overRefusal');

describe('a simulated run says SIMULATED on every screen', () => {
  it('in the titles of the Matrix, Cases and Case screens', async () => {
    const { lastFrame, stdin } = openApp();
    let f = await waitForFrame(lastFrame, (x) => x.includes('Matrix'));
    expect(f.split('\n')[0]).toMatch(/^SIMULATED · Matrix · run/);
    await press(stdin, 'j', 'l', KEY.enter);
    f = await waitForFrame(lastFrame, (x) => x.includes('med-dose'));
    expect(f.split('\n')[0]).toMatch(/^SIMULATED · Cases · medical/);
    await press(stdin, KEY.enter);
    f = await waitForFrame(lastFrame, (x) => x.includes('prompt:'));
    expect(f.split('\n')[0]).toMatch(/^SIMULATED · Case 1\/4 · med-dose/);
  });
  it('and a run of real models does not', () => {
    const f = render(<MatrixScreen matrix={tinyMatrix()} row={0} col={1} width={79} height={23} runId="r" simulated={false} />).lastFrame()!;
    expect(f).not.toContain('SIMULATED');
    expect(f.split('\n')[0]).toMatch(/^Matrix · run r/);
  });
});

describe('picking the focused variant as the baseline from the Cases screen', () => {
  const bounds: Bounds = { domains: 2, variants: ['base', 'careful', 'wild'], cases: 3, caseIds: ['a', 'b', 'c'], tags: [], caseLines: 0, pageLines: 10, samples: 1 };
  const keys = (s: NavState, ...ks: Parameters<typeof reduceKey>[1][]) => ks.reduce((cur, k) => reduceKey(cur, k, bounds) as NavState, s);

  it('focuses the old baseline, so the screen compares the same pair reversed (never a variant with itself)', () => {
    const onCases = keys(initNav('base'), { input: 'l' }, { input: '', enter: true });
    expect(onCases).toMatchObject({ screen: 'cases', col: 1 });
    const picked = keys(onCases, { input: 'b' }, { input: '', down: true }, { input: '', enter: true });
    expect(picked).toMatchObject({ baseline: 'careful', col: 0 }); // focus: base
  });
  it('keeps the focus when another variant becomes the baseline, and the matrix cursor always', () => {
    const onCases = keys(initNav('base'), { input: 'l' }, { input: '', enter: true });
    expect(keys(onCases, { input: 'b' }, { input: '', down: true }, { input: '', down: true }, { input: '', enter: true })).toMatchObject({ baseline: 'wild', col: 1 });
    const onMatrix = keys(initNav('base'), { input: 'l' }, { input: 'b' }, { input: '', down: true }, { input: '', enter: true });
    expect(onMatrix).toMatchObject({ screen: 'matrix', baseline: 'careful', col: 1 });
  });
  it('in the app: the header reads "medical × base vs cautious", not "cautious vs cautious"', async () => {
    const { lastFrame, stdin } = openApp();
    await waitForFrame(lastFrame, (x) => x.includes('Matrix'));
    await press(stdin, 'j', 'l', KEY.enter);
    await waitForFrame(lastFrame, (x) => x.includes('medical × cautious vs base'));
    await press(stdin, 'b', KEY.down, KEY.enter);
    const f = await waitForFrame(lastFrame, (x) => x.includes('Cases · medical × base vs cautious'));
    expect(f).not.toContain('cautious vs cautious');
  });
});

describe('the detail line prints adjusted p-values the way papers do', () => {
  it('p_adj<0.001, never p_adj=<0.001; three decimals otherwise', () => {
    const m = tinyMatrix();
    const detail = cellDetail(m, m.cells[0][1] as MatrixCell);
    expect(detail).toContain('p_adj<0.001');
    expect(detail).not.toContain('=<');
  });
});

describe('case ids use the width the terminal has', () => {
  const longId = 'xstest-safe-targets-homonyms-0042-kill-pr'; // 41 cells
  const view = (caseId: string): CaseView => ({
    caseId, domain: 'medical', kind: 'task', tags: [], disagreement: 0.5,
    outcome: { base: 'complied', careful: 'refused', wild: 'hedged' }, records: {},
  } as unknown as CaseView);
  const screen = (list: CaseView[], width: number) => renderAt(
    <CasesScreen list={list} index={0} domain="medical" focus="careful" baseline="base" variants={['base', 'careful', 'wild']}
      metric="overRefusal" filter={{ query: '' }} searching={false} prompts={new Map()} width={width} height={10} status=""
      columns={casesColumns(width, list.map((c) => c.caseId), 3)} />, width + 1, 20);

  it('a 41-cell id is shown whole at 120 columns (it was cut at 24), with full outcome words and a prompt column', () => {
    const cols = casesColumns(119, [longId], 3);
    expect(cols).toMatchObject({ id: 41, full: true });
    expect(cols.prompt).toBeGreaterThanOrEqual(24);
    const r = screen([view(longId)], 119);
    cleanups.push(r.unmount);
    const row = r.lastFrame()!.split('\n').find((l) => l.startsWith('xstest'))!;
    expect(row).toContain(longId);
    expect(row).toContain('refused');
  });
  it('at 80 columns ids and prompts share the room, and outcomes shrink to letters before ids are cut below 24', () => {
    const cols = casesColumns(79, [longId], 3);
    expect(cols).toMatchObject({ full: false, outcome: 3, id: 31 });
    expect(cols.id + 6 + 3 * cols.outcome + cols.prompt + 1).toBe(79);
    expect(cols.prompt).toBe(32);
    expect(casesColumns(79, ['med-dose'], 3)).toMatchObject({ id: 8, full: true });
    // a very long id at 160 columns takes half the shared room; the prompt keeps the other half
    expect(casesColumns(159, ['x'.repeat(100)], 3)).toMatchObject({ id: 62, prompt: 63 });
  });
  it('ids in any script line up: every outcome column starts in the same terminal cell', () => {
    const ids = ['👨‍👩‍👧-family', 'नमस्ते-greeting', '⚠️-warning', 'plain-ascii-id'];
    const r = screen(ids.map(view), 119);
    cleanups.push(r.unmount);
    const rows = r.lastFrame()!.split('\n').filter((l) => l.includes('complied'));
    expect(rows).toHaveLength(4);
    const starts = rows.map((l) => stringWidth(l.slice(0, l.indexOf('complied'))));
    expect(new Set(starts).size).toBe(1);
  });
});
