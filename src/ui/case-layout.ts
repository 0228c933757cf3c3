import type { Outcome, RunRecord, Signal } from '../core/index.js';
import { outcomeOf } from '../report/cases.js';
import { sanitizeText } from '../util/sanitize.js';
import stringWidth from 'string-width';
import { splitGraphemes } from '../util/text-width.js';

/**
 * Lays out the Case screen as plain lines of styled segments: the prompt, then each variant's
 * answer with its hedge and refusal spans marked and its checks. Pure, so scrolling is a slice
 * of lines and tests can read the exact text. Side by side at ≥ 120 columns, stacked below.
 */
export type SegStyle = 'plain' | 'heading' | 'dim' | 'hedge' | 'refusal' | 'partial' | 'pass' | 'fail' | Outcome;
export interface Segment { text: string; style: SegStyle }
export type Line = Segment[];

export const WIDE_COLUMNS = 120;
const MIN_COLUMN = 36;
const GAP = ' │ ';

/**
 * Splits raw model text at the verdict's signal spans (offsets into the raw text; the quote is
 * searched when offsets are missing), then sanitizes each piece, so offsets stay valid and no
 * control sequence survives.
 */
export function highlight(raw: string, signals: Signal[]): Segment[] {
  const spans: { start: number; end: number; style: SegStyle }[] = [];
  for (const s of signals) {
    const style: SegStyle | undefined = s.kind === 'hedge' ? 'hedge' : s.kind === 'refusal' ? 'refusal' : s.kind === 'partial' ? 'partial' : undefined;
    if (!style) continue;
    let start = s.start;
    let end = s.end;
    if (start === undefined || end === undefined || end <= start || end > raw.length) {
      const at = s.quote ? raw.indexOf(s.quote) : -1;
      if (at < 0) continue;
      start = at;
      end = at + s.quote.length;
    }
    spans.push({ start, end, style });
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Segment[] = [];
  let pos = 0;
  for (const sp of spans) {
    if (sp.start < pos) continue; // overlapping span: the earlier, longer one wins
    if (sp.start > pos) out.push({ text: raw.slice(pos, sp.start), style: 'plain' });
    out.push({ text: raw.slice(sp.start, sp.end), style: sp.style });
    pos = sp.end;
  }
  if (pos < raw.length) out.push({ text: raw.slice(pos), style: 'plain' });
  return out.map((s) => ({ ...s, text: sanitizeText(s.text) })).filter((s) => s.text.length > 0);
}

/** Word-wraps styled segments to `width` cells; newlines break lines; long words are cut. */
export function wrap(segments: Segment[], width: number): Line[] {
  const w = Math.max(1, width);
  const lines: Line[] = [[]];
  let used = 0;
  const push = (text: string, style: SegStyle) => {
    const line = lines[lines.length - 1];
    const last = line[line.length - 1];
    if (last && last.style === style) last.text += text;
    else line.push({ text, style });
    used += stringWidth(text);
  };
  const newline = () => {
    const line = lines[lines.length - 1];
    const last = line[line.length - 1];
    if (last) last.text = last.text.replace(/ +$/, '');
    lines.push([]);
    used = 0;
  };
  for (const seg of segments) {
    const tokens = seg.text.split(/(\n| +)/).filter((t) => t !== '');
    for (const tok of tokens) {
      if (tok === '\n') { newline(); continue; }
      const tw = stringWidth(tok);
      if (tok.startsWith(' ')) { if (used > 0 && used + tw <= w) push(tok, seg.style); else if (used > 0) newline(); continue; }
      if (used + tw > w && used > 0) newline();
      if (tw <= w) { push(tok, seg.style); continue; }
      for (const ch of splitGraphemes(tok)) { // a word wider than the column: cut it between characters
        if (used + stringWidth(ch) > w && used > 0) newline();
        push(ch, seg.style);
      }
    }
  }
  return lines;
}

export interface CaseLayoutInput {
  caseId: string;
  prompt?: { text: string; system?: string };
  variants: string[];
  baseline: string;
  records: Record<string, RunRecord[]>;
  sample: number;
  width: number;
  /** without colour, bracket marked spans so they still stand out: ‹hedge› «refusal» */
  markSpans?: boolean;
}

/** Without colour, brackets around marked spans so they still stand out: ‹hedge› «refusal». */
export function withMarkers(segs: Segment[]): Segment[] {
  return segs.map((s) => (s.style === 'hedge' ? { ...s, text: `‹${s.text}›` } : s.style === 'refusal' || s.style === 'partial' ? { ...s, text: `«${s.text}»` } : s));
}

function variantBlock(variant: string, isBaseline: boolean, r: RunRecord | undefined, width: number, mark: boolean): Line[] {
  if (!r) return [[{ text: `${variant}: no answer for this sample`, style: 'dim' }]];
  const outcome = outcomeOf(r);
  const v = r.verdict;
  const head: Line = [
    { text: variant + (isBaseline ? ' (baseline)' : ''), style: 'heading' },
    { text: '  ', style: 'plain' },
    { text: outcome, style: outcome },
  ];
  if (v) head.push({ text: ` · ${v.hedges} hedge${v.hedges === 1 ? '' : 's'} · by ${v.by}${v.completed ? ' · completed' : ''}`, style: 'dim' });
  const lines = wrap(head, width);
  const body = r.completion.error
    ? [{ text: `error (${r.completion.error.kind}): ${r.completion.error.message}`, style: 'fail' as const }].map((s) => ({ ...s, text: sanitizeText(s.text) }))
    : highlight(r.completion.text, v?.signals ?? []);
  const shown = mark ? withMarkers(body) : body;
  lines.push(...wrap(shown.length ? shown : [{ text: '(empty answer)', style: 'dim' }], width));
  for (const c of v?.checks ?? []) {
    const mark: Segment = c.passed ? { text: '✓ ', style: 'pass' } : { text: '✗ ', style: 'fail' };
    lines.push(...wrap([mark, { text: sanitizeText(`check ${c.type}${c.detail ? `: ${c.detail}` : ''}`), style: 'dim' }], width));
  }
  return lines;
}

function padLine(line: Line, width: number): Line {
  const used = line.reduce((n, s) => n + stringWidth(s.text), 0);
  return used < width ? [...line, { text: ' '.repeat(width - used), style: 'plain' }] : line;
}

/** Places blocks in columns, `perRow` at a time, joined line by line. */
function sideBySide(blocks: Line[][], width: number, perRow: number): Line[] {
  const colWidth = Math.floor((width - GAP.length * (perRow - 1)) / perRow);
  const out: Line[] = [];
  for (let i = 0; i < blocks.length; i += perRow) {
    const group = blocks.slice(i, i + perRow);
    const height = Math.max(...group.map((b) => b.length));
    for (let l = 0; l < height; l++) {
      const line: Line = [];
      group.forEach((b, j) => {
        if (j > 0) line.push({ text: GAP, style: 'dim' });
        line.push(...(j < group.length - 1 ? padLine(b[l] ?? [], colWidth) : b[l] ?? []));
      });
      out.push(line);
    }
    out.push([]);
  }
  return out;
}

export function layoutCase(inp: CaseLayoutInput): Line[] {
  const width = Math.max(20, inp.width);
  const lines: Line[] = [];
  if (inp.prompt?.system) lines.push(...wrap([{ text: 'system: ', style: 'dim' }, { text: inp.prompt.system, style: 'plain' }], width));
  lines.push(...wrap([{ text: 'prompt: ', style: 'heading' }, { text: inp.prompt?.text ?? `(prompt unavailable: ${inp.caseId})`, style: 'plain' }], width));
  lines.push([]);
  const wide = width >= WIDE_COLUMNS && inp.variants.length > 1;
  const perRow = wide ? Math.max(1, Math.min(inp.variants.length, Math.floor((width + GAP.length) / (MIN_COLUMN + GAP.length)))) : 1;
  const colWidth = perRow > 1 ? Math.floor((width - GAP.length * (perRow - 1)) / perRow) : width;
  const blocks = inp.variants.map((v) => {
    const r = (inp.records[v] ?? []).find((x) => x.sample === inp.sample) ?? (inp.records[v] ?? [])[inp.sample];
    return variantBlock(v, v === inp.baseline, r, colWidth, inp.markSpans ?? false);
  });
  if (perRow > 1) lines.push(...sideBySide(blocks, width, perRow));
  else for (const b of blocks) lines.push(...b, []);
  while (lines.length && lines[lines.length - 1].length === 0) lines.pop();
  return lines;
}
