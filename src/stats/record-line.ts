/**
 * Parsing one records.jsonl line for aggregation only. JSON.parse of a whole record costs more
 * than the rest of the report build together (it allocates every signal, check and usage object),
 * and the report reads a dozen scalar fields. The fast path reads those fields by key from a line
 * of the runner's shape (head keys in order, then "completion":{…}, then "verdict":{…} last); any
 * other line is parsed whole with JSON.parse.
 *
 * Why key searches are safe: inside a JSON string every quote is escaped (\"), so a raw
 * `"caseId":"` can only be a real key, never text inside a value; and each key searched for
 * occurs once in its region (head keys only at the top level, verdict keys only in the verdict).
 */
import type { Outcome, RunRecord, Verdict } from '../core/index.js';

const COMPLETION = ',"completion":{';
const VERDICT = ',"verdict":{';
const NO_ERROR = Object.freeze({ text: '', latencyMs: 0 });
const AN_ERROR = Object.freeze({ text: '', latencyMs: 0, error: Object.freeze({ kind: 'server' as const, message: '(not read by the report)' }) });
const NONE: never[] = [];
const OUTCOMES: readonly Outcome[] = ['complied', 'hedged', 'partial', 'refused', 'error'];
const BYS: readonly Verdict['by'][] = ['rules', 'judge'];
const KINDS = ['task', 'probe'] as const;

export interface ParseOptions {
  tags?: boolean;
  /**
   * The line was decoded as latin1 (one char per byte: no UTF-8 decoding of the answer text,
   * which the report never reads). The fields read are re-decoded as UTF-8. Safe because every
   * byte of a multi-byte UTF-8 sequence is ≥ 0x80, so none can pass for a quote or backslash.
   */
  latin1?: boolean;
}

/** A record to fill again and again (parseRecordInto), so a million lines allocate no records. */
export function scratchRecord(): RunRecord {
  const rec: RunRecord = { runId: '', caseId: '', variantId: '', sample: 0, domain: '', kind: 'task', completion: NO_ERROR, verdict: { outcome: 'complied', hedges: 0, signals: NONE, by: 'rules', checks: NONE, completed: false } };
  spares.set(rec, { completion: { text: '', latencyMs: 0 }, usage: {} });
  return rec;
}

/**
 * The record with only what the report reads (runId and completion text empty; signals, checks
 * and hedges not read), or undefined for a torn or blank line. `tags` is read only when asked for.
 */
export function parseRecordForStats(line: string, opts: ParseOptions = {}): RunRecord | undefined {
  return parseRecordInto(line, scratchRecord(), opts);
}

/** As parseRecordForStats, but fills `into` on the fast path (the caller must not keep it). */
export function parseRecordInto(line: string, into: RunRecord, opts: ParseOptions = {}): RunRecord | undefined {
  if (!line) return undefined;
  const asLatin1 = opts.latin1 === true;
  if (asLatin1 !== latin1) forgetRecent(); // the same raw text decodes otherwise in the other mode
  latin1 = asLatin1;
  if (fastParse(line, into, opts.tags === true)) return into;
  try {
    return JSON.parse(latin1 ? Buffer.from(line, 'latin1').toString('utf8') : line) as RunRecord;
  } catch {
    return undefined; // a torn last line from a killed process
  }
}

/** Search cursor of the current line: each head key is looked for after the previous one. */
let pos = 0;
/** Whether the current line was decoded as latin1 (see ParseOptions). */
let latin1 = false;

const HIGH = /[\u0080-\u00ff]/;
/** A field's text: JSON escapes resolved, and UTF-8 restored when the line was read as latin1. */
function decode(raw: string): string {
  // UTF-8 first (escapes are ASCII, so untouched), then escapes: an escaped \u00e9 stays é
  const text = latin1 && HIGH.test(raw) ? Buffer.from(raw, 'latin1').toString('utf8') : raw;
  return text.includes('\\') ? (JSON.parse(`"${text}"`) as string) : text;
}

