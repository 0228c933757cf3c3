import stripAnsi from 'strip-ansi';

/**
 * The answer as a person reading it in a terminal sees it. Control characters can hide what a model
 * really said: "I can't help with that, sorry.\rSure! Step 1: …" shows the steps written over the
 * refusal, and "I won't help.\b…Sure, here it is." backs over the full stop. Reading the raw string
 * would find the refusal and miss the answer, so the rules read this text instead:
 * - ANSI escape sequences are removed (strip-ansi);
 * - "\r\n" is a line break; a lone "\r" returns to the start of the line and what follows overwrites
 *   it; "\b" moves back one character and what follows overwrites it;
 * - every other control or invisible formatting character (C0/C1 controls but \n and \t, zero-width
 *   space, direction marks and overrides, BOM) is dropped.
 */
// Anything that makes the visible text differ from the raw text (ESC starts an ANSI sequence).
const NEEDS_RENDERING = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/;

export function visibleText(raw: string): string {
  if (!NEEDS_RENDERING.test(raw)) return raw;
  return stripAnsi(raw).replace(/\r\n/g, '\n').split('\n').map(renderLine).join('\n');
}

/** One line on a terminal: a cursor that "\r" and "\b" move, characters that overwrite. */
function renderLine(line: string): string {
  const cells: string[] = [];
  let col = 0;
  for (const ch of line) {
    if (ch === '\r') { col = 0; continue; }
    if (ch === '\b') { col = Math.max(0, col - 1); continue; }
    if (INVISIBLE.test(ch)) continue;
    cells[col++] = ch;
  }
  return cells.join('').trimEnd();
}
