import { describe, expect, it } from 'vitest';
import { changeBetweenRuns } from '../../src/report/compare-runs.js';

describe('changeBetweenRuns', () => {
  it('is this run minus the other, with a MOVER interval from both intervals', () => {
    const c = changeBetweenRuns({ value: 0.5, lo: 0.4, hi: 0.6 }, { value: 0.2, lo: 0.15, hi: 0.3 });
    expect(c.value).toBeCloseTo(0.3);
    // lo = d − √((0.5−0.4)² + (0.3−0.2)²), hi = d + √((0.6−0.5)² + (0.2−0.15)²)
    expect(c.lo).toBeCloseTo(0.3 - Math.sqrt(0.01 + 0.01));
    expect(c.hi).toBeCloseTo(0.3 + Math.sqrt(0.01 + 0.0025));
    expect(c.significant).toBe(true);
  });
  it('is not significant when the interval covers zero, and empty without both estimates', () => {
    expect(changeBetweenRuns({ value: 0.5, lo: 0.3, hi: 0.7 }, { value: 0.45, lo: 0.25, hi: 0.65 }).significant).toBe(false);
    expect(changeBetweenRuns({ value: 0.5, lo: 0.3, hi: 0.7 }, undefined).value).toBeNull();
    expect(changeBetweenRuns({ value: 0.5, lo: null, hi: null }, { value: 0.4, lo: null, hi: null })).toEqual({ value: 0.5 - 0.4, lo: null, hi: null, significant: false });
  });
});
