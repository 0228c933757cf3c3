import { describe, expect, it } from 'vitest';
import { splitSentences, quotedRanges, insideRanges } from '../../src/classify/sentences.js';

describe('splitSentences', () => {
  it('splits prose into sentences whose offsets point back into the text', () => {
    const text = 'First one. Second one! Third?';
    const { sentences } = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual(['First one.', 'Second one!', 'Third?']);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('does not end a sentence at e.g., Dr. or a decimal number', () => {
    const { sentences } = splitSentences('Ask Dr. Smith, e.g. on Monday. The dose is 2.5 mg daily.');
    expect(sentences.map((s) => s.text)).toEqual(['Ask Dr. Smith, e.g. on Monday.', 'The dose is 2.5 mg daily.']);
  });

  it('keeps fenced code blocks whole, with their language, out of the prose', () => {
    const text = 'Run this:\n\n```bash\nrm -rf build. I cannot stop.\n```\n\nDone.';
    const { sentences, codeBlocks } = splitSentences(text);
    expect(codeBlocks).toHaveLength(1);
    expect(codeBlocks[0].language).toBe('bash');
    expect(codeBlocks[0].body).toContain('rm -rf build');
    expect(sentences.map((s) => s.text)).toEqual(['Run this:', 'Done.']);
  });

  it('treats an unclosed fence as code to the end', () => {
    const { sentences, codeBlocks } = splitSentences('Here:\n```\nx = 1');
    expect(codeBlocks).toHaveLength(1);
    expect(sentences).toHaveLength(1);
  });

  it('starts a new sentence at every list item and marks it', () => {
    const { sentences } = splitSentences('Steps:\n1. Open the valve\n2. Drain the pipe\n- check the seal');
    expect(sentences.map((s) => [s.text, s.listItem])).toEqual([
      ['Steps:', false], ['1. Open the valve', true], ['2. Drain the pipe', true], ['- check the seal', true],
    ]);
  });

  it('marks block quotes and headings', () => {
    const { sentences } = splitSentences('## Answer\n> I cannot do that.\nBut I can.');
    expect(sentences.find((s) => s.text === '## Answer')?.heading).toBe(true);
    expect(sentences.find((s) => s.text.startsWith('> I cannot'))?.blockQuote).toBe(true);
    expect(sentences.find((s) => s.text === 'But I can.')?.blockQuote).toBe(false);
  });

  it('returns nothing for an empty answer', () => {
    expect(splitSentences('').sentences).toEqual([]);
  });
});

describe('quotedRanges', () => {
  it('finds straight and curly quotes, and runs an unclosed quote to the end', () => {
    const s = 'He said "no" and “yes” then "maybe';
    const r = quotedRanges(s);
    expect(r).toHaveLength(3);
    expect(insideRanges(r, s.indexOf('no'))).toBe(true);
    expect(insideRanges(r, s.indexOf('yes'))).toBe(true);
    expect(insideRanges(r, s.indexOf('and'))).toBe(false);
    expect(insideRanges(r, s.indexOf('maybe'))).toBe(true);
  });
});
