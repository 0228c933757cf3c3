import type { Key } from 'ink';
import type { KeyPress } from './nav.js';

/**
 * Ink's keys → the reducer's KeyPress list. Ink delivers a run of plain characters that arrived
 * together as one input (typing fast, tmux send-keys, a paste: "l\r", "\t\t"), so such runs are
 * split into one KeyPress per character, with Tab, Enter and Backspace recognised inside them.
 */
export function toKeyPresses(input: string, key: Key): KeyPress[] {
  const chars = [...input];
  if (chars.length > 1 && !key.upArrow && !key.downArrow && !key.leftArrow && !key.rightArrow && !key.meta) {
    return chars.map(charKey);
  }
  return [{
    input: key.tab || key.return || key.escape ? '' : input,
    up: key.upArrow, down: key.downArrow, left: key.leftArrow, right: key.rightArrow,
    pageUp: key.pageUp, pageDown: key.pageDown, home: key.home, end: key.end,
    enter: key.return, escape: key.escape, back: key.backspace || key.delete, tab: key.tab, shift: key.shift, ctrl: key.ctrl,
  }];
}

function charKey(ch: string): KeyPress {
  if (ch === '\t') return { input: '', tab: true };
  if (ch === '\r' || ch === '\n') return { input: '', enter: true };
  if (ch === '\u007f' || ch === '\b') return { input: '', back: true };
  if (ch === '\u0003') return { input: 'c', ctrl: true };
  return { input: ch };
}
