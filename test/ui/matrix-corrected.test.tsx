import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import type { TaxReport } from '../../src/core/index.js';
import { buildMatrix } from '../../src/report/matrix.js';
import { cellLine, cellText, correctedLine } from '../../src/ui/matrix-text.js';
import { MatrixScreen } from '../../src/ui/screens/MatrixScreen.js';

/**
 * Issue 10 §2: when a run has human labels, the TUI matrix shows each figure corrected for the
 * classifier's error beside the classifier's own, and one line says how many labels corrected them.
 */
const est = (value: number, half = 0.05) => ({ value, lo: value - half, hi: value + half });
const corr = (value: number | null, labels: number, note?: string) => ({ value, lo: value === null ? null : value - 0.07, hi: value === null ? null : value + 0.07, labels, ...(note ? { note } : {}) });

function report(withLabels: boolean): TaxReport {
  const variants = ['base', 'tuned'];
  return {
    schemaVersion: 1, runId: 'r', baseline: 'base', simulated: false, level: 0.95, samples: 1,
    variants: variants.map((id) => ({ id, provider: `openai:${id}`, simulated: false })), domains: ['medical', 'all'],
    rows: variants.flatMap((v, i) => ['medical', 'all'].map((d) => ({
      variant: v, domain: d, kind: 'task' as const, n: 60, errors: 0,
      rates: { overRefusal: est(0.1 + i * 0.2), completion: est(0.8 - i * 0.2) },
      delta: i === 0 ? undefined : {
        overRefusal: { ...est(0.2), p: 0.0001, pAdj: 0.0004, significant: true },
        completion: { ...est(-0.2), p: 0.0001, pAdj: 0.0004, significant: true },
      },
      ...(withLabels ? {
        // tuned's labels say the classifier over-counts its refusals; base has too few in medical
        corrected: { overRefusal: i === 0 && d === 'medical' ? corr(null, 4, 'too few labels (4 < 10)') : corr(0.1 + i * 0.12, 40) },
        correctedDelta: i === 0 ? undefined : { overRefusal: corr(0.12, 40), completion: corr(-0.15, 40) },
      } : {}),
    }))),
    tax: ['medical', 'all'].map((d) => ({ variant: 'tuned', domain: d, completionDrop: est(0.2), safetyGain: est(0.1), taxPerSafetyPoint: 2, mde: 0.1 })),
    classifier: { by: {} }, methods: {},
    ...(withLabels ? { calibration: { labels: 120, minLabels: 10, method: 'PPI++', variants: [] } } : {}),
  };
}

describe('corrected figures in the matrix view-model', () => {
  it('carries rows[].corrected and correctedDelta into the cells, and the label count', () => {
    const m = buildMatrix(report(true), 'overRefusal');
    expect(m.calibration).toEqual({ labels: 120, method: 'PPI++' });
    const tuned = m.cells[0][1];
    expect(tuned.corrected?.value).toBeCloseTo(0.22);
    expect(tuned.correctedDelta?.value).toBeCloseTo(0.12);
    expect(m.cells[0][0].correctedDelta).toBeNull(); // the baseline has no difference to itself
  });
  it('corrects the tax as the negated corrected completion difference, its interval flipped', () => {
    const tax = buildMatrix(report(true), 'tax').cells[0][1].corrected!;
    expect(tax.value).toBeCloseTo(0.15);
    expect(tax.lo).toBeCloseTo(0.08);
    expect(tax.hi).toBeCloseTo(0.22);
  });
  it('has nothing corrected without labels', () => {
    const m = buildMatrix(report(false), 'overRefusal');
    expect(m.calibration).toBeUndefined();
    expect(m.cells[0][1].corrected).toBeNull();
    expect(correctedLine(m, m.cells[0][1])).toBeUndefined();
  });
});

describe('corrected figures on the Matrix screen', () => {
  it('puts "corr" beside the classifier\'s estimate and difference, dropping intervals before it', () => {
    const cell = buildMatrix(report(true), 'overRefusal').cells[0][1];
    expect(cellText(cell, 'overRefusal', 'baseline', 26)).toEqual(['30.0% ±5.0 corr 22.0%', 'Δ +20.0* corr +12.0']);
    expect(cellText(cell, 'overRefusal', 'baseline', 14)).toEqual(['30.0%→22.0%', 'Δ +20.0*→+12.0']);
    expect(cellText(cell, 'overRefusal', 'baseline', 12)).toEqual(['30.0%→22.0%', 'Δ +20.0*']);
    expect(cellLine(cell, 'overRefusal', 'baseline', 60)).toBe('30.0% [25.0, 35.0] corr 22.0% Δ +20.0* corr +12.0');
    expect(cellLine(cell, 'overRefusal', 'baseline', 40)).toBe('30.0% corr 22.0% Δ +20.0* corr +12.0');
    expect(cellLine(cell, 'overRefusal', 'baseline', 14)).toBe('30.0% Δ +20.0*');
  });
  it('shows the line "corrected with N human labels" with the selected cell in full, and says when a cell has too few', () => {
    const m = buildMatrix(report(true), 'overRefusal');
    const f = render(<MatrixScreen matrix={m} row={0} col={1} width={99} height={29} runId="r" />).lastFrame()!;
    expect(f).toContain('corrected with 120 human labels (corr) · cell (40 labels): 22.0% [15.0, 29.0] Δ +12.0 [+5.0, +19.0]');
    const medical = f.split('\n').find((l) => l.startsWith('medical'))!;
    expect(medical).toContain('corr 22.0%');
    expect(medical).toContain('corr —'); // base in medical: too few labels
    const base = render(<MatrixScreen matrix={m} row={0} col={0} width={99} height={29} runId="r" />).lastFrame()!;
    expect(base).toContain('base: too few labels (4 < 10)');
    for (const l of f.split('\n')) expect(l.length).toBeLessThanOrEqual(99);
  });
  it('shows no corrected line or figure for a run without labels', () => {
    const f = render(<MatrixScreen matrix={buildMatrix(report(false), 'overRefusal')} row={0} col={1} width={99} height={29} runId="r" />).lastFrame()!;
    expect(f).not.toContain('corr');
    expect(f).not.toContain('human labels');
  });
});

describe('a cell with too few labels', () => {
  it('keeps its interval rather than squeezing in "corr —" (the line above says why)', () => {
    const cell = buildMatrix(report(true), 'overRefusal').cells[0][0];
    expect(cellText(cell, 'overRefusal', 'baseline', 26)[0]).toBe('10.0% [5.0, 15.0] corr —');
    expect(cellText(cell, 'overRefusal', 'baseline', 20)[0]).toBe('10.0% [5.0, 15.0]');
  });
});
