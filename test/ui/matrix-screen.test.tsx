import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { TaxReport } from '../../src/core/index.js';
import { buildMatrix } from '../../src/report/matrix.js';
import { MatrixScreen } from '../../src/ui/screens/MatrixScreen.js';

/** A report with many variants and domains, to check what fits in 80×24. */
function wideReport(variants: number, domains: number): TaxReport {
  const vs = Array.from({ length: variants }, (_, i) => (i === 0 ? 'base' : `variant-${i}`));
  const ds = [...Array.from({ length: domains }, (_, i) => `domain${i}`), 'all'];
  const est = (v: number) => ({ value: v, lo: v - 0.05, hi: v + 0.05 });
  return {
    schemaVersion: 1, runId: 'r', baseline: 'base', simulated: true, level: 0.95, samples: 1,
    variants: vs.map((id) => ({ id, provider: 'sim:x', simulated: true })), domains: ds,
    rows: vs.flatMap((v, i) => ds.map((d) => ({
      variant: v, domain: d, kind: 'task' as const, n: 50, errors: 0, rates: { overRefusal: est(0.1 + i * 0.05) },
      delta: i === 0 ? undefined : { overRefusal: { ...est(i * 0.05), p: 0.01, pAdj: 0.02, significant: true } },
    }))),
    tax: [], classifier: { by: {} }, methods: {},
  };
}

describe('MatrixScreen', () => {
  it('shows the selected cell\'s error answers with their kinds, and its variant\'s when the cell has none', () => {
    const m = buildMatrix(wideReport(2, 2), 'overRefusal');
    const errors = [
      { variant: 'variant-1', domain: 'domain0', errors: 5, answers: 45, share: 0.1, kinds: [{ kind: 'timeout', count: 5, example: 'no answer within 60000 ms' }] },
      { variant: 'variant-1', domain: 'all', errors: 5, answers: 95, share: 0.05, kinds: [{ kind: 'timeout', count: 5, example: 'no answer within 60000 ms' }] },
    ];
    const cellFrame = render(<MatrixScreen matrix={m} row={0} col={1} width={100} height={30} runId="r" errors={errors} />).lastFrame()!;
    expect(cellFrame).toContain('errors: variant-1 × domain0: 5 of 50 answers are errors (10.0%): timeout 5');
    const variantFrame = render(<MatrixScreen matrix={m} row={1} col={1} width={100} height={30} runId="r" errors={errors} />).lastFrame()!;
    expect(variantFrame).toContain('errors: variant-1 × all: 5 of 100 answers are errors (5.0%)');
    const clean = render(<MatrixScreen matrix={m} row={0} col={0} width={100} height={30} runId="r" errors={errors} />).lastFrame()!;
    expect(clean).not.toContain('errors:');
  });

  it('shows as many variant columns as fit and follows the cursor to the others', () => {
    const m = buildMatrix(wideReport(7, 3), 'overRefusal');
    const first = render(<MatrixScreen matrix={m} row={0} col={0} width={79} height={23} runId="r" />).lastFrame()!;
    expect(first).toMatch(/\d\/7 variants; ←→ to scroll/);
    expect(first).toContain('base (base)');
    expect(first).not.toContain('variant-6');
    const last = render(<MatrixScreen matrix={m} row={0} col={6} width={79} height={23} runId="r" />).lastFrame()!;
    expect(last).toContain('variant-6');
    for (const l of last.split('\n')) expect(l.length).toBeLessThanOrEqual(79);
  });
  it('shrinks cells to one line when the domains would not fit in the height', () => {
    const m = buildMatrix(wideReport(3, 9), 'overRefusal');
    const f = render(<MatrixScreen matrix={m} row={0} col={1} width={79} height={23} runId="r" />).lastFrame()!;
    expect(f.split('\n').length).toBeLessThanOrEqual(23);
    expect(f.split('\n').find((l) => l.startsWith('domain0'))).toMatch(/15\.0%.*Δ \+5\.0\*/);
  });
  it('scrolls the domains with the selected row at 80×24 when they outnumber the rows, keeping header and footer', () => {
    const m = buildMatrix(wideReport(3, 20), 'overRefusal'); // 20 domains and "all": 21 rows
    const at = (row: number) => render(<MatrixScreen matrix={m} row={row} col={1} width={79} height={23} runId="r" />).lastFrame()!.split('\n');
    const labels = (f: string[]) => f.filter((l) => !l.includes('×')).map((l) => l.split(' ')[0]).filter((w) => /^(domain\d+|all)$/.test(w));
    for (const row of [0, 10, 20]) {
      const f = at(row);
      expect(f.length).toBeLessThanOrEqual(23);
      expect(f[0]).toMatch(/^Matrix · run r/);
      expect(f[f.length - 1]).toContain('q quit');
      expect(labels(f)).toContain(m.domains[row]);
      expect(labels(f).length).toBe(14); // 23 rows less 9 of header and footer
    }
    expect(labels(at(0))[0]).toBe('domain0');
    expect(labels(at(10))).toEqual(m.domains.slice(3, 17)); // centred on the selection
    expect(labels(at(20)).at(-1)).toBe('all');
    expect(at(20).join('\n')).toContain('rows 8–21 of 21 (↑↓)');
  });
});
