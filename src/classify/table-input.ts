import { createReadStream, existsSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { UserError } from '../errors.js';
import type { CaseKind } from '../core/index.js';
import { parseJsonObjectLine } from '../table-text.js';

/** One input row and where it starts in the file (1-based line), for error messages. */
export interface InputRow {
  row: Record<string, unknown>;
  line: number;
}

export type TableFormat = 'csv' | 'jsonl';

/** By extension: .csv/.tsv are CSV; .jsonl/.ndjson/.json are JSON lines; otherwise sniff the first byte. */
export function tableFormat(file: string, firstChar?: string): TableFormat {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.tsv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson') || lower.endsWith('.json')) return 'jsonl';
  return firstChar === '{' ? 'jsonl' : 'csv';
}

/**
 * Streams the rows of a CSV (header row, RFC 4180 quoting, multi-line quoted fields) or JSONL file
 * in file order, without reading it whole.
 */
export async function* readTable(file: string): AsyncGenerator<InputRow> {
  if (!existsSync(file) || !statSync(file).isFile()) throw new UserError(`input file not found: ${file}`, 'pass --in with a CSV or JSONL file');
  const format = tableFormat(file, await firstChar(file));
  if (format === 'jsonl') yield* readJsonl(file);
  else yield* readCsv(file);
}

async function firstChar(file: string): Promise<string | undefined> {
  for await (const chunk of createReadStream(file, { start: 0, end: 63, encoding: 'utf8' })) return String(chunk).trimStart()[0];
  return undefined;
}

async function* readJsonl(file: string): AsyncGenerator<InputRow> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let n = 0;
  for await (const raw of lines) {
    n++;
    const text = raw.trim();
    if (text === '') continue;
    yield { row: parseJsonObjectLine(text, `${file}:${n}:1`), line: n };
  }
}

async function* readCsv(file: string): AsyncGenerator<InputRow> {
  const delimiter = file.toLowerCase().endsWith('.tsv') ? '\t' : ',';
  const parser = createReadStream(file).pipe(parse({ columns: true, bom: true, delimiter, relax_column_count: false, info: true, skip_empty_lines: true }));
  try {
    for await (const rec of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      yield { row: rec.record, line: rec.info.lines };
    }
  } catch (err) {
    const e = err as Error & { lines?: number; code?: string };
    throw new UserError(`${file}:${e.lines ?? '?'}: CSV error: ${e.message}`, 'check the quoting on that line: fields with commas, quotes or newlines must be in double quotes, with inner quotes doubled');
  }
}

/** A cell as text (JSONL values may be numbers or null). */
export function cell(row: Record<string, unknown>, column: string): string | undefined {
  const v = row[column];
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** A `task` / `probe` kind, or XSTest's `safe` / `unsafe` prompt label, as the case kind; anything else is unknown. */
export function kindOfPromptLabel(label: string | undefined): CaseKind | undefined {
  const l = label?.trim().toLowerCase();
  return l === 'safe' || l === 'task' ? 'task' : l === 'unsafe' || l === 'probe' ? 'probe' : undefined;
}

/**
 * The case kind of an input row, from a `kind` column (task / probe) or a `label` column holding
 * XSTest's prompt label (safe / unsafe). A `label` column with other values (human outcome labels)
 * says nothing about the kind: undefined, and the rules read the answer alone.
 */
export function rowKind(row: Record<string, unknown>): CaseKind | undefined {
  return kindOfPromptLabel(cell(row, 'kind')) ?? kindOfPromptLabel(cell(row, 'label'));
}
