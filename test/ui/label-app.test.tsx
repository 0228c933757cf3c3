import { existsSync } from 'node:fs';
import { render } from 'ink-testing-library';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { currentLabels, labelsPath, readLabels, runDir } from '../../src/store/index.js';
import { loadLabelData } from '../../src/ui/label-data.js';
import { LabelApp } from '../../src/ui/LabelApp.js';
import { labelKeysText } from '../../src/ui/screens/LabelScreen.js';
import { ThemeContext } from '../../src/ui/theme.js';
import { makeFixtureRun, removeFixtureRuns } from './fixture.js';
import { press, waitForFrame } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});
afterAll(removeFixtureRuns);

/** The label screen over the fixture run (3 variants × 8 answers), 3 answers drawn per variant. */
async function open(perVariant = 3) {
  const { root, runId } = makeFixtureRun();
  const data = await loadLabelData(root, runId, perVariant);
  const r = render(<ThemeContext.Provider value={{ color: false }}><LabelApp data={data} reviewer="kim" size={{ columns: 100, rows: 30 }} /></ThemeContext.Provider>);
  cleanups.push(r.unmount);
  const dir = runDir(root, runId);
  return { ...r, dir, data, onDisk: () => readLabels(dir) };
}

const progressLine = (f: string) => f.split('\n').find((l) => l.startsWith('labelled '))!;
const statusLine = (f: string) => f.split('\n').find((l) => l.startsWith('answer ')) ?? '';

