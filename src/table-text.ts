/**
 * The tabular text formats users hand the harness (CSV with a header row, JSON lines) read into rows
 * that remember the line they start on, with UserErrors naming `label:line`. One reader, so the
 * importers, replay files and `atax classify` report a bad row the same way. (`atax classify`
 * streams big inputs through its own csv-parse stream but shares the JSON-line check below.)
 */
import { parse } from 'csv-parse/sync';
import { UserError } from './errors.js';

/** One record and the 1-based line it starts on (a CSV header is line 1). */
export interface TextRow<T> {
  line: number;
  record: T;
}

const CSV_HINT = "fix the row: quotes must be closed (fields with commas, quotes or newlines go in double quotes, inner quotes doubled) and every row needs the header's number of columns";

/** A CSV text with a header row: its column names and its records. `label` names the file in errors. */
export function parseCsvText(text: string, label: string, opts: { delimiter?: string } = {}): { columns: string[]; rows: Array<TextRow<Record<string, string>>> } {
  const delimiter = opts.delimiter ?? ',';
  try {
    const parsed = parse(text, { columns: true, info: true, bom: true, skip_empty_lines: true, delimiter }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
    const header = parse(text, { to_line: 1, bom: true, delimiter }) as string[][];
    let line = 2;
    const rows = parsed.map((p) => {
      const row = { line, record: p.record };
      line = p.info.lines + 1; // info.lines is where this record ends (quoted fields span lines)
      return row;
    });
    return { columns: header[0] ?? [], rows };
  } catch (err) {
    const e = err as { message: string; lines?: number };
    throw new UserError(`${label}${e.lines ? `:${e.lines}` : ''}: not valid CSV: ${e.message}`, CSV_HINT);
  }
}

/** One JSON-lines line that must hold an object; `where` (file:line) names it in errors. */
export function parseJsonObjectLine(text: string, where: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${where}: not valid JSON: ${(err as Error).message}`, 'each line must be one JSON object, such as {"id": "…", "prompt": "…"}');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UserError(`${where}: expected a JSON object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`, 'each line must be one JSON object, such as {"id": "…", "prompt": "…"}');
  }
  return value as Record<string, unknown>;
}

/** A JSON-lines text: one object per non-empty line. */
export function parseJsonlText(text: string, label: string): Array<TextRow<Record<string, unknown>>> {
  const rows: Array<TextRow<Record<string, unknown>>> = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() !== '') rows.push({ line: i + 1, record: parseJsonObjectLine(line, `${label}:${i + 1}`) });
  });
  return rows;
}
