import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { toKeyPresses } from '../../src/ui/keys.js';

const none: Key = {
  upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
  return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false,
  capsLock: false, numLock: false,
} as Key;

describe('toKeyPresses', () => {
  it('splits characters that arrived together into separate keys, recognising Tab, Enter and Backspace', () => {
    expect(toKeyPresses('l\r', none)).toEqual([{ input: 'l' }, { input: '', enter: true }]);
    expect(toKeyPresses('\t\t', none)).toEqual([{ input: '', tab: true }, { input: '', tab: true }]);
    expect(toKeyPresses('ab\u007f', none).map((k) => k.back ?? k.input)).toEqual(['a', 'b', true]);
  });
  it('maps a single named key', () => {
    expect(toKeyPresses('', { ...none, downArrow: true })[0].down).toBe(true);
    expect(toKeyPresses('', { ...none, delete: true })[0].back).toBe(true); // most terminals send DEL for Backspace
    expect(toKeyPresses('\t', { ...none, tab: true, shift: true })[0]).toMatchObject({ input: '', tab: true, shift: true });
  });
});
