import { describe, expect, it } from 'vitest';
import { chiSquare1Upper, tQuantile, zQuantile } from '../../src/stats/index.js';

describe('quantiles (reference values)', () => {
  it('z(0.975) = 1.9599639845400538', () => expect(zQuantile(0.975)).toBeCloseTo(1.9599639845400538, 12));
  it('t(0.975, df = 10) = 2.2281388519862744', () => expect(tQuantile(0.975, 10)).toBeCloseTo(2.2281388519862744, 10));
  it('chi-square(1) upper tail at 4.5 = 0.033894853524689274', () => expect(chiSquare1Upper(4.5)).toBeCloseTo(0.033894853524689274, 14));
});
