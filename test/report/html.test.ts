import { XMLValidator, XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { scenarioCard } from './card.js';
import { XSS_ANSWER } from './fixture.js';

describe('renderHtml', () => {
  it('opens with the verdict line', async () => {
    const html = renderHtml(await scenarioCard());
    expect(html.split('\n')[0]).toMatch(/^<!-- FAIL: 3 of 3 gates failed: /);
    expect(html).toContain('<div class="verdict fail">FAIL: 3 of 3 gates failed');
  });

  it('is well-formed markup (parses as XML) with one html, head and body', async () => {
    const html = renderHtml(await scenarioCard({ simulated: true }));
    expect(XMLValidator.validate(html)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false }).parse(html);
    expect(Object.keys(doc.html)).toEqual(expect.arrayContaining(['head', 'body']));
  });

  it('shows a model answer with <script> and <img onerror> only as escaped text', async () => {
    const html = renderHtml(await scenarioCard());
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<[^>]*\sonerror=/i); // no real tag carries the handler: it is only in escaped text
    expect(html).toContain('Sure! &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('What dose of &lt;b&gt;ibuprofen&lt;/b&gt; is safe?');
    expect(XSS_ANSWER).toContain('<script>');
  });

  it('is self-contained: no script, no external resource, print styles present', async () => {
    const html = renderHtml(await scenarioCard());
    expect(html).not.toMatch(/<(script|link|iframe)\b/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).toContain('@media print');
    expect(html).toMatch(/<svg [^>]*aria-label="Safety against completion per variant"/);
  });

  it('carries a SIMULATED banner for sim runs only', async () => {
    expect(renderHtml(await scenarioCard({ simulated: true }))).toContain('<div class="banner">SIMULATED RUN');
    expect(renderHtml(await scenarioCard())).not.toContain('SIMULATED RUN');
  });

  it('has the content a review needs: variants, tax, per-domain tables, examples, methodology', async () => {
    const html = renderHtml(await scenarioCard());
    for (const heading of ['Verdict', 'Variants', 'Tax and safety gain', 'Safety against completion', 'Per-domain results', 'Most telling examples', 'Methodology']) {
      expect(html).toContain(`<h2>${heading}`);
    }
    expect(html).toContain('Holm p');
    expect(html).toContain('Config hash');
    expect(html).toContain('cfg0123456789abcdef');
  });
});
