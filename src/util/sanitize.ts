import stripAnsi from 'strip-ansi';

/**
 * Model output is untrusted: before it reaches a terminal, remove ANSI escape sequences and every
 * control character that could move the cursor, clear the screen, retitle the window or reorder
 * text (bidi overrides). Newlines survive; tabs become spaces so widths stay predictable.
 * The one sanitizer for terminal output: the TUI and terminal renderers reuse it.
 */
// C0 controls except \n, DEL, C1 controls, and bidi embedding/override/isolate marks.
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export function sanitizeText(text: string): string {
  return stripAnsi(text)
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '  ')
    .replace(CONTROL, '');
}

/** One-line form for lists and cells: whitespace runs (newlines included) collapse to one space. */
export function sanitizeLine(text: string): string {
  return sanitizeText(text).replace(/\s+/g, ' ').trim();
}
