import { describe, expect, it } from 'vitest';
import { colorEnabled, directionColor, outcomeColor } from '../../src/ui/theme.js';

describe('colour', () => {
  it('is on for a terminal, off when NO_COLOR is set or the output is not a terminal', () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: '' })).toBe(true); // no-color.org: only a non-empty value counts
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({}, {})).toBe(false);
  });
  it('gives no colour names at all when colour is off', () => {
    expect(directionColor({ color: false }, 'worse')).toBeUndefined();
    expect(outcomeColor({ color: false }, 'refused')).toBeUndefined();
    expect(directionColor({ color: true }, 'worse')).toBe('red');
    expect(directionColor({ color: true }, 'better')).toBe('green');
  });
});
