import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fit, splitGraphemes, truncate } from '../../src/util/text-width.js';

/** Model output the hand-written width table got wrong (issue 14 §4), with the widths a terminal draws. */
const SAMPLES: [string, number][] = [
  ['👨‍👩‍👧', 2], // a ZWJ family: one glyph
  ['नमस्ते', 3], // Devanagari: combining vowel signs and a virama take no cell
  ['⚠️', 2], // a text symbol made emoji by VS16
  ['日本', 4],
  ['e\u0301', 1],
  ['abc', 3],
];

describe('terminal widths (string-width)', () => {
  it.each(SAMPLES)('%s is %i cells wide', (text, width) => {
    expect(stringWidth(text)).toBe(width);
  });
});

describe('fit: one table column of an exact width', () => {
  it('pads to the width, on either side', () => {
    expect(fit('ab', 4)).toBe('ab  ');
    expect(fit('ab', 4, 'right')).toBe('  ab');
    expect(fit('👨‍👩‍👧', 4)).toBe('👨‍👩‍👧  ');
  });
  it('cuts with an ellipsis and never overshoots when a wide character straddles the cut', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(fit('日本語', 5)).toBe('日本…');
    // cli-truncate alone returns "日…" (3 cells) here
    expect(stringWidth(fit('日本語', 2))).toBe(2);
    expect(stringWidth(fit('ab⚠️cd', 4))).toBe(4);
    expect(fit('anything', 0)).toBe('');
  });
  it('lines up a column of model output: every row ends at the same cell', () => {
    const rows = SAMPLES.map(([text]) => `${fit(text, 8)}|${fit(text + text, 5, 'right')}|`);
    const ends = rows.map((r) => stringWidth(r));
    expect(new Set(ends)).toEqual(new Set([8 + 1 + 5 + 1]));
    // the separators sit in the same cells on every row
    for (const r of rows) expect(stringWidth(r.slice(0, r.indexOf('|')))).toBe(8);
  });
});

describe('splitGraphemes', () => {
  it('splits into user-perceived characters: a Devanagari syllable stays whole', () => {
    expect(splitGraphemes('नमस्ते')).toEqual(['न', 'म', 'स्ते']);
    expect(splitGraphemes('👨‍👩‍👧a')).toEqual(['👨‍👩‍👧', 'a']);
  });
});
