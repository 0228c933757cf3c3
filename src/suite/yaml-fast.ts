/**
 * A fast reader for the plain subset of YAML that suites and configs are written in: block
 * mappings and sequences, single-line plain and quoted scalars, `|` / `>` block scalars and
 * single-line flow collections. The `yaml` library builds a full Document with positions (≈ 0.6 s
 * for a 5,000-case suite); this reads the same file in a few tens of milliseconds.
 *
 * It never guesses: anything outside the subset (anchors, tags, multi-line plain or quoted
 * scalars, comments after a value, numbers other than plain integers, duplicate keys, tabs, CRLF …)
 * makes it return undefined, and the caller parses with `yaml` instead. So the data is always what
 * `yaml` (YAML 1.2, core schema) gives, and errors keep their exact positions (test/suite compares
 * the two on every YAML file in the repository).
 */

const UNSUPPORTED = Symbol('outside the fast subset');
const bail = (): never => {
  throw UNSUPPORTED;
};

/** Where each scalar value starts (character offset), per containing object or array. */
export type ScalarOffsets = WeakMap<object, Map<string | number, number>>;

export interface FastYaml {
  data: unknown;
  offsets: ScalarOffsets;
}

// tabs, CR, BOM, control characters and the line separators YAML 1.1 knew: leave them to `yaml`
const AWKWARD = /[\x00-\x09\x0b-\x1f\x7f\u0085\u2028\u2029\ufeff]/;
const KEY = /([A-Za-z_][A-Za-z0-9_./-]{0,199}):(?: |$)/y;
const RESERVED_KEY = /^(?:true|True|TRUE|false|False|FALSE|null|Null|NULL|__proto__)$/;
const INT = /^-?(?:0|[1-9][0-9]{0,14})$/;
// the core schema's other number forms (yaml/dist/schema/core: float, exponent, inf/nan, octal, hex)
const OTHER_NUMBER = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/;
// `-`, `?` and `:` may start a plain scalar only when a non-space follows; the rest never
const INDICATOR = /^(?:[-?:](?:[ ,[\]{}]|$)|[,[\]{}#&*!|>'"%@`])/;
const JSON_ESCAPES = /\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/g;

/** The data of a YAML text, or undefined when the text is outside the subset read here. */
export function fastParseYaml(text: string): FastYaml | undefined {
  if (AWKWARD.test(text)) return undefined;
  try {
    return new Reader(text).document();
  } catch (err) {
    if (err === UNSUPPORTED) return undefined;
    throw err;
  }
}

/** A plain scalar, resolved as the core schema does for the cases read here. */
function plainValue(s: string): unknown {
  if (s === '' || s.includes(' #') || s.includes(': ') || s.endsWith(':') || INDICATOR.test(s)) return bail();
  if (s === '~' || s === 'null' || s === 'Null' || s === 'NULL') return null;
  if (s === 'true' || s === 'True' || s === 'TRUE') return true;
  if (s === 'false' || s === 'False' || s === 'FALSE') return false;
  if (INT.test(s)) return Number(s);
  if (OTHER_NUMBER.test(s)) return bail();
  return s;
}

const indentOf = (line: string): number => {
  let k = 0;
  while (line.charCodeAt(k) === 32) k++;
  return k;
};
/** The first non-space column at or after `from`. */
const spacesFrom = (line: string, from: number): number => {
  while (line.charCodeAt(from) === 32) from++;
  return from;
};
const isBlank = (line: string): boolean => indentOf(line) === line.length;
const isSeqItem = (line: string, at: number): boolean => line[at] === '-' && (at + 1 === line.length || line[at + 1] === ' ');

class Reader {
  private readonly lines: string[];
  private readonly starts: number[] = [];
  private i = 0;
  private readonly offsets: ScalarOffsets = new WeakMap();

  constructor(text: string) {
    this.lines = text.split('\n');
    let at = 0;
    for (const line of this.lines) {
      this.starts.push(at);
      at += line.length + 1;
    }
  }

  document(): FastYaml {
    this.skip();
    const first = this.lines[this.i];
    if (first === undefined || indentOf(first) !== 0 || /^(?:---|\.\.\.|%)/.test(first)) bail();
    const data = this.block(0);
    this.skip();
    if (this.i < this.lines.length) bail();
    return { data, offsets: this.offsets };
  }

  /** Skips blank lines and whole-line comments. */
  private skip(): void {
    const { lines } = this;
    while (this.i < lines.length) {
      const line = lines[this.i];
      const k = indentOf(line);
      if (k < line.length && line[k] !== '#') return;
      this.i++;
    }
  }

  private block(indent: number): unknown {
    return isSeqItem(this.lines[this.i], indent) ? this.seq(indent) : this.map(indent, indent);
  }

  private note(container: object, key: string | number, offset: number): void {
    let m = this.offsets.get(container);
    if (!m) this.offsets.set(container, (m = new Map()));
    m.set(key, offset);
  }

  /** A block mapping whose keys sit at column `indent`; its first key may start at `firstCol` (after `- `). */
  private map(indent: number, firstCol: number): Record<string, unknown> {
    const obj: Record<string, unknown> = {};
    for (let first = true; ; first = false) {
      if (!first) {
        this.skip();
        if (this.i >= this.lines.length) break;
        const k = indentOf(this.lines[this.i]);
        if (k < indent) break;
        if (k > indent || isSeqItem(this.lines[this.i], k)) bail();
      }
      this.entry(obj, first ? firstCol : indent, indent);
    }
    return obj;
  }

  private entry(obj: Record<string, unknown>, col: number, indent: number): void {
    const line = this.lines[this.i];
    KEY.lastIndex = col;
    const m = KEY.exec(line);
    if (!m) return bail();
    const key = m[1];
    if (RESERVED_KEY.test(key) || Object.prototype.hasOwnProperty.call(obj, key)) bail();
    const p = spacesFrom(line, col + m[0].length);
    if (p >= line.length) {
      this.i++;
      obj[key] = this.nested(indent, true);
    } else {
      obj[key] = this.inline(line, p, indent, obj, key);
    }
  }

  /** The value of `key:` or `-` with nothing after it: a deeper block, a same-indent sequence (maps only), or null. */
  private nested(parent: number, sameIndentSeq: boolean): unknown {
    this.skip();
    const line = this.lines[this.i];
    if (line === undefined) return null;
    const k = indentOf(line);
    if (k > parent) return this.block(k);
    if (k === parent && sameIndentSeq && isSeqItem(line, k)) return this.seq(k);
    return null;
  }

  private seq(indent: number): unknown[] {
    const arr: unknown[] = [];
    for (;;) {
      this.skip();
      if (this.i >= this.lines.length) break;
      const line = this.lines[this.i];
      const k = indentOf(line);
      if (k < indent) break;
      if (k > indent) bail();
      if (!isSeqItem(line, k)) break; // the parent mapping's next key, at the same indent
      const p = spacesFrom(line, k + 1);
      if (p >= line.length) {
        this.i++;
        arr.push(this.nested(indent, false));
      } else if (isSeqItem(line, p)) {
        bail();
      } else {
        KEY.lastIndex = p;
        arr.push(KEY.test(line) ? this.map(p, p) : this.inline(line, p, indent, arr, arr.length));
      }
    }
    return arr;
  }

  /** A value starting at column p of the current line (consumes it, and a block scalar's lines). */
  private inline(line: string, p: number, indent: number, container: object, key: string | number): unknown {
    this.note(container, key, this.starts[this.i] + p);
    const ch = line[p];
    if (ch === '|' || ch === '>') return this.blockScalar(line.slice(p), indent);
    let value: unknown;
    if (ch === '"' || ch === "'" || ch === '[' || ch === '{') {
      const flow = new FlowReader(line, p);
      value = flow.node();
      flow.end();
    } else {
      value = plainValue(line.slice(p).trimEnd());
    }
    this.i++;
    return value;
  }

  /** `|` or `>` with optional `-` / default chomping; content more indented than `parent`. */
  private blockScalar(header: string, parent: number): string {
    const h = /^([|>])(-?)\s*$/.exec(header);
    if (!h) return bail();
    const { lines } = this;
    const from = ++this.i;
    let j = from;
    while (j < lines.length && isBlank(lines[j])) j++;
    if (j >= lines.length) bail();
    const indent = indentOf(lines[j]);
    if (indent <= parent) bail();
    let end = j; // one past the last line with content
    for (let k = from; k < lines.length; k++) {
      const line = lines[k];
      if (isBlank(line)) {
        if (line.length > indent) bail();
        continue;
      }
      if (indentOf(line) < indent) break;
      end = k + 1;
    }
    if (end >= lines.length) bail(); // no line break after the last line: leave it to `yaml`
    const content = lines.slice(from, end).map((l) => (isBlank(l) ? '' : l.slice(indent)));
    this.i = end;
    const text = h[1] === '|' ? content.join('\n') : fold(content);
    return h[2] === '-' ? text : text + '\n';
  }
}

/** Folding of a `>` scalar: single breaks become spaces, n empty lines become n newlines. */
function fold(content: string[]): string {
  if (content[0] === '' || content.some((l) => l.startsWith(' '))) bail(); // leading empties, more-indented lines
  let out = content[0];
  let empties = 0;
  for (let k = 1; k < content.length; k++) {
    if (content[k] === '') {
      empties++;
      continue;
    }
    out += empties ? '\n'.repeat(empties) : ' ';
    out += content[k];
    empties = 0;
  }
  return out;
}

/** Quoted scalars and single-line flow collections, read from one line. */
class FlowReader {
  constructor(private readonly line: string, private k: number) {}

  private ws(): void {
    while (this.line[this.k] === ' ') this.k++;
  }

  /** Nothing but spaces may follow the value on its line. */
  end(): void {
    this.ws();
    if (this.k < this.line.length) bail();
  }

  node(): unknown {
    this.ws();
    const ch = this.line[this.k];
    if (ch === '"') return this.doubleQuoted();
    if (ch === "'") return this.singleQuoted();
    if (ch === '[') return this.seq();
    if (ch === '{') return this.map();
    return this.plain();
  }

  private doubleQuoted(): string {
    const { line } = this;
    let j = this.k + 1;
    while (j < line.length && line[j] !== '"') j += line[j] === '\\' ? 2 : 1;
    if (j >= line.length) bail();
    const raw = line.slice(this.k + 1, j);
    if (raw.replace(JSON_ESCAPES, '').includes('\\')) bail(); // a YAML-only escape
    this.k = j + 1;
    return JSON.parse(`"${raw}"`) as string;
  }

  private singleQuoted(): string {
    const { line } = this;
    let j = this.k + 1;
    for (;;) {
      j = line.indexOf("'", j);
      if (j < 0) return bail();
      if (line[j + 1] !== "'") break;
      j += 2;
    }
    const value = line.slice(this.k + 1, j).replace(/''/g, "'");
    this.k = j + 1;
    return value;
  }

  private plain(): unknown {
    const { line } = this;
    let j = this.k;
    while (j < line.length && !',[]{}'.includes(line[j]) && !(line[j] === ':' && (j + 1 === line.length || ' ,[]{}'.includes(line[j + 1])))) j++;
    const s = line.slice(this.k, j).trim();
    this.k = j;
    return plainValue(s);
  }

  /** After an item: `,` then more (a trailing comma is left to `yaml`), or the closing bracket. */
  private more(close: string): boolean {
    this.ws();
    const ch = this.line[this.k++];
    if (ch === close) return false;
    if (ch !== ',') return bail();
    this.ws();
    if (this.line[this.k] === close) bail();
    return true;
  }

  private seq(): unknown[] {
    this.k++;
    this.ws();
    const arr: unknown[] = [];
    if (this.line[this.k] === ']') {
      this.k++;
      return arr;
    }
    do arr.push(this.node());
    while (this.more(']'));
    return arr;
  }

  private map(): Record<string, unknown> {
    this.k++;
    this.ws();
    const obj: Record<string, unknown> = {};
    if (this.line[this.k] === '}') {
      this.k++;
      return obj;
    }
    do {
      KEY.lastIndex = this.k;
      const m = KEY.exec(this.line);
      if (!m || m[0].length === m[1].length + 1) bail(); // `key:` must be followed by a space here
      const key = m![1];
      if (RESERVED_KEY.test(key) || Object.prototype.hasOwnProperty.call(obj, key)) bail();
      this.k += m![0].length;
      obj[key] = this.node();
    } while (this.more('}'));
    return obj;
  }
}