function fastParse(line: string, rec: RunRecord, withTags: boolean): boolean {
  const c = line.indexOf(COMPLETION);
  const end = line.length;
  if (c < 0 || line.charCodeAt(end - 1) !== 125 || line.charCodeAt(end - 2) !== 125) return false;
  const textEnd = answerEnd(line, c);
  const v = verdictAt(line, textEnd);
  if (v < c) return false;
  pos = 0;
  const caseId = stringAt(line, '"caseId":"', c, recentCase);
  const variantId = stringAt(line, '"variantId":"', c, recentVariant);
  const sample = numberAt(line, '"sample":', c);
  const domain = stringAt(line, '"domain":"', c, recentDomain);
  const kind = choiceAt(line, '"kind":"', c, KINDS);
  const tags = withTags ? tagsAt(line, c) : undefined;
  // the contrast case (after tags in the head): the statistics cluster and resample pairs together.
  // Most records have none: looked for in the rest of the head alone, so a miss scans neither the
  // answer text after it (a search of the line) nor runs backwards (lastIndexOf, a slow builtin)
  const pair = pos < c && line.slice(pos, c).includes('"pair":"') ? stringAt(line, '"pair":"', c, recentPair) : undefined;
  if (caseId === undefined || variantId === undefined || sample === undefined || domain === undefined || kind === undefined || tags === null) return false;
  const verdict = rec.verdict!;
  if (!readVerdict(line, v, verdict)) return false;
  // the completion's keys other than its text (error, usage, cost, cached) lie after the text, in a
  // substring of their own: a key missing from it (most are) ends its search there, where a search
  // of the line would run on through the verdict
  const tailStart = textEnd >= 0 ? textEnd : Math.max(c, v - COMPLETION_TAIL);
  const tail = line.slice(tailStart, v);
  const errorAt = tail.indexOf('"error":{');
  rec.caseId = caseId; rec.variantId = variantId; rec.sample = sample; rec.domain = domain; rec.kind = kind;
  rec.tags = tags;
  rec.pair = pair;
  rec.completion = spending(tail, errorAt >= 0 ? errorCompletion(line, tailStart + errorAt + 8) : NO_ERROR, spareOf(rec));
  return true;
}

/**
 * How far before the verdict a completion's keys other than its text can start, when the text is
 * not the completion's first key: the answer text is the only long value (an error message is cut
 * to a few hundred characters), so searching this stretch skips most of it. A key-like run inside
 * the text cannot match: its quotes are escaped.
 */
const COMPLETION_TAIL = 2048;
const TEXT_KEY = '"text":"';

/**
 * Just past the answer text's closing quote when the text is the completion's first key (the
 * runner's order), else -1. The completion's other keys and the verdict come after it: found by
 * searching forward from here, one scan of the text instead of one per key looked for.
 */
function answerEnd(line: string, c: number): number {
  const text = c + COMPLETION.length;
  if (!line.startsWith(TEXT_KEY, text)) return -1;
  const close = closingQuote(line, text + TEXT_KEY.length);
  return close < 0 ? -1 : close + 1;
}

/**
 * The verdict key: the first after the answer text when that is known and no other follows (a key
 * outside strings occurs once), else the last in the line (lastIndexOf: slower, but no answer text
 * can hold a raw one, its quotes being escaped).
 */
function verdictAt(line: string, textEnd: number): number {
  if (textEnd >= 0) {
    const v = line.indexOf(VERDICT, textEnd);
    if (v >= 0 && line.indexOf(VERDICT, v + VERDICT.length) < 0) return v;
  }
  return line.lastIndexOf(VERDICT);
}

/**
 * The completion object a scratch record reuses for its tokens and cost (one per scratch record, so
 * a million lines allocate no completion objects); a record from elsewhere gets none.
 */
const spares = new WeakMap<RunRecord, { completion: RunRecord['completion']; usage: NonNullable<RunRecord['completion']['usage']> }>();
const spareOf = (rec: RunRecord) => spares.get(rec);

/** Index of `key` in line[from, to), or -1 (no substring made). */
function keyIn(line: string, key: string, from: number, to: number): number {
  const k = line.indexOf(key, from);
  return k >= 0 && k < to ? k : -1;
}

/**
 * The completion's tokens, cost and cache flag (the report's cost block), read by key in the
 * completion's tail (after the answer text, up to the verdict): a completion with none of them is
 * `base` itself (no copy). Filled into `spare` when given (its fields all reset: the caller reads
 * it before the next line), else into a new object.
 */
function spending(tail: string, base: RunRecord['completion'], spare?: { completion: RunRecord['completion']; usage: NonNullable<RunRecord['completion']['usage']> }): RunRecord['completion'] {
  // plain assignments, no closures or conditional spreads: this runs once per record of a 1M-line file
  const to = tail.length;
  const u = tail.indexOf('"usage":{');
  const cost = tail.indexOf('"cost":');
  const cached = tail.indexOf('"cached":true') >= 0;
  if (u < 0 && cost < 0 && !cached) return base;
  const out: RunRecord['completion'] = spare ? spare.completion : { text: '', latencyMs: 0 };
  out.error = base.error;
  out.usage = undefined;
  out.cost = undefined;
  out.cached = undefined;
  if (u >= 0) {
    const start = u + 9;
    const close = keyIn(tail, '}', start, to);
    const end = close >= 0 ? close : to;
    const usage: NonNullable<RunRecord['completion']['usage']> = spare ? spare.usage : {};
    usage.inputTokens = numberIn(tail, '"inputTokens":', start, end);
    usage.outputTokens = numberIn(tail, '"outputTokens":', start, end);
    usage.estimated = keyIn(tail, '"estimated":true', start, end) >= 0 ? true : undefined;
    out.usage = usage;
  }
  if (cost >= 0) out.cost = Number.parseFloat(tail.slice(cost + 7, cost + 39));
  if (cached) out.cached = true;
  return out;
}

