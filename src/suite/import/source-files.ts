/**
 * Reading the importers' source formats (CSV, JSON, JSONL) with errors that name the file and the
 * row, since these files come from elsewhere and are often hand-edited.
 */
import { parse } from 'csv-parse/sync';
import { UserError } from '../../errors.js';
import { readSource } from '../load-suite.js';
import { displayPath } from '../yaml-source.js';

export interface CsvRow {
  /** the line the record starts on (1-based, the header is line 1) */
  line: number;
  record: Record<string, string>;
}

export function readCsv(file: string): { columns: string[]; rows: CsvRow[] } {
  const text = readSource(file).toString('utf8');
  try {
    const parsed = parse(text, { columns: true, info: true, bom: true, skip_empty_lines: true }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
    const header = parse(text, { to_line: 1, bom: true }) as string[][];
    let line = 2;
    const rows = parsed.map((p) => {
      const row = { line, record: p.record };
      line = p.info.lines + 1;
      return row;
    });
    return { columns: header[0] ?? [], rows };
  } catch (err) {
    const e = err as { message: string; lines?: number };
    throw new UserError(`${displayPath(file)}${e.lines ? `:${e.lines}` : ''}: not valid CSV: ${e.message}`, 'fix the row (quotes must be closed; every row needs the header\'s number of columns)');
  }
}

export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readSource(file).toString('utf8'));
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${displayPath(file)}: not valid JSON: ${(err as Error).message}`);
  }
}

/** One JSON object per non-empty line; a bad line is an error naming its line number. */
export function readJsonl(file: string): Array<{ line: number; value: Record<string, unknown> }> {
  const out: Array<{ line: number; value: Record<string, unknown> }> = [];
  readSource(file).toString('utf8').split('\n').forEach((text, i) => {
    if (!text.trim()) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new UserError(`${displayPath(file)}:${i + 1}: not valid JSON: ${(err as Error).message}`, 'each line must be one JSON object');
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new UserError(`${displayPath(file)}:${i + 1}: expected a JSON object`);
    out.push({ line: i + 1, value: value as Record<string, unknown> });
  });
  return out;
}

/** A required non-empty text field of a row, or an error naming the file, line and field. */
export function requireText(value: unknown, what: { file: string; line: number | string; field: string }): string {
  if (typeof value === 'string' && value.trim()) return value;
  if (typeof value === 'number') return String(value);
  throw new UserError(`${displayPath(what.file)}:${what.line}: ${value === undefined || value === '' ? 'missing' : 'invalid'} "${what.field}"`, `every row needs a non-empty ${what.field}`);
}

/** A valid id fragment: letters, digits, ".", "_" and "-" only. */
export function slug(text: string): string {
  return text.trim().replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+|-+$/g, '') || 'x';
}
