import { describe, expect, it } from 'vitest';
import { mdePaired, millerMde, millerSampleSize, sampleSizePaired } from '../../src/stats/index.js';

describe('mdePaired (Connor 1987 inverted, α = 0.05, power 0.8)', () => {
  const table: Array<[number, number, number]> = [
    [200, 0.05, 4.4], [200, 0.1, 6.2], [200, 0.2, 8.8],
    [500, 0.05, 2.8], [500, 0.1, 4.0], [500, 0.2, 5.6],
    [1000, 0.05, 2.0], [1000, 0.1, 2.8], [1000, 0.2, 4.0],
  ];
  it.each(table)('n = %i, ψ = %f → %f pp', (n, psi, pp) => {
    expect(Math.abs((mdePaired(n, psi, { alpha: 0.05, power: 0.8 }) ?? NaN) * 100 - pp)).toBeLessThan(0.05 + 1e-9);
  });
  it('falls as n grows and rises with the discordance', () => {
    expect(mdePaired(400, 0.1)!).toBeLessThan(mdePaired(100, 0.1)!);
    expect(mdePaired(400, 0.2)!).toBeGreaterThan(mdePaired(400, 0.1)!);
  });
  it('is null when nothing could be detected', () => {
    expect(mdePaired(0, 0.1)).toBeNull();
    expect(mdePaired(3, 0.1)).toBeNull();
  });
});

describe('sampleSizePaired (Connor 1987)', () => {
  it('round-trips with mdePaired', () => {
    const d = mdePaired(500, 0.1)!;
    expect(sampleSizePaired(d, 0.1)).toBe(500);
  });
  it('needs more cases for a smaller effect', () => {
    expect(sampleSizePaired(0.02, 0.1)).toBeGreaterThan(sampleSizePaired(0.05, 0.1));
  });
});

describe("Miller 2024 recommendation 4", () => {
  // the worked example: ω² = 1/9, σ²_A = σ²_B = 1/6
  const v = { omega2: 1 / 9, sigmaA2: 1 / 6, sigmaB2: 1 / 6 };
  it('needs n = 969 questions for δ = 0.06', () => expect(millerSampleSize(0.06, v)).toBe(969));
  it('at n = 198 the MDE falls from 13.27% (K = 1) to 7.57% (K = 10)', () => {
    expect(millerMde(198, v)).toBeCloseTo(0.1327, 4);
    expect(millerMde(198, { ...v, kA: 10, kB: 10 })).toBeCloseTo(0.0757, 4);
  });
});
