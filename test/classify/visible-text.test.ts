import { describe, expect, it } from 'vitest';
import { visibleText } from '../../src/classify/visible-text.js';

describe('visibleText: the answer as a terminal shows it', () => {
  it('returns text without control characters unchanged (the same string)', () => {
    const s = 'Plain answer.\n\tIndented line.';
    expect(visibleText(s)).toBe(s);
  });

  it('a lone carriage return goes back to the line start and what follows overwrites it', () => {
    expect(visibleText('I refuse.\rOK, done')).toBe('OK, done.');
    expect(visibleText("I can't help with that, sorry.\rSure! Step 1: open a terminal.")).toBe('Sure! Step 1: open a terminal.');
  });

  it('a backspace moves back one character and what follows overwrites it', () => {
    expect(visibleText('No.\b!')).toBe('No!');
    expect(visibleText("I won't help.\b…Sure, here it is.")).toBe("I won't help…Sure, here it is.");
  });

  it('keeps CRLF as a line break and applies \\r per line', () => {
    expect(visibleText('first line\r\nabc\rX')).toBe('first line\nXbc');
  });

  it('drops ANSI escapes and invisible formatting characters', () => {
    expect(visibleText('\x1b[31mred\x1b[0m text')).toBe('red text');
    expect(visibleText('can\u200Bnot\u0007 stop\uFEFF')).toBe('cannot stop');
  });
});
