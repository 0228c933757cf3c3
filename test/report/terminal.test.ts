import { describe, expect, it } from 'vitest';
import stripAnsi from 'strip-ansi';
import type { RunRecord, TaxReport } from '../../src/core/index.js';
import { buildTaxReport } from '../../src/stats/index.js';
import { headlines, renderReportTable } from '../../src/report/terminal.js';
import { manifest, record, tasks } from '../stats/fixtures.js';
import { cellStarts } from '../columns.js';

/** The k-th variant refuses 10 + EXTRA[k] of 120 tasks per domain and 25 + 3k of 40 probes. */
const EXTRA = [0, 3, 16, 20, 24];
function records(variants: string[], domains = ['medical', 'legal']): RunRecord[] {
  return variants.flatMap((v, k) => domains.flatMap((dom) => [
    ...tasks(dom, 120, v, (i) => (i < 10 + EXTRA[k] ? 'refused' : i < 40 ? 'hedged' : 'complied')),
    ...Array.from({ length: 40 }, (_, i) => record({ caseId: `${dom}-p${i}`, variantId: v, domain: dom, kind: 'probe', outcome: i < 25 + k * 3 ? 'refused' : 'complied' })),
  ]));
}
const build = (variants: string[], over = {}) => buildTaxReport(records(variants), { manifest: manifest({ variants, ...over }) });

describe('renderReportTable', () => {
  it('shows variants as columns and domains as rows, each cell a value with its interval', async () => {
    const out = renderReportTable(await build(['base', 'guarded']), { color: false, width: 80 });
    expect(out).toMatch(/Over-refusal on tasks/);
    expect(out).toMatch(/Safety on probes/);
    expect(out).toMatch(/domain \(n\)\s+base\s+guarded/);
    // medical over-refusal: base 10/120 = 8.3%, guarded 13/120 = 10.8%, +2.5 pts
    expect(out).toMatch(/medical \(120\)\s+8\.3 \(4\.6–14\.7\)\s+10\.8 \(6\.4–17\.7\)\s+\+2\.5\n/);
  });

  it('marks significant deltas with * and leaves the others unmarked', async () => {
    const r = await build(['base', 'guarded', 'strict']);
    const out = renderReportTable(r, { color: false, width: 200 });
    const strictAll = r.rows.find((x) => x.variant === 'strict' && x.domain === 'all' && x.kind === 'task')!.delta!.overRefusal!;
    const guardedMed = r.rows.find((x) => x.variant === 'guarded' && x.domain === 'medical' && x.kind === 'task')!.delta!.overRefusal!;
    expect(strictAll.significant).toBe(true);
    expect(guardedMed.significant).toBe(false);
    expect(out).toMatch(/all \(240\).*\+13\.3\*/);
    expect(out).toMatch(/medical \(120\).*\+2\.5 /);
  });

  it('fits 80 columns by wrapping variants into several tables that each repeat the baseline', async () => {
    const variants = ['base', 'guarded', 'sysprompt', 'strict', 'guardrail'];
    const out = renderReportTable(await build(variants), { color: false, width: 80 });
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const headers = out.split('\n').filter((l) => l.startsWith('domain (n)'));
    expect(headers.length).toBeGreaterThan(5); // more than one table of five blocks
    for (const h of headers) expect(h).toMatch(/^domain \(n\)\s+base\b/);
    for (const v of variants) expect(headers.some((h) => h.includes(v))).toBe(true);
  });

  it('lines up columns holding wide characters (CJK, emoji) in variant ids and domain names', async () => {
    const variants = ['base', '模型-β', 'gpt-4o 🚀'];
    const r = buildTaxReport(records(variants, ['医学', 'shell 🚀']), { manifest: manifest({ variants }) });
    const lines = renderReportTable(await r, { color: false, width: 120 }).split('\n');
    const headers = lines.flatMap((l, i) => (l.startsWith('domain (n)') && !lines[i - 1].startsWith('Tax') ? [i] : []));
    expect(headers.length).toBeGreaterThanOrEqual(4);
    for (const h of headers) {
      const columns = cellStarts(lines[h]);
      expect(columns).toHaveLength(4); // domain and three variants: `gpt-4o 🚀` is one cell
      const rows = lines.slice(h + 1, lines.indexOf('', h));
      expect(rows.map((row) => row.split(' (')[0])).toEqual(['shell 🚀', '医学', 'all']);
      // every variant's cell starts in the column its name starts in (a delta may add a cell after it)
      for (const row of rows) expect(cellStarts(row)).toEqual(expect.arrayContaining(columns));
    }
  });

  it('says what the suite could detect and says SIMULATED when it is', async () => {
    const out = renderReportTable(await build(['base', 'guarded']), { color: false, width: 80 });
    expect(out).toMatch(/Detectable: completion changes smaller than about legal \d+\.\d/);
    expect(out).toMatch(/SIMULATED: base, guarded are simulated/);
    const real = renderReportTable(await build(['base', 'guarded'], { simulated: false }), { color: false, width: 80 });
    expect(real).not.toMatch(/SIMULATED/);
  });

  it('colours only when asked', async () => {
    const r = await build(['base', 'guarded', 'strict']);
    const plain = renderReportTable(r, { color: false, width: 80 });
    const coloured = renderReportTable(r, { color: true, width: 80 });
    expect(plain).not.toMatch(/\u001b\[/);
    expect(coloured).toMatch(/\u001b\[31m/); // a significant rise in over-refusal is red
    expect(stripAnsi(coloured)).toBe(plain);
  });

  it('shortens long domain names but keeps their counts', async () => {
    const recs = records(['base', 'guarded'], ['a-very-long-domain-name-indeed']);
    const out = renderReportTable(await buildTaxReport(recs, { manifest: manifest() }), { color: false, width: 80 });
    expect(out).toMatch(/^a-very-long\S*… \(120\)\s+8\.3/m);
  });

  it('strips control sequences from ids that come from user files', async () => {
    const r: TaxReport = await build(['base', 'guarded']);
    const evil = '\u001b[2Jevil\u0007\u202E\u009b';
    r.variants[1].id = evil;
    for (const x of r.rows) if (x.variant === 'guarded') x.variant = evil;
    const out = renderReportTable(r, { color: false, width: 80 });
    expect(out).toContain('evil');
    expect(out).not.toMatch(/[\u0000-\u0008\u001b\u009b\u202E]/); // C1 controls and bidi overrides too
  });
});

describe('headlines', () => {
  it("names each variant's largest significant change, whatever its metric, with its Holm p and no unadjusted interval", async () => {
    const lines = headlines(await build(['base', 'guarded', 'strict']));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^strict: \+\d+\.\d pts [a-z -]+ on [a-z ]+ \(Holm p(<0\.001|=0\.0\d\d)\)/);
    expect(lines[0]).toMatch(/^guarded: (no significant change; largest )?[+−]\d+\.\d pts [a-z -]+ on [a-z ]+ \(Holm p[=<][01]\.\d{3}\)/);
    for (const l of lines) expect(l).not.toMatch(/\d–\d/); // no interval beside an adjusted p
  });
});
