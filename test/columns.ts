import stringWidth from 'string-width';

/**
 * Where a plain-text table's cells sit on screen, in terminal cells (not UTF-16 units): a cell is a
 * run of text without two spaces in a row, so `gpt-4o 🚀` or `1.5 (0.3–8.0)` is one cell. Tests
 * compare the columns of a header with those of its rows to prove a table lines up.
 */
function cells(line: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const m of line.matchAll(/\S+(?: \S+)*/g)) {
    const start = stringWidth(line.slice(0, m.index));
    out.push({ start, end: start + stringWidth(m[0]) });
  }
  return out;
}

/** The screen column each cell of `line` starts at. */
export const cellStarts = (line: string): number[] => cells(line).map((c) => c.start);

/** The screen column just past each cell of `line` (where a right-aligned column ends). */
export const cellEnds = (line: string): number[] => cells(line).map((c) => c.end);
