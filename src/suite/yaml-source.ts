/**
 * A YAML file parsed with its positions kept, so any path into the data (as zod reports it) can be
 * turned back into file:line:col of the node the user wrote.
 */
import { relative, isAbsolute } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Document, type Pair } from 'yaml';
import { UserError } from '../errors.js';

export type PathKey = string | number;
export interface Pos { line: number; col: number }

export interface YamlSource {
  file: string;
  /** the file as the user knows it: relative to the working directory when inside it */
  display: string;
  doc: Document;
  lines: LineCounter;
  data: unknown;
}

/** The path to show in messages: relative to the working directory when the file is below it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** Parses YAML text; syntax errors (and duplicate keys) come back as UserErrors with positions. */
export function parseYamlSource(file: string, text: string): { source: YamlSource; errors: UserError[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const display = displayPath(file);
  const errors = doc.errors.map((e) => {
    const { line, col } = lines.linePos(e.pos[0]);
    const what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return new UserError(`${display}:${line}:${col}: YAML syntax error: ${what}`, 'fix the YAML at that position (indentation, quotes, a missing ":")');
  });
  const data = errors.length === 0 ? doc.toJS() : undefined;
  return { source: { file, display, doc, lines, data }, errors };
}

function mapPair(node: unknown, key: PathKey): Pair | undefined {
  if (!isMap(node)) return undefined;
  return node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(key)) as Pair | undefined;
}

function offsetOf(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? range[0] : undefined;
}

/**
 * The position of the node at `path`. For a missing key it is the nearest existing ancestor's (the
 * parent mapping the key belongs in); with `key: true` it is the key itself rather than its value.
 */
export function positionOf(source: YamlSource, path: readonly PathKey[], opts: { key?: boolean } = {}): Pos {
  let node: unknown = source.doc.contents;
  let offset = offsetOf(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    let next: unknown;
    if (isMap(node)) {
      const pair = mapPair(node, seg);
      if (!pair) break;
      const last = i === path.length - 1;
      // a key with no value (`prompt:`) has no value node: point at the key
      next = (last && opts.key) || pair.value === null ? pair.key : pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      next = node.items[seg];
    }
    const at = offsetOf(next);
    if (next === undefined || at === undefined) break;
    node = next;
    offset = at;
  }
  return source.lines.linePos(offset);
}

/** `file:line:col` for a path. */
export function locate(source: YamlSource, path: readonly PathKey[], opts: { key?: boolean } = {}): string {
  const { line, col } = positionOf(source, path, opts);
  return `${source.display}:${line}:${col}`;
}

/** `cases[3].kind` for ['cases', 3, 'kind']. */
export function formatPath(path: readonly PathKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
