/**
 * A YAML file parsed with `yaml`, kept as its Document so any path into the data (as zod reports
 * it) can be turned back into file:line:col of the node the user wrote. Node ranges are character
 * offsets the parser keeps anyway; the line table that turns an offset into line:col (yaml's own
 * LineCounter) is built only when a message needs a position.
 *
 * Before parsing, the bytes are checked: a binary file is one line ("not a YAML suite or config"),
 * text that is not UTF-8 is located at its first bad byte (never silently turned into U+FFFD and
 * sent to a model), and a file over the size limit is refused before it costs seconds and memory.
 * Aliases are expanded with a ceiling (yaml's maxAliasCount), so a "billion laughs" file is an
 * error at the alias, not an exhausted machine.
 */
import { createRequire } from 'node:module';
import { relative, isAbsolute } from 'node:path';
import type { Document, LineCounter, Pair } from 'yaml';
import { UserError } from '../errors.js';
import { describeBytes, MAX_YAML_BYTES } from './limits.js';

// `yaml` takes ≈ 35 ms to load: commands that never read YAML do not pay for it
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));

export type PathKey = string | number;
export interface Pos { line: number; col: number }

export interface YamlSource {
  file: string;
  /** the file as the user knows it: relative to the working directory when inside it */
  display: string;
  doc: Document;
  /** yaml's LineCounter for the text, built on first use */
  lines: LineCounter;
  data: unknown;
}

/** The path to show in messages: relative to the working directory when the file is below it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** How many expanded alias nodes a file may have: far above any suite, far below an alias bomb. */
export const MAX_ALIAS_COUNT = 1000;
/** A file with more syntax errors than this is reported by its first ones only. */
const MAX_SYNTAX_ERRORS = 5;

/**
 * Parses a YAML file's bytes (or text already decoded); syntax errors, duplicate keys, bad bytes
 * and alias bombs come back as UserErrors with file:line:col.
 */
export function parseYamlSource(file: string, input: Buffer | string): { source: YamlSource; errors: UserError[] } {
  const display = displayPath(file);
  const decoded = typeof input === 'string' ? { text: input } : decodeText(display, input);
  if ('error' in decoded) return { source: emptySource(file, display), errors: [decoded.error] };
  const { text } = decoded;
  const doc = yaml().parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  const source = lazySource(file, display, text, doc);
  if (doc.errors.length) {
    const shown = doc.errors.slice(0, MAX_SYNTAX_ERRORS).map((e) => {
      const what = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
      // yaml notices a missing closing quote where the file ends; the user needs where it opens
      const opened = e.code === 'MISSING_CHAR' && /quote/.test(what) ? unclosedQuoteAt(doc, e.pos[0]) : undefined;
      const { line, col } = source.lines.linePos(opened ?? e.pos[0]);
      if (opened !== undefined) {
        const end = source.lines.linePos(e.pos[0]);
        return new UserError(`${display}:${line}:${col}: YAML syntax error: this quoted string is never closed (${what}; yaml reached line ${end.line} without finding it)`, 'close the quote on the line it opens');
      }
      return new UserError(`${display}:${line}:${col}: YAML syntax error: ${what}`, 'fix the YAML at that position (indentation, quotes, a missing ":")');
    });
    if (doc.errors.length > MAX_SYNTAX_ERRORS) shown.push(new UserError(`${display}: ${doc.errors.length - MAX_SYNTAX_ERRORS} more YAML syntax errors not shown`));
    return { source, errors: shown };
  }
  try {
    source.data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (!(err instanceof ReferenceError) || !/alias/i.test(err.message)) throw err;
    const at = firstAliasOffset(doc);
    const { line, col } = source.lines.linePos(at);
    return { source, errors: [new UserError(`${display}:${line}:${col}: aliases expand too far (more than ${MAX_ALIAS_COUNT} nodes): a "billion laughs" file?`, 'write the repeated values out, or use fewer nested aliases (*name)')] };
  }
  return { source, errors: [] };
}

