import { describe, expect, it } from 'vitest';
import { sanitizeLine, sanitizeText } from '../../src/util/sanitize.js';

describe('sanitizeText (model output is untrusted)', () => {
  it('removes colour, cursor, screen-clear and window-title sequences', () => {
    const evil = 'a\u001b[31mred\u001b[0m\u001b[2J\u001b[H\u001b]0;pwned\u0007b\u001b[?1049l';
    expect(sanitizeText(evil)).toBe('aredb');
  });
  it('removes bell, backspace, carriage-return overwrites, C1 controls and bidi overrides', () => {
    expect(sanitizeText('safe\rEVIL')).toBe('safe\nEVIL');
    expect(sanitizeText('x\u0007\u0008\u009b31m\u202Eevil\u202C')).toBe('xevil') // a C1 CSI (\u009b) is a whole sequence too;
  });
  it('keeps newlines and turns tabs into spaces', () => {
    expect(sanitizeText('one\r\ntwo\tthree')).toBe('one\ntwo  three');
  });
  it('sanitizeLine collapses whitespace for one-line cells', () => {
    expect(sanitizeLine('  a\n\n b\t c ')).toBe('a b c');
  });
});
