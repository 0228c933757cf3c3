import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';

/**
 * Text in terminal cells, for every table a terminal shows (the reports, the CLI's listings, the
 * screens): widths from string-width (grapheme clusters, emoji sequences, combining marks, wide
 * East Asian), cutting from cli-truncate. Only the padding and one guard are ours. Input is
 * already sanitized (no escape sequences). `String.prototype.padEnd` counts UTF-16 units, so a
 * column holding `模型-β` or `🚀` would end a cell early: pad with `fit`.
 */

/** Cuts text to at most `width` cells, ending with … when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
  // cli-truncate can overshoot by a cell when a wide character straddles the cut ("日本語" at 2
  // gives "日…"): ask for one cell less until the result fits
  for (let w = width; w >= 1; w--) {
    const cut = cliTruncate(text, w);
    if (stringWidth(cut) <= width) return cut;
  }
  return '';
}

/** Pads (or truncates) to exactly `width` cells. */
export function fit(text: string, width: number, align: 'left' | 'right' = 'left'): string {
  const t = truncate(text, width);
  const pad = ' '.repeat(Math.max(0, width - stringWidth(t)));
  return align === 'left' ? t + pad : pad + t;
}

/**
 * Rows of cells as columns sized to their widest cell (in terminal cells), two spaces apart,
 * left-aligned except the columns listed in `right`; trailing spaces trimmed. Pure.
 */
export function alignColumns(rows: string[][], right: ReadonlySet<number> = new Set()): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => stringWidth(r[i])))) ?? [];
  return rows.map((r) => r.map((c, i) => fit(c, widths[i], right.has(i) ? 'right' : 'left')).join('  ').trimEnd());
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The user-perceived characters of text (an emoji family or a Devanagari syllable is one). */
export function splitGraphemes(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}
