import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/report/markdown.js';
import { escapeMarkdown } from '../../src/report/escape.js';
import { scenarioCard } from './card.js';

describe('renderMarkdown', () => {
  it('opens with the verdict and keeps every table row the width of its header', async () => {
    const md = renderMarkdown(await scenarioCard({ simulated: true }));
    expect(md.split('\n')[0]).toMatch(/^\*\*FAIL\*\*: 3 of 3 gates failed/);
    expect(md).toContain('> [!WARNING]');
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    const lines = md.split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (/^\| ---/.test(lines[i])) {
        const width = cells(lines[i - 1]);
        for (let j = i + 1; j < lines.length && lines[j].startsWith('|'); j++) expect(cells(lines[j])).toBe(width);
      }
    }
  });

  it('escapes model output so GitHub renders it as text', async () => {
    const md = renderMarkdown(await scenarioCard());
    expect(md).not.toMatch(/<script|<img/i);
    expect(md).toContain('&lt;script&gt;');
    expect(escapeMarkdown('a|b *c* <i>\nx')).toBe('a\\|b \\*c\\* &lt;i&gt;<br>x');
  });
});
