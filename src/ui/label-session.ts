import type { HumanLabel, LabelRecord } from '../core/label.js';
import type { LabelSampleItem } from '../stats/label-sample.js';
import type { KeyPress } from './nav.js';

/**
 * The `atax label` screen's state and what each key does to it: a pure reducer, so labelling is
 * specified by tests without a terminal. A key that labels returns the line to append to
 * labels.jsonl; the screen writes it before it shows the next answer, so every label keyed is on
 * disk (quit or kill at any time loses nothing). Labels are append-only: undo appends a line that
 * supersedes the label it takes back (the earlier label restored, or a retraction).
 */

/** One key per label. */
export const LABEL_KEYS: Record<string, HumanLabel> = { c: 'complied', h: 'hedged', p: 'partial', r: 'refused', a: 'answered' };

type Action = { kind: 'label'; index: number; before?: LabelRecord } | { kind: 'skip'; index: number };

export interface LabelSession {
  /** the answers to label, in the order they are shown (variants interleaved) */
  items: LabelSampleItem[];
  /** the label in force for each item (from labels.jsonl, then this session's keys) */
  current: (LabelRecord | undefined)[];
  /** items skipped in this session: not offered again until the next session */
  skipped: boolean[];
  /** the item on screen; `items.length` once nothing is left to label */
  at: number;
  /** this session's actions, newest last, for undo */
  history: Action[];
  /** first line of the answer shown (long answers scroll) */
  scroll: number;
  /** what the last key did, for the status line */
  note?: string;
}

export interface LabelContext {
  /** who is labelling: --reviewer, else ATAX_REVIEWER or USER */
  reviewer?: string;
  /** the time a label is given, ISO 8601 */
  now: () => string;
  /** lines of the laid-out item and how many fit, for scrolling */
  lines: number;
  pageLines: number;
}

export type LabelStep = { session: LabelSession; append: LabelRecord[] } | 'quit';

const key = (i: Pick<LabelSampleItem, 'caseId' | 'variantId' | 'sample'>) => `${i.variantId}\u0000${i.caseId}\u0000${i.sample}`;

/**
 * The sample in the order a reviewer sees it: one answer of each variant in turn, each variant's own
 * order kept (its unsure answers first). A reviewer who stops early leaves every variant with
 * labels, and the corrected rates are computed per variant.
 */
export function interleave(items: readonly LabelSampleItem[]): LabelSampleItem[] {
  const byVariant = new Map<string, LabelSampleItem[]>();
  for (const it of items) {
    const list = byVariant.get(it.variantId) ?? [];
    list.push(it);
    byVariant.set(it.variantId, list);
  }
  const lists = [...byVariant.values()];
  const out: LabelSampleItem[] = [];
  for (let round = 0; out.length < items.length; round++) {
    for (const list of lists) if (round < list.length) out.push(list[round]);
  }
  return out;
}

/** A session over the sample, resuming after the labels already in labels.jsonl (`current`: by answer). */
export function initLabelSession(sample: readonly LabelSampleItem[], current: ReadonlyMap<string, LabelRecord>): LabelSession {
  const items = interleave(sample);
  const byKey = new Map([...current.values()].map((l) => [key(l), l]));
  const labels = items.map((it) => byKey.get(key(it)));
  const s: LabelSession = { items, current: labels, skipped: items.map(() => false), at: 0, history: [], scroll: 0 };
  return { ...s, at: nextOpen(s, -1) };
}

/** The next unlabelled, unskipped item after `from`, wrapping round; `items.length` when there is none. */
function nextOpen(s: Pick<LabelSession, 'items' | 'current' | 'skipped'>, from: number): number {
  const n = s.items.length;
  for (let k = 1; k <= n; k++) {
    const i = (from + k + n) % n;
    if (!s.current[i] && !s.skipped[i]) return i;
  }
  return n;
}

const describe = (l: LabelRecord | undefined) => (l ? l.label : 'no label');

