/**
 * Reading the importers' source formats (CSV, JSON, JSONL) with errors that name the file and the
 * row, since these files come from elsewhere and are often hand-edited.
 */
import { UserError } from '../../errors.js';
import { parseCsvText, parseJsonlText, type TextRow } from '../../table-text.js';
import { readSource } from '../load-suite.js';
import { displayPath } from '../yaml-source.js';

/** A CSV record and the line it starts on (1-based, the header is line 1). */
export type CsvRow = TextRow<Record<string, string>>;

export function readCsv(file: string): { columns: string[]; rows: CsvRow[] } {
  return parseCsvText(readSource(file).toString('utf8'), displayPath(file));
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
export function readJsonl(file: string): Array<TextRow<Record<string, unknown>>> {
  return parseJsonlText(readSource(file).toString('utf8'), displayPath(file));
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
