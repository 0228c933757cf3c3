import { describe, expect, it } from 'vitest';
import { adjustWithinFamilies, benjaminiHochberg, bhFamilyOf, familySizes, holm, holmFamilyOf, holmFirstLevel } from '../../src/stats/index.js';

const ps = [0.01, 0.04, 0.03, 0.005, 0.2];

describe('holm', () => {
  it('matches the reference [0.04, 0.09, 0.09, 0.025, 0.2]', () => {
    holm(ps).forEach((p, i) => expect(p).toBeCloseTo([0.04, 0.09, 0.09, 0.025, 0.2][i], 12));
  });
  it('never mutates its input', () => {
    const input = [...ps];
    holm(input);
    expect(input).toEqual(ps);
  });
});

describe('benjaminiHochberg', () => {
  it('matches the reference [0.025, 0.05, 0.05, 0.025, 0.2]', () => {
    benjaminiHochberg(ps).forEach((p, i) => expect(p).toBeCloseTo([0.025, 0.05, 0.05, 0.025, 0.2][i], 12));
  });
  it('never mutates its input', () => {
    const input = [...ps];
    benjaminiHochberg(input);
    expect(input).toEqual(ps);
  });
});

describe('adjustment never lowers a p-value and stays within [0, 1]', () => {
  // a seeded LCG so the property is checked on many families, reproducibly
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  it.each([1, 2, 5, 20, 100])('family of %i', (m) => {
    for (let rep = 0; rep < 50; rep++) {
      const family = Array.from({ length: m }, () => rand() ** 3);
      const h = holm(family), q = benjaminiHochberg(family);
      family.forEach((p, i) => {
        expect(h[i]).toBeGreaterThanOrEqual(p);
        expect(q[i]).toBeGreaterThanOrEqual(p);
        expect(h[i]).toBeLessThanOrEqual(1);
        expect(q[i]).toBeLessThanOrEqual(h[i] + 1e-15); // BH is never stricter than Holm
      });
    }
  });
  it('handles an empty family', () => {
    expect(holm([])).toEqual([]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
});

describe('families (one definition for the report and the nightly gate)', () => {
  const items = [
    { variant: 'a', domain: 'x', p: 0.01 }, { variant: 'b', domain: 'x', p: 0.04 }, { variant: 'a', domain: 'y', p: 0.04 },
    { variant: 'a', domain: 'x', p: 0.03 }, { variant: 'b', domain: 'y', p: 0.2 },
  ];
  it('adjusts within each variant\'s family, never across variants', () => {
    const adjusted = adjustWithinFamilies(items, holmFamilyOf, (t) => t.p);
    // a: [0.01, 0.04, 0.03] → Holm [0.03, 0.06, 0.06]; b: [0.04, 0.2] → [0.08, 0.2]
    expect(adjusted.map((p) => Math.round(p * 1e12) / 1e12)).toEqual([0.03, 0.08, 0.06, 0.06, 0.2]);
    const withoutB = adjustWithinFamilies(items.filter((t) => t.variant === 'a'), holmFamilyOf, (t) => t.p);
    expect(withoutB).toEqual([adjusted[0], adjusted[2], adjusted[3]]);
  });
  it('BH lists are one variant within one domain; Holm\'s first level is α/m', () => {
    expect(adjustWithinFamilies(items, bhFamilyOf, (t) => t.p, benjaminiHochberg)[0]).toBeCloseTo(0.02, 12);
    expect(familySizes(items, holmFamilyOf)).toEqual(new Map([['a', 3], ['b', 2]]));
    expect(holmFirstLevel(0.05, 3)).toBeCloseTo(0.05 / 3, 15);
  });
});
