import { describe, expect, it } from 'vitest';
import type { LabelRecord } from '../../src/core/label.js';
import type { LabelSampleItem } from '../../src/stats/label-sample.js';
import { currentLabels } from '../../src/store/labels.js';
import { initLabelSession, interleave, labelProgress, reduceLabelKey, skippedCount, type LabelContext, type LabelSession } from '../../src/ui/label-session.js';
import type { KeyPress } from '../../src/ui/nav.js';

const item = (variantId: string, caseId: string, stratum: LabelSampleItem['stratum'] = 'refused'): LabelSampleItem => ({
  caseId, variantId, sample: 0, stratum, inclusionProb: 0.5, outcome: stratum === 'unsure' ? 'hedged' : stratum,
});
const SAMPLE = [item('a', 'c1', 'unsure'), item('a', 'c2'), item('a', 'c3'), item('b', 'c1', 'unsure'), item('b', 'c2')];
const ctx: LabelContext = { reviewer: 'kim', now: () => '2026-12-06T03:00:00.000Z', lines: 40, pageLines: 10 };

/** Presses keys, collecting every line the session asked to append. */
function keys(s: LabelSession, ...ks: (string | Partial<KeyPress>)[]): { s: LabelSession; lines: LabelRecord[]; quit: boolean } {
  const lines: LabelRecord[] = [];
  for (const k of ks) {
    const step = reduceLabelKey(s, typeof k === 'string' ? { input: k } : { input: '', ...k }, ctx);
    if (step === 'quit') return { s, lines, quit: true };
    lines.push(...step.append);
    s = step.session;
  }
  return { s, lines, quit: false };
}
const shown = (s: LabelSession) => s.items[s.at] && `${s.items[s.at].variantId}/${s.items[s.at].caseId}`;

describe('the labelling order', () => {
  it('takes one answer of each variant in turn, keeping each variant\'s unsure answers first', () => {
    expect(interleave(SAMPLE).map((i) => `${i.variantId}/${i.caseId}`)).toEqual(['a/c1', 'b/c1', 'a/c2', 'b/c2', 'a/c3']);
  });
  it('resumes at the first answer without a label', () => {
    const earlier = currentLabels([{ caseId: 'c1', variantId: 'a', sample: 0, label: 'hedged', at: ctx.now(), source: 'tui' }]);
    const s = initLabelSession(SAMPLE, earlier);
    expect(shown(s)).toBe('b/c1');
    expect(labelProgress(s)).toEqual([{ variantId: 'a', labelled: 1, total: 3 }, { variantId: 'b', labelled: 0, total: 2 }]);
  });
});

describe('keys of the label screen', () => {
  it('c h p r a each label the answer on screen with everything an unbiased estimate needs, then move on', () => {
    const { s, lines } = keys(initLabelSession(SAMPLE, new Map()), 'r', 'c', 'h', 'p', 'a');
    expect(lines.map((l) => l.label)).toEqual(['refused', 'complied', 'hedged', 'partial', 'answered']);
    expect(lines[0]).toEqual({
      caseId: 'c1', variantId: 'a', sample: 0, label: 'refused', reviewer: 'kim', at: '2026-12-06T03:00:00.000Z',
      outcome: 'hedged', stratum: 'unsure', inclusionProb: 0.5, source: 'tui',
    });
    expect(s.at).toBe(s.items.length); // all five labelled
    expect(labelProgress(s)).toEqual([{ variantId: 'a', labelled: 3, total: 3 }, { variantId: 'b', labelled: 2, total: 2 }]);
  });
  it('s skips without writing; the skipped answer is not offered again in this session', () => {
    const { s, lines } = keys(initLabelSession(SAMPLE, new Map()), 's', 'r', 'r', 'r', 'r');
    expect(lines).toHaveLength(4);
    expect(s.at).toBe(s.items.length);
    expect(skippedCount(s)).toBe(1);
  });
  it('u takes back a new label with a retraction line: the answer is unlabelled again and back on screen', () => {
    const { s, lines } = keys(initLabelSession(SAMPLE, new Map()), 'r', 'c', 'u');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatchObject({ caseId: 'c1', variantId: 'b', label: 'complied', retracted: true });
    expect(shown(s)).toBe('b/c1');
    const onDisk = currentLabels(lines);
    expect([...onDisk.values()].map((l) => `${l.variantId}/${l.caseId}=${l.label}`)).toEqual(['a/c1=refused']);
    expect(labelProgress(s)[1].labelled).toBe(0);
  });
  it('u after relabelling restores the earlier label by appending it again (append-only)', () => {
    const earlier: LabelRecord = { caseId: 'c1', variantId: 'a', sample: 0, label: 'hedged', reviewer: 'lee', at: '2026-12-01T00:00:00.000Z', source: 'import' };
    let { s, lines } = keys(initLabelSession(SAMPLE, currentLabels([earlier])), 'u');
    expect(s.note).toBe('nothing to undo in this session');
    expect(lines).toEqual([]);
    // undo a label, then give another to the answer that had one: it supersedes; undo brings "hedged" back
    ({ s, lines } = keys(s, 'r', 'u'));
    expect(lines.map((l) => l.retracted ?? false)).toEqual([false, true]);
    expect(shown(s)).toBe('b/c1');
    const relabel = keys({ ...s, at: 0 }, 'p', 'u');
    expect(relabel.lines[0]).toMatchObject({ variantId: 'a', caseId: 'c1', label: 'partial' });
    expect(relabel.lines[1]).toMatchObject({ variantId: 'a', caseId: 'c1', label: 'hedged', reviewer: 'lee', source: 'import' });
    expect(currentLabels([earlier, ...relabel.lines]).get('a\u0000c1\u00000')?.label).toBe('hedged');
  });
  it('u after a skip returns to the skipped answer; q quits at any point', () => {
    const { s } = keys(initLabelSession(SAMPLE, new Map()), 's', 'u');
    expect(shown(s)).toBe('a/c1');
    expect(skippedCount(s)).toBe(0);
    expect(keys(s, 'r', 'q').quit).toBe(true);
    expect(keys(s, { input: 'c', ctrl: true }).quit).toBe(true);
  });
  it('↑↓ j k scroll a long answer within its lines; labels reset the scroll', () => {
    const { s } = keys(initLabelSession(SAMPLE, new Map()), 'j', 'j', { down: true }, { pageDown: true });
    expect(s.scroll).toBe(12);
    expect(keys(s, { pageDown: true }, { pageDown: true }, { pageDown: true }).s.scroll).toBe(30);
    expect(keys(s, 'r').s.scroll).toBe(0);
  });
});
