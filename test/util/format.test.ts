import { describe, expect, it } from 'vitest';
import { ciBrackets, ciHalfWidth, ciPct, ciPts, duration, levelPct, namedPval, pct, pctWithCi, perSecond, pts, pval, signedPts, unsignedPts } from '../../src/util/format.js';

describe('report number formats (one set for every renderer)', () => {
  it('prints rates as percentages and missing values as a dash', () => {
    expect(pct(0.1234)).toBe('12.3%');
    expect(pct(0.5, 0)).toBe('50%');
    expect(pct(null)).toBe('–');
    expect(pct(Number.NaN)).toBe('–');
  });

  it('signs changes in points, and gives a change that rounds to zero no sign', () => {
    expect(signedPts(0.21)).toBe('+21.0');
    expect(signedPts(-0.035)).toBe('−3.5');
    expect(signedPts(-0.0001)).toBe('0.0');
    expect(pts(0.042)).toBe('+4.2 pts');
    expect(pts(0)).toBe('0.0 pts');
    expect(unsignedPts(0.1234)).toBe('12.3');
  });

  it('marks a zero change ±0.0 on request (the screens), still never +0.0 or −0.0', () => {
    expect(signedPts(-0.0001, 1, '±')).toBe('±0.0');
    expect(signedPts(0.05, 1, '±')).toBe('+5.0');
  });

  it('prints intervals and p-values', () => {
    expect(ciPct({ lo: 0.121, hi: 0.184 })).toBe('12.1–18.4%');
    expect(ciPts({ lo: -0.02, hi: 0.061 })).toBe('−2.0 to +6.1');
    expect(ciPts({ lo: null, hi: 0.1 })).toBe('');
    expect(pval(0.0004)).toBe('<0.001');
    expect(pval(0.0456)).toBe('0.046');
    expect(pctWithCi({ value: 0.123, lo: 0.101, hi: 0.152 })).toBe('12.3 (10.1–15.2)');
    expect(pctWithCi({ value: 0.123, lo: null, hi: null })).toBe('12.3');
    expect(pctWithCi(undefined)).toBe('–');
  });

  it('names a p-value without ever printing "=<"', () => {
    expect(namedPval('p_adj', 0.00004)).toBe('p_adj<0.001');
    expect(namedPval('Holm p', 0.0421)).toBe('Holm p=0.042');
  });

  it('prints the screens\' compact intervals: brackets and half-widths', () => {
    expect(ciBrackets(0.05, 0.15)).toBe('[5.0, 15.0]');
    expect(ciBrackets(-0.02, 0, true)).toBe('[−2.0, ±0.0]');
    expect(ciBrackets(null, 0.1)).toBe('');
    expect(ciHalfWidth(0.1, 0.182)).toBe('±4.1');
    expect(ciHalfWidth(undefined, 0.1)).toBe('');
  });

  it('prints durations and throughputs the way a progress line reads', () => {
    expect(duration(42.4)).toBe('42s');
    expect(duration(75)).toBe('1m15s');
    expect(duration(3 * 3600 + 125)).toBe('3h02m');
    expect(duration(Number.POSITIVE_INFINITY)).toBe('—');
    expect(perSecond(230.04)).toBe('230/s');
    expect(perSecond(4.52)).toBe('4.5/s');
    expect(perSecond(undefined)).toBe('—/s');
  });

  it('prints the confidence level actually used, not a rounded one', () => {
    expect(levelPct(0.95)).toBe('95%');
    expect(levelPct(0.975)).toBe('97.5%');
  });
});