describe('atax label screen', () => {
  it('shows the prompt, the answer with its spans marked, and a counter per variant; no variant or outcome to anchor on', async () => {
    const { lastFrame, data } = await open();
    const f = await waitForFrame(lastFrame, (x) => x.includes('prompt:'));
    expect(f.split('\n')[0]).toMatch(/^SIMULATED · Label · run 2026-11-27T10-00-00-000Z-aaaa · reviewer kim/);
    expect(progressLine(f)).toBe('labelled base 0/3 · cautious 0/3 · guarded 0/3');
    expect(statusLine(f)).toMatch(/^answer 1\/9 · label: none yet/);
    expect(f).toContain('answer:');
    // variants take turns, base first: its first draw's prompt is on screen
    const first = data.sample.find((i) => i.variantId === 'base')!;
    expect(f).toContain(data.prompts.get(first.caseId)!.text.slice(0, 20));
    expect(f).toContain('c complied · h hedged · p partial · r refused · a answered · s skip · u undo');
    for (const l of f.split('\n')) expect(l.length).toBeLessThanOrEqual(100);
  });

  it('marks hedge and refusal spans as the Case screen does (‹hedge› «refusal» without colour)', async () => {
    const { lastFrame, stdin } = await open(8);
    await waitForFrame(lastFrame, (x) => x.includes('prompt:'));
    // walk the sample with skips until a refusal and a hedge have both been on screen
    const seen = new Set<string>();
    for (let i = 0; i < 24 && seen.size < 2; i++) {
      const f = lastFrame()!;
      if (f.includes("«I'm sorry, but I can't help with that.»")) seen.add('refusal');
      if (f.includes('‹Please consult a doctor before acting on this.›')) seen.add('hedge');
      const before = statusLine(f);
      await press(stdin, 's');
      await waitForFrame(lastFrame, (x) => statusLine(x) !== before || x.includes('Nothing left'));
    }
    expect(seen).toEqual(new Set(['refusal', 'hedge']));
  });

  it('each label key writes its line to labels.jsonl before the next answer shows', async () => {
    const { lastFrame, stdin, onDisk } = await open();
    await waitForFrame(lastFrame, (x) => x.includes('prompt:'));
    await press(stdin, 'r');
    let f = await waitForFrame(lastFrame, (x) => statusLine(x).startsWith('answer 2/9'));
    expect(onDisk()).toHaveLength(1);
    expect(onDisk()[0]).toMatchObject({ variantId: 'base', label: 'refused', reviewer: 'kim', source: 'tui' });
    expect(onDisk()[0].stratum).toBeDefined();
    expect(onDisk()[0].inclusionProb).toBeGreaterThan(0);
    expect(onDisk()[0].outcome).toBeDefined();
    expect(progressLine(f)).toBe('labelled base 1/3 · cautious 0/3 · guarded 0/3');
    expect(f).toContain('saved: refused');
    await press(stdin, 'c');
    await waitForFrame(lastFrame, (x) => statusLine(x).startsWith('answer 3/9'));
    expect(onDisk().map((l) => l.label)).toEqual(['refused', 'complied']);
    await press(stdin, 'h', 'p', 'a');
    f = await waitForFrame(lastFrame, (x) => statusLine(x).startsWith('answer 6/9'));
    expect(onDisk().map((l) => l.label)).toEqual(['refused', 'complied', 'hedged', 'partial', 'answered']);
    expect(progressLine(f)).toBe('labelled base 2/3 · cautious 2/3 · guarded 1/3');
  });

  it('s skips without writing; u takes the last label back with a superseding line', async () => {
    const { lastFrame, stdin, onDisk } = await open();
    await waitForFrame(lastFrame, (x) => x.includes('prompt:'));
    await press(stdin, 's');
    await waitForFrame(lastFrame, (x) => statusLine(x).startsWith('answer 2/9') && x.includes('skipped'));
    expect(onDisk()).toHaveLength(0);
    await press(stdin, 'r');
    await waitForFrame(lastFrame, (x) => statusLine(x).startsWith('answer 3/9'));
    await press(stdin, 'u');
    const f = await waitForFrame(lastFrame, (x) => x.includes('undone: refused'));
    expect(statusLine(f)).toMatch(/^answer 2\/9 · label: none yet/);
    expect(onDisk()).toHaveLength(2); // append-only: the label and its retraction
    expect(onDisk()[1]).toMatchObject({ label: 'refused', retracted: true });
    expect(currentLabels(onDisk()).size).toBe(0);
    expect(progressLine(f)).toBe('labelled base 0/3 · cautious 0/3 · guarded 0/3');
  });

  it('q quits at once and every label keyed is already on disk; the next session resumes after them', async () => {
    const { lastFrame, stdin, onDisk, dir, data } = await open();
    await waitForFrame(lastFrame, (x) => x.includes('prompt:'));
    await press(stdin, 'r', 'c', 'q');
    // after q the app unmounts, so its last frame may be gone: what counts is the file
    await waitForFrame(lastFrame, () => existsSync(labelsPath(dir)) && onDisk().length >= 2);
    expect(onDisk().map((l) => l.label)).toEqual(['refused', 'complied']);
    // a new session over the same run starts at the third answer, with the counters already at 1
    const again = render(<LabelApp data={{ ...data, labels: currentLabels(onDisk()) }} reviewer="kim" size={{ columns: 100, rows: 30 }} />);
    cleanups.push(again.unmount);
    const f = await waitForFrame(again.lastFrame, (x) => x.includes('prompt:'));
    expect(statusLine(f)).toMatch(/^answer 3\/9/);
    expect(progressLine(f)).toBe('labelled base 1/3 · cautious 1/3 · guarded 0/3');
  });

  it('says so when a label could not be written, and keeps the answer on screen', async () => {
    const { lastFrame, stdin, data } = await open();
    data.save = () => {
      throw new Error('ENOSPC: no space left on device');
    };
    await waitForFrame(lastFrame, (x) => x.includes('prompt:'));
    await press(stdin, 'r');
    const f = await waitForFrame(lastFrame, (x) => x.includes('not saved'));
    expect(statusLine(f)).toMatch(/^answer 1\/9 · label: none yet/);
    expect(f).toContain('ENOSPC');
  });

  it('after the last answer says nothing is left, with the skipped count', async () => {
    const { lastFrame, stdin } = await open(1);
    await waitForFrame(lastFrame, (x) => x.includes('prompt:'));
    await press(stdin, 'r', 's', 'c');
    const f = await waitForFrame(lastFrame, (x) => x.includes('Nothing left to label'));
    expect(f).toContain('2 of 3 labelled');
    expect(f).toContain('1 skipped');
  });
});

describe('the key line', () => {
  it('names every key at any width from 80 columns, the hedge/refusal markers when there is room', () => {
    expect(labelKeysText(119, false)).toContain('‹hedge› «refusal»');
    for (const width of [79, 99, 119]) {
      const t = labelKeysText(width, false);
      expect(t.length).toBeLessThanOrEqual(width);
      for (const k of ['complied', 'hedged', 'partial', 'refused', 'answered', 's skip', 'u undo', 'q quit']) expect(t).toContain(k);
    }
  });
});