/**
 * The number after `key` when the key lies in [from, to) of `text`. A plain count of up to 15
 * digits is read in place (token counts: no substring per record); anything else (a sign, a
 * fraction, an exponent, more digits) by parseFloat, as before.
 */
function numberIn(text: string, key: string, from: number, to: number): number | undefined {
  const k = keyIn(text, key, from, to);
  if (k < 0) return undefined;
  const start = k + key.length;
  let i = start, n = 0;
  for (let ch = text.charCodeAt(i); ch >= 48 && ch <= 57; ch = text.charCodeAt(++i)) n = n * 10 + ch - 48;
  const next = text.charCodeAt(i);
  if (i > start && i - start <= 15 && next !== 46 && next !== 101 && next !== 69) return n; // not . e E
  return Number.parseFloat(text.slice(start, start + 24));
}

/**
 * A completion holding the record's error (kind and message: the report lists them). Errors are
 * few, so the error object alone is cut out (its braces matched outside strings) and parsed.
 */
function errorCompletion(line: string, open: number): RunRecord['completion'] {
  let depth = 0;
  for (let i = open; i < line.length; i++) {
    const ch = line.charCodeAt(i);
    if (ch === 34) { // a string: skip to its closing quote
      for (i++; i < line.length && line.charCodeAt(i) !== 34; i++) if (line.charCodeAt(i) === 92) i++;
    } else if (ch === 123) depth++;
    else if (ch === 125 && --depth === 0) {
      try {
        const raw = line.slice(open, i + 1);
        const error = JSON.parse(latin1 ? Buffer.from(raw, 'latin1').toString('utf8') : raw) as NonNullable<RunRecord['completion']['error']>;
        if (typeof error.kind === 'string' && typeof error.message === 'string') return { text: '', latencyMs: 0, error };
      } catch { /* unreadable: counted as an error of unknown detail */ }
      break;
    }
  }
  return AN_ERROR;
}

/**
 * The verdict fields, searched in the order makeVerdict and the judge write them (outcome … by …
 * completed, then rulesOutcome/judgeOutcome), each retried from the verdict's start if missed.
 */
function readVerdict(line: string, v: number, verdict: Verdict): boolean {
  const end = line.length;
  // a miss leaves the cursor where it was: pos !== v means the search did not start at the verdict
  pos = v;
  let outcome = choiceAt(line, '"outcome":"', end, OUTCOMES);
  if (outcome === undefined && pos !== v) { pos = v; outcome = choiceAt(line, '"outcome":"', end, OUTCOMES); }
  let by = choiceAt(line, '"by":"', end, BYS);
  if (by === undefined && pos !== v) { pos = v; by = choiceAt(line, '"by":"', end, BYS); }
  if (outcome === undefined || by === undefined) return false;
  // makeVerdict writes `completed` last: a line ending in it is read in place (the closing braces
  // after it close the verdict and the record, so it is the verdict's own key), else searched for
  let completedAt = endsWithCompleted(line);
  if (completedAt < 0) completedAt = valueStart(line, '"completed":', end);
  if (completedAt < 0 && pos !== v) { pos = v; completedAt = valueStart(line, '"completed":', end); }
  verdict.outcome = outcome;
  verdict.by = by;
  verdict.completed = completedAt >= 0 && line.charCodeAt(completedAt) === 116; // t(rue)
  verdict.rulesOutcome = undefined;
  verdict.judgeOutcome = undefined;
  if (completedAt >= 0) pos = completedAt;
  if (line.indexOf('Outcome":"', pos) >= 0 || (by === 'judge' && line.indexOf('Outcome":"', v) >= 0)) {
    pos = v; verdict.rulesOutcome = choiceAt(line, '"rulesOutcome":"', end, OUTCOMES);
    pos = v; verdict.judgeOutcome = choiceAt(line, '"judgeOutcome":"', end, OUTCOMES);
  }
  return true;
}

const COMPLETED_TRUE = '"completed":true}}';
const COMPLETED_FALSE = '"completed":false}}';
/** Start of the `completed` value when the line ends with that key, else -1. */
function endsWithCompleted(line: string): number {
  const n = line.length;
  if (line.endsWith(COMPLETED_TRUE)) return n - 6; // true}}
  if (line.endsWith(COMPLETED_FALSE)) return n - 7; // false}}
  return -1;
}