/** The bytes as UTF-8 text, or one located error: a binary file, bad UTF-8, a file too large. */
function decodeText(display: string, bytes: Buffer): { text: string } | { error: UserError } {
  if (bytes.length > MAX_YAML_BYTES) {
    return { error: new UserError(`${display}: ${describeBytes(bytes.length)} is over the ${describeBytes(MAX_YAML_BYTES)} limit for a YAML file`, 'put big case sets in a JSONL cases file (`casesFile:` in the suite, one case per line); see "Limits" in the README') };
  }
  if (looksBinary(bytes)) return { error: new UserError(`${display}: not a YAML suite or config (a binary file)`, 'pass a .yaml suite or config file') };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const at = firstBadUtf8(bytes);
    const { line, col } = bytePosition(bytes, at);
    return { error: new UserError(`${display}:${line}:${col}: not UTF-8 text (byte 0x${bytes[at].toString(16).padStart(2, '0')})`, 'save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)') };
  }
}

/** A NUL byte in the first 8 KiB (text never has one), or an executable's magic number. */
export function looksBinary(bytes: Buffer): boolean {
  if (bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46) return true; // ELF
  return bytes.subarray(0, 8192).includes(0);
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence. */
export function firstBadUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // binary search on the longest prefix that decodes (a cut inside a sequence also fails: step back)
  let good = 0;
  let bad = bytes.length;
  while (bad - good > 1) {
    const mid = (good + bad) >> 1;
    let ok = false;
    for (let cut = mid; cut >= Math.max(good, mid - 3) && !ok; cut--) {
      try { decoder.decode(bytes.subarray(0, cut)); ok = true; } catch { /* try a shorter cut */ }
    }
    if (ok) good = mid; else bad = mid;
  }
  // the first bad byte lies in [start of the sequence that spans `good`, bad]
  for (let i = Math.max(0, good - 3); i < bytes.length; i++) {
    // a fresh decoder each time: `stream` lets a sequence cut at the end pass, a bad byte throws
    try { new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, i + 1), { stream: true }); } catch { return leadOf(bytes, i); }
  }
  return bad;
}

/**
 * A byte that breaks an unfinished multi-byte sequence (Latin-1 `é` then a space) is found after
 * the byte the user wrote wrong: point at the sequence's lead byte instead.
 */
function leadOf(bytes: Buffer, i: number): number {
  for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
    const b = bytes[j];
    if (b < 0x80) break;
    if (b >= 0xc0) {
      const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return j + length > i ? j : i;
    }
  }
  return i;
}

/** 1-based line and column (in characters of the valid text before it) of a byte offset. */
function bytePosition(bytes: Buffer, at: number): Pos {
  const before = bytes.subarray(0, at);
  const nl = before.lastIndexOf(0x0a);
  let line = 1;
  for (let i = before.indexOf(0x0a); i >= 0; i = before.indexOf(0x0a, i + 1)) line++;
  return { line, col: before.subarray(nl + 1).toString('utf8').length + 1 };
}

function emptySource(file: string, display: string): YamlSource {
  return lazySource(file, display, '', yaml().parseDocument(''));
}

/** A source whose LineCounter is built on first use (yaml's class, fed the text's line starts). */
function lazySource(file: string, display: string, text: string, doc: Document): YamlSource {
  let lines: LineCounter | undefined;
  return {
    file, display, doc, data: undefined,
    get lines() {
      if (!lines) {
        lines = new (yaml().LineCounter)();
        lines.addNewLine(0);
        for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) lines.addNewLine(nl + 1);
      }
      return lines;
    },
  };
}

/** Where the quoted scalar that runs on to `pos` (an unclosed quote) opens, if there is one. */
function unclosedQuoteAt(doc: Document, pos: number): number | undefined {
  let at: number | undefined;
  yaml().visit(doc, {
    Scalar(_key, node) {
      const r = node.range;
      if (r && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && r[0] < pos && pos <= r[2]) at = r[0];
    },
  });
  return at;
}

/** Where the first alias (`*name`) is written: the alias-bomb message points at it. */
function firstAliasOffset(doc: Document): number {
  let at = 0;
  yaml().visit(doc, {
    Alias(_key, node) {
      at = node.range?.[0] ?? 0;
      return yaml().visit.BREAK;
    },
  });
  return at;
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
