import { describe, expect, it } from 'vitest';
import { ciPct, ciPts, levelPct, pct, pts, pval, signedPts } from '../../src/util/format.js';

describe('report number formats (one set for every renderer)', () => {
  it('prints rates as percentages and missing values as a dash', () => {
    expect(pct(0.1234)).toBe('12.3%');
    expect(pct(0.5, 0)).toBe('50%');
    expect(pct(null)).toBe('–');
  });

  it('signs changes in points, and gives a change that rounds to zero no sign', () => {
    expect(signedPts(0.21)).toBe('+21.0');
    expect(signedPts(-0.035)).toBe('−3.5');
    expect(signedPts(-0.0001)).toBe('0.0');
    expect(pts(0.042)).toBe('+4.2 pts');
    expect(pts(0)).toBe('0.0 pts');
  });

  it('prints intervals and p-values', () => {
    expect(ciPct({ lo: 0.121, hi: 0.184 })).toBe('12.1–18.4%');
    expect(ciPts({ lo: -0.02, hi: 0.061 })).toBe('−2.0 to +6.1');
    expect(ciPts({ lo: null, hi: 0.1 })).toBe('');
    expect(pval(0.0004)).toBe('<0.001');
    expect(pval(0.0456)).toBe('0.046');
  });

  it('prints the confidence level actually used, not a rounded one', () => {
    expect(levelPct(0.95)).toBe('95%');
    expect(levelPct(0.975)).toBe('97.5%');
  });
});