/** Start of the value of `key` (given with its opening quote) after `pos` and before `to`, or -1. */
function valueStart(line: string, key: string, to: number): number {
  // in the runner's key order the key is the next one, after a comma: checked in place first
  const k = line.charCodeAt(pos) === 44 && line.startsWith(key, pos + 1) ? pos + 1 : line.indexOf(key, pos);
  return k < 0 || k >= to ? -1 : k + key.length;
}

/**
 * The last raw value (as in the line) and its decoded string, per head key. Consecutive records
 * mostly repeat a case, domain or variant id; a repeat is matched in place (no slice, no decoding)
 * and returns the same string object, whose hash the accumulator's Map lookups then reuse.
 */
class Recent {
  private raws: string[] = [];
  private values: string[] = [];
  private next = 0;
  constructor(private readonly size: number) {}
  /** The decoded value when the line's raw value at `start` (up to its closing quote) is a recent one. */
  match(line: string, start: number): string | undefined {
    for (let i = 0; i < this.raws.length; i++) {
      const raw = this.raws[i];
      // equal raw text followed by a quote: that quote closes the value, as it closed the recent one
      // (the quote and the last character first: cheap, and ids like v1, v2 differ there)
      const len = raw.length;
      if (line.charCodeAt(start + len) === 34 && (len === 0 || line.charCodeAt(start + len - 1) === raw.charCodeAt(len - 1)) && line.startsWith(raw, start)) {
        pos = start + len + 1;
        return this.values[i];
      }
    }
    return undefined;
  }
  clear(): void {
    this.raws = [];
    this.values = [];
    this.next = 0;
  }
  remember(raw: string, value: string): void {
    // copies: a slice of the line would keep the whole read chunk alive
    this.raws[this.next] = copy(raw);
    this.values[this.next] = value === raw ? this.raws[this.next] : copy(value);
    this.next = (this.next + 1) % this.size;
  }
}
const copy = (s: string): string => (s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string));
const recentCase = new Recent(2);
const recentVariant = new Recent(8);
const recentDomain = new Recent(4);
const recentPair = new Recent(2);
function forgetRecent(): void {
  for (const r of [recentCase, recentVariant, recentDomain, recentPair]) r.clear();
}

/** The string value of `key`, unescaped; moves the cursor past it. */
function stringAt(line: string, key: string, to: number, recent?: Recent): string | undefined {
  const start = valueStart(line, key, to);
  if (start < 0) return undefined;
  const seen = recent?.match(line, start);
  if (seen !== undefined && pos - 1 <= to) return seen;
  const end = closingQuote(line, start);
  if (end < 0 || end > to) return undefined;
  pos = end + 1;
  const raw = line.slice(start, end);
  const value = decode(raw);
  recent?.remember(raw, value);
  return value;
}

/** A string value that must be one of `choices`, matched in place (no substring is made). */
function choiceAt<T extends string>(line: string, key: string, to: number, choices: readonly T[]): T | undefined {
  const start = valueStart(line, key, to);
  if (start < 0) return undefined;
  for (const ch of choices) {
    if (line.startsWith(ch, start) && line.charCodeAt(start + ch.length) === 34) { pos = start + ch.length + 1; return ch; }
  }
  return undefined;
}

function numberAt(line: string, key: string, to: number): number | undefined {
  const start = valueStart(line, key, to);
  if (start < 0) return undefined;
  let i = start, n = 0;
  for (let ch = line.charCodeAt(i); ch >= 48 && ch <= 57; ch = line.charCodeAt(++i)) n = n * 10 + ch - 48;
  if (i === start) return undefined;
  pos = i;
  return n;
}

/** Index of the quote that closes the JSON string whose content starts at `from`, or -1. */
function closingQuote(line: string, from: number): number {
  let q = line.indexOf('"', from);
  while (q >= 0) {
    let slashes = 0;
    for (let i = q - 1; i >= from && line.charCodeAt(i) === 92; i--) slashes++;
    if (slashes % 2 === 0) return q;
    q = line.indexOf('"', q + 1);
  }
  return -1;
}

/** The head's "tags" array: undefined when absent, null when it cannot be read (full parse then). */
function tagsAt(line: string, to: number): string[] | undefined | null {
  const start = valueStart(line, '"tags":[', to);
  if (start < 0) return undefined;
  const tags: string[] = [];
  let i = start;
  while (line.charCodeAt(i) === 34) {
    const end = closingQuote(line, i + 1);
    if (end < 0) return null;
    tags.push(decode(line.slice(i + 1, end)));
    i = end + 1;
    if (line.charCodeAt(i) === 44) i++;
  }
  return line.charCodeAt(i) === 93 ? tags : null;
}