function giveLabel(s: LabelSession, label: HumanLabel, ctx: LabelContext): LabelStep {
  const item = s.items[s.at];
  const before = s.current[s.at];
  const record: LabelRecord = {
    caseId: item.caseId, variantId: item.variantId, sample: item.sample, label,
    ...(ctx.reviewer ? { reviewer: ctx.reviewer } : {}),
    at: ctx.now(), outcome: item.outcome, stratum: item.stratum, inclusionProb: item.inclusionProb, source: 'tui',
  };
  const current = s.current.map((l, i) => (i === s.at ? record : l));
  const skipped = s.skipped.map((x, i) => (i === s.at ? false : x));
  const next = { ...s, current, skipped };
  return {
    session: { ...next, at: nextOpen(next, s.at), scroll: 0, history: [...s.history, { kind: 'label', index: s.at, before }], note: `saved: ${label}${before ? ` (was ${before.label})` : ''}` },
    append: [record],
  };
}

function undo(s: LabelSession, ctx: LabelContext): LabelStep {
  const last = s.history[s.history.length - 1];
  if (!last) return { session: { ...s, note: 'nothing to undo in this session' }, append: [] };
  const history = s.history.slice(0, -1);
  const skipped = s.skipped.map((x, i) => (i === last.index ? false : x));
  if (last.kind === 'skip') return { session: { ...s, history, skipped, at: last.index, scroll: 0, note: 'back to the skipped answer' }, append: [] };
  const given = s.current[last.index]!;
  // append-only: the label taken back is superseded by the one before it, or withdrawn
  const line: LabelRecord = last.before ? { ...last.before, at: ctx.now() } : { ...given, at: ctx.now(), retracted: true };
  const current = s.current.map((l, i) => (i === last.index ? last.before : l));
  return {
    session: { ...s, history, skipped, current, at: last.index, scroll: 0, note: `undone: ${given.label} (now ${describe(last.before)})` },
    append: [line],
  };
}

export function reduceLabelKey(s: LabelSession, k: KeyPress, ctx: LabelContext): LabelStep {
  const stay = (session: LabelSession): LabelStep => ({ session, append: [] });
  if (k.input === 'q' || (k.ctrl && k.input === 'c')) return 'quit';
  if (k.input === 'u') return undo(s, ctx);
  const done = s.at >= s.items.length;
  const maxScroll = Math.max(0, ctx.lines - ctx.pageLines);
  if (k.up || k.input === 'k') return stay({ ...s, scroll: Math.max(0, s.scroll - 1) });
  if (k.down || k.input === 'j') return stay({ ...s, scroll: Math.min(maxScroll, s.scroll + 1) });
  if (k.pageUp) return stay({ ...s, scroll: Math.max(0, s.scroll - Math.max(1, ctx.pageLines - 1)) });
  if (k.pageDown || k.input === ' ') return stay({ ...s, scroll: Math.min(maxScroll, s.scroll + Math.max(1, ctx.pageLines - 1)) });
  if (done) return stay(s);
  const label = LABEL_KEYS[k.input];
  if (label && !k.ctrl) return giveLabel(s, label, ctx);
  if (k.input === 's') {
    const skipped = s.skipped.map((x, i) => (i === s.at ? true : x));
    const next = { ...s, skipped };
    return stay({ ...next, at: nextOpen(next, s.at), scroll: 0, history: [...s.history, { kind: 'skip', index: s.at }], note: 'skipped' });
  }
  return stay(s);
}

export interface VariantProgress {
  variantId: string;
  labelled: number;
  total: number;
}

/** Labelled answers of the sample per variant, variants in the order they first appear. */
export function labelProgress(s: Pick<LabelSession, 'items' | 'current'>): VariantProgress[] {
  const by = new Map<string, VariantProgress>();
  s.items.forEach((it, i) => {
    const p = by.get(it.variantId) ?? { variantId: it.variantId, labelled: 0, total: 0 };
    p.total += 1;
    if (s.current[i]) p.labelled += 1;
    by.set(it.variantId, p);
  });
  return [...by.values()];
}

/** How many of the sample are skipped and still unlabelled in this session. */
export const skippedCount = (s: Pick<LabelSession, 'current' | 'skipped'>) => s.skipped.filter((x, i) => x && !s.current[i]).length;
