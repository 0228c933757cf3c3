import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src/report/sparkline.js';

describe('sparkline', () => {
  it('draws one block per value from lowest to highest', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
  });
  it('leaves a gap for a missing value and draws a flat series at mid height', () => {
    expect(sparkline([0.2, null, 0.2])).toBe('▄ ▄');
  });
  it('uses a common range when given, clamping outside values', () => {
    expect(sparkline([0.5, 2], { min: 0, max: 1 })).toBe('▅█');
  });
});
