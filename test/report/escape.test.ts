import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeMarkdown, stripControl } from '../../src/report/escape.js';

describe('escaping untrusted text for the HTML, XML and Markdown reports', () => {
  it('drops terminal escape sequences whole, OSC titles included, and XML-forbidden controls', () => {
    expect(stripControl('\u001b[31mred\u001b[0m')).toBe('red');
    expect(stripControl('\u001b]0;pwned\u0007title')).toBe('title'); // no "]0;pwned" residue
    expect(stripControl('a\u0000b\u0008c\u007fd')).toBe('abcd');
    expect(stripControl('keeps\ttabs\nand newlines')).toBe('keeps\ttabs\nand newlines');
  });

  it('escapes every character HTML and XML attributes need', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('keeps Markdown table cells whole: pipes, emphasis and newlines neutralised', () => {
    expect(escapeMarkdown('a|b *c* \u001b[1m<i>\nx')).toBe('a\\|b \\*c\\* &lt;i&gt;<br>x');
  });
});
