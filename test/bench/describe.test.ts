import { describe as suite, expect, it } from 'vitest';
import { describe, formatSummary } from '../../bench/describe.mjs';

suite('bench/describe.mjs (mathjs summaries for benchmark timings)', () => {
  it('gives the median, the quartiles and the sample standard deviation', () => {
    const s = describe([4, 1, 10, 3, 2]);
    expect(s).toMatchObject({ n: 5, min: 1, q1: 2, median: 3, q3: 4, max: 10, mean: 4 });
    expect(s.sd).toBeCloseTo(Math.sqrt(12.5), 10); // squared deviations 50 over n − 1 = 4
  });

  it('prints the median first, with its spread; one measurement has no spread', () => {
    expect(formatSummary(describe([1, 2, 3, 4, 10]), { unit: 's' })).toBe('3.00 s (IQR 2.00–4.00, sd 3.54, n 5)');
    expect(formatSummary(describe([812]), { unit: 'ms', digits: 0 })).toBe('812 ms (n 1)');
    expect(describe([5]).sd).toBeNull();
    expect(() => describe([])).toThrow(/no measurements/);
  });
});
