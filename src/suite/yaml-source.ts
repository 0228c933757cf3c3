/**
 * A YAML file parsed with its positions kept, so any path into the data (as zod reports it) can be
 * turned back into file:line:col of the node the user wrote.
 */
import { createRequire } from 'node:module';
import { relative, isAbsolute } from 'node:path';
import type { Document, LineCounter, Pair } from 'yaml';
import { UserError } from '../errors.js';
import { fastParseYaml, type ScalarOffsets } from './yaml-fast.js';

// `yaml` takes ≈ 35 ms to load and a file the fast reader reads never needs it unless a position
// must come from its Document: loaded (synchronously, once) on first use
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

export type PathKey = string | number;
export interface Pos { line: number; col: number }

export interface YamlSource {
  file: string;
  /** the file as the user knows it: relative to the working directory when inside it */
  display: string;
  doc: Document;
  lines: LineCounter;
  data: unknown;
  /** set when the fast reader produced `data`: where its scalars start, without building `doc` */
  offsets?: ScalarOffsets;
}

/** The path to show in messages: relative to the working directory when the file is below it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/**
 * Parses YAML text; syntax errors (and duplicate keys) come back as UserErrors with positions.
 * Text in the plain subset that suites are written in is read by the fast reader, and the position
 * Document is built only when something asks for it (a validation error): building it costs ten
 * times the reading. Anything else, and every file with an error, goes through `yaml` itself.
 */
export function parseYamlSource(file: string, text: string): { source: YamlSource; errors: UserError[] } {
  const display = displayPath(file);
  const fast = fastParseYaml(text);
  if (fast) return { source: lazySource(file, display, text, fast.data, fast.offsets), errors: [] };
  const { doc, lines } = parseWithPositions(text);
  const errors = doc.errors.map((e) => {
    const { line, col } = lines.linePos(e.pos[0]);
    const what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    return new UserError(`${display}:${line}:${col}: YAML syntax error: ${what}`, 'fix the YAML at that position (indentation, quotes, a missing ":")');
  });
  const data = errors.length === 0 ? doc.toJS() : undefined;
  return { source: { file, display, doc, lines, data }, errors };
}

function parseWithPositions(text: string): { doc: Document; lines: LineCounter } {
  const { LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return { doc, lines };
}

/** A source whose Document (and LineCounter) are built on first use. */
function lazySource(file: string, display: string, text: string, data: unknown, offsets: ScalarOffsets): YamlSource {
  let parsed: { doc: Document; lines: LineCounter } | undefined;
  let scanned: LineCounter | undefined;
  return {
    file, display, data, offsets,
    get doc() { return (parsed ??= parseWithPositions(text)).doc; },
    // line starts alone need no Document: the same offsets the lexer would report
    get lines() { return parsed?.lines ?? (scanned ??= lineStartsOf(text)); },
  };
}

/** LineCounter's answers from a scan for newlines (its own class would need `yaml` loaded). */
function lineStartsOf(text: string): LineCounter {
  const lineStarts = [0];
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) lineStarts.push(nl + 1);
  return {
    lineStarts,
    addNewLine: (offset: number) => lineStarts.push(offset),
    // LineCounter.linePos: a binary search over line starts, 1-based line and column
    linePos: (offset: number) => {
      let low = 0;
      let high = lineStarts.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (lineStarts[mid] < offset) low = mid + 1;
        else high = mid;
      }
      if (lineStarts[low] === offset) return { line: low + 1, col: 1 };
      if (low === 0) return { line: 0, col: offset };
      return { line: low, col: offset - lineStarts[low - 1] + 1 };
    },
  };
}

/**
 * Where a scalar at `path` starts, from the fast reader's offsets (undefined when the path does not
 * end at a scalar it noted: the Document answers that).
 */
function fastOffset(source: YamlSource, path: readonly PathKey[]): number | undefined {
  if (!source.offsets || path.length === 0) return undefined;
  let node: unknown = source.data;
  for (let i = 0; i < path.length - 1; i++) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PathKey, unknown>)[path[i]];
  }
  if (node === null || typeof node !== 'object') return undefined;
  return source.offsets.get(node)?.get(path[path.length - 1]);
}

function mapPair(node: unknown, key: PathKey): Pair | undefined {
  const { isMap, isScalar } = yaml();
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
  const fast = opts.key ? undefined : fastOffset(source, path);
  if (fast !== undefined) return source.lines.linePos(fast);
  const { isMap, isSeq } = yaml();
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
