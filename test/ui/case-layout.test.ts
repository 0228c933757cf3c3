import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/index.js';
import { highlight, layoutCase, wrap, type Line } from '../../src/ui/case-layout.js';

const text = (l: Line) => l.map((s) => s.text).join('');

describe('highlight', () => {
  it('cuts the raw answer at the signal offsets and sanitizes each piece afterwards', () => {
    const raw = '\u001b[1mSure.\u001b[0m Consult a doctor. Done.';
    const start = raw.indexOf('Consult');
    const segs = highlight(raw, [{ rule: 'h', kind: 'hedge', quote: 'Consult a doctor.', start, end: start + 17 }]);
    expect(segs).toEqual([
      { text: 'Sure. ', style: 'plain' }, { text: 'Consult a doctor.', style: 'hedge' }, { text: ' Done.', style: 'plain' },
    ]);
  });
  it('finds the quote when offsets are missing, and ignores notes and overlaps', () => {
    const segs = highlight("No. I can't help. Really I can't help.", [
      { rule: 'r', kind: 'refusal', quote: "I can't help." },
      { rule: 'n', kind: 'note', quote: 'No.' },
      { rule: 'r2', kind: 'refusal', quote: 'help', start: 13, end: 17 },
    ]);
    expect(segs.filter((s) => s.style === 'refusal').map((s) => s.text)).toEqual(["I can't help."]);
  });
});

describe('wrap', () => {
  it('wraps words to the width, keeps styles and breaks at newlines', () => {
    const lines = wrap([{ text: 'one two ', style: 'plain' }, { text: 'three four', style: 'hedge' }, { text: '\nfive', style: 'plain' }], 9);
    expect(lines.map(text)).toEqual(['one two', 'three', 'four', 'five']);
    expect(lines[1][0].style).toBe('hedge');
  });
  it('cuts a word longer than the line', () => {
    expect(wrap([{ text: 'abcdefghij', style: 'plain' }], 4).map(text)).toEqual(['abcd', 'efgh', 'ij']);
  });
});

function rec(variantId: string, text: string): RunRecord {
  return {
    runId: 'r', caseId: 'c1', variantId, sample: 0, domain: 'd', kind: 'task',
    completion: { text, latencyMs: 1 },
    verdict: { outcome: 'complied', hedges: 0, signals: [], by: 'rules', checks: [{ type: 'contains', passed: false, detail: 'missing "mg"' }], completed: false },
  };
}

describe('layoutCase', () => {
  const input = {
    caseId: 'c1', prompt: { text: 'What dose?' }, variants: ['base', 'v'], baseline: 'base',
    records: { base: [rec('base', 'Answer from base.')], v: [rec('v', 'Answer from v.')] }, sample: 0,
  };
  it('stacks the answers under the prompt when narrow', () => {
    const lines = layoutCase({ ...input, width: 80 }).map(text);
    expect(lines[0]).toBe('prompt: What dose?');
    expect(lines.indexOf('v  complied · 0 hedges · by rules')).toBeGreaterThan(lines.indexOf('Answer from base.'));
    expect(lines).toContain('✗ check contains: missing "mg"');
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(80);
  });
  it('puts the answers side by side at 120 columns and more', () => {
    const lines = layoutCase({ ...input, width: 130 }).map(text);
    const row = lines.find((l) => l.startsWith('Answer from base.'))!;
    expect(row).toMatch(/^Answer from base\. +│ Answer from v\.$/);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(130);
  });
  it('names the case when the prompt is unavailable, and brackets marked spans when asked (no colour)', () => {
    const r = rec('base', 'I refuse.');
    r.verdict!.signals = [{ rule: 'x', kind: 'refusal', quote: 'I refuse.', start: 0, end: 9 }];
    const lines = layoutCase({ ...input, prompt: undefined, records: { base: [r] }, variants: ['base'], width: 60, markSpans: true }).map(text);
    expect(lines[0]).toBe('prompt: (prompt unavailable: c1)');
    expect(lines).toContain('«I refuse.»');
  });
});

describe('wrap: cutting a word wider than the column', () => {
  it('cuts between user-perceived characters, never inside an emoji or a syllable', () => {
    const word = '👨‍👩‍👧'.repeat(5) + 'नमस्ते';
    const lines = wrap([{ text: word, style: 'plain' }], 4).map((l) => l.map((s) => s.text).join(''));
    expect(lines.join('')).toBe(word);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(4);
    expect(lines[0]).toBe('👨‍👩‍👧👨‍👩‍👧');
  });
});
