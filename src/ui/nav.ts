import type { CaseKind, Outcome } from '../core/index.js';
import { caseKindOf, nextMetric, type Metric } from '../report/matrix.js';

/**
 * Where the user is and what each key does there: a pure reducer over (state, key, bounds), so
 * navigation is specified by tests without a terminal. Components render NavState; they never
 * decide what a key means.
 */
export type ScreenName = 'matrix' | 'cases' | 'case';
export type Overlay = 'none' | 'help' | 'baseline';

export interface CaseFilterState {
  outcome?: Outcome;
  kind?: CaseKind;
  tag?: string;
  query: string;
}

export interface NavState {
  screen: ScreenName;
  overlay: Overlay;
  metric: Metric;
  baseline: string;
  /** the cell under the cursor: domain row, variant column */
  row: number;
  col: number;
  filter: CaseFilterState;
  /** typing into the `/` search */
  searching: boolean;
  /** selected line in the Cases list */
  index: number;
  /** the case open on the Case screen: kept by id so a re-ordered list (new baseline) keeps it open */
  caseId?: string;
  /** first line shown on the Case screen, and which sample is shown */
  scroll: number;
  sample: number;
  /** cursor in the baseline picker */
  pick: number;
}

/** What the reducer needs to know about the data to keep cursors in range. */
export interface Bounds {
  domains: number;
  variants: string[];
  cases: number;
  /** case ids of the Cases list, in order */
  caseIds: string[];
  tags: string[];
  /** content lines on the Case screen and how many fit */
  caseLines: number;
  pageLines: number;
  samples: number;
}

/** A key as the reducer sees it: printable input or a named key. */
export interface KeyPress {
  input: string;
  up?: boolean; down?: boolean; left?: boolean; right?: boolean;
  pageUp?: boolean; pageDown?: boolean; home?: boolean; end?: boolean;
  enter?: boolean; escape?: boolean; back?: boolean; tab?: boolean; shift?: boolean; ctrl?: boolean;
}

export type NavResult = NavState | 'quit';

export function initNav(baseline: string, metric: Metric = 'overRefusal'): NavState {
  return {
    screen: 'matrix', overlay: 'none', metric, baseline, row: 0, col: 0,
    filter: { query: '' }, searching: false, index: 0, scroll: 0, sample: 0, pick: 0,
  };
}

const OUTCOMES: (Outcome | undefined)[] = [undefined, 'complied', 'hedged', 'partial', 'refused', 'error'];
const KINDS: (CaseKind | undefined)[] = ['task', 'probe', undefined];

function cycle<T>(list: T[], current: T): T {
  return list[(list.indexOf(current) + 1) % list.length];
}
const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, x));

const isUp = (k: KeyPress) => k.up || k.input === 'k';
const isDown = (k: KeyPress) => k.down || k.input === 'j';
const isLeft = (k: KeyPress) => k.left || k.input === 'h';
const isRight = (k: KeyPress) => k.right || k.input === 'l';

function onSearchKey(s: NavState, k: KeyPress): NavState {
  if (k.enter) return { ...s, searching: false };
  if (k.escape) return { ...s, searching: false, filter: { ...s.filter, query: '' }, index: 0 };
  if (k.back) return { ...s, filter: { ...s.filter, query: s.filter.query.slice(0, -1) }, index: 0 };
  if (k.input && !k.ctrl && !k.tab) return { ...s, filter: { ...s.filter, query: s.filter.query + k.input }, index: 0 };
  return s;
}

function onBaselineKey(s: NavState, k: KeyPress, b: Bounds): NavState {
  if (k.escape || k.back || k.input === 'b') return { ...s, overlay: 'none' };
  if (isUp(k)) return { ...s, pick: clamp(s.pick - 1, 0, b.variants.length - 1) };
  if (isDown(k)) return { ...s, pick: clamp(s.pick + 1, 0, b.variants.length - 1) };
  if (k.enter) return { ...s, overlay: 'none', ...withBaseline(s, b.variants[s.pick] ?? s.baseline, b) };
  return s;
}

/**
 * A new baseline. When the variant in focus on the Cases or Case screen becomes the baseline, focus
 * moves to the old baseline, so the screen still compares two variants (the same pair, reversed)
 * rather than one with itself ("medical × careful vs careful"). The matrix cursor stays where it is.
 */
function withBaseline(s: NavState, baseline: string, b: Bounds): Pick<NavState, 'baseline' | 'col'> {
  const focused = b.variants[s.col];
  if (s.screen === 'matrix' || focused !== baseline || baseline === s.baseline) return { baseline, col: s.col };
  const old = b.variants.indexOf(s.baseline);
  return { baseline, col: old >= 0 ? old : s.col };
}

function onMatrixKey(s: NavState, k: KeyPress, b: Bounds): NavState {
  if (isUp(k)) return { ...s, row: clamp(s.row - 1, 0, b.domains - 1) };
  if (isDown(k)) return { ...s, row: clamp(s.row + 1, 0, b.domains - 1) };
  if (isLeft(k)) return { ...s, col: clamp(s.col - 1, 0, b.variants.length - 1) };
  if (isRight(k)) return { ...s, col: clamp(s.col + 1, 0, b.variants.length - 1) };
  if (k.enter && b.domains > 0) {
    return { ...s, screen: 'cases', index: 0, filter: { query: '', kind: caseKindOf(s.metric) }, searching: false };
  }
  return s;
}

function onCasesKey(s: NavState, k: KeyPress, b: Bounds): NavState {
  const page = Math.max(1, b.pageLines);
  if (k.escape || k.back) return { ...s, screen: 'matrix' };
  if (isUp(k)) return { ...s, index: clamp(s.index - 1, 0, b.cases - 1) };
  if (isDown(k)) return { ...s, index: clamp(s.index + 1, 0, b.cases - 1) };
  if (k.pageUp) return { ...s, index: clamp(s.index - page, 0, b.cases - 1) };
  if (k.pageDown) return { ...s, index: clamp(s.index + page, 0, b.cases - 1) };
  if (k.home || k.input === 'g') return { ...s, index: 0 };
  if (k.end || k.input === 'G') return { ...s, index: Math.max(0, b.cases - 1) };
  if (isLeft(k)) return { ...s, col: clamp(s.col - 1, 0, b.variants.length - 1), index: 0 };
  if (isRight(k)) return { ...s, col: clamp(s.col + 1, 0, b.variants.length - 1), index: 0 };
  if (k.enter && b.cases > 0) return { ...s, screen: 'case', caseId: b.caseIds[s.index], scroll: 0, sample: 0 };
  if (k.input === '/') return { ...s, searching: true };
  if (k.input === 'o') return { ...s, filter: { ...s.filter, outcome: cycle(OUTCOMES, s.filter.outcome) }, index: 0 };
  if (k.input === 'K') return { ...s, filter: { ...s.filter, kind: cycle(KINDS, s.filter.kind) }, index: 0 };
  if (k.input === 't') return { ...s, filter: { ...s.filter, tag: cycle([undefined, ...b.tags], s.filter.tag) }, index: 0 };
  if (k.input === 'c') return { ...s, filter: { query: '' }, index: 0 };
  return s;
}

function onCaseKey(s: NavState, k: KeyPress, b: Bounds): NavState {
  const maxScroll = Math.max(0, b.caseLines - b.pageLines);
  const page = Math.max(1, b.pageLines - 1);
  if (k.escape || k.back) return { ...s, screen: 'cases' };
  if (isUp(k)) return { ...s, scroll: clamp(s.scroll - 1, 0, maxScroll) };
  if (isDown(k)) return { ...s, scroll: clamp(s.scroll + 1, 0, maxScroll) };
  if (k.pageUp) return { ...s, scroll: clamp(s.scroll - page, 0, maxScroll) };
  if (k.pageDown || k.input === ' ') return { ...s, scroll: clamp(s.scroll + page, 0, maxScroll) };
  if (k.home || k.input === 'g') return { ...s, scroll: 0 };
  if (k.end || k.input === 'G') return { ...s, scroll: maxScroll };
  if (isLeft(k) || isRight(k)) {
    const at = s.caseId !== undefined ? b.caseIds.indexOf(s.caseId) : -1;
    const index = clamp((at >= 0 ? at : s.index) + (isLeft(k) ? -1 : 1), 0, b.cases - 1);
    return { ...s, index, caseId: b.caseIds[index], scroll: 0, sample: 0 };
  }
  if (k.input === 's' && b.samples > 1) return { ...s, sample: (s.sample + 1) % b.samples, scroll: 0 };
  return s;
}

export function reduceKey(s: NavState, k: KeyPress, b: Bounds): NavResult {
  if (s.searching) return onSearchKey(s, k);
  if (s.overlay === 'baseline') return onBaselineKey(s, k, b);
  if (s.overlay === 'help') return k.input === 'q' ? 'quit' : { ...s, overlay: 'none' };
  if (k.input === 'q' || (k.ctrl && k.input === 'c')) return 'quit';
  if (k.input === '?') return { ...s, overlay: 'help' };
  if (k.tab) return { ...s, metric: nextMetric(s.metric, k.shift ? -1 : 1) };
  if (k.input === 'b' && b.variants.length > 0) return { ...s, overlay: 'baseline', pick: Math.max(0, b.variants.indexOf(s.baseline)) };
  if (s.screen === 'matrix') return onMatrixKey(s, k, b);
  if (s.screen === 'cases') return onCasesKey(s, k, b);
  return onCaseKey(s, k, b);
}

/** The keys of each screen, for the `?` overlay and the footer: [keys, what they do]. */
export const HELP: Record<ScreenName, [string, string][]> = {
  matrix: [
    ['←↓↑→ hjkl', 'move between cells'], ['Enter', 'the cases behind the cell'], ['Tab', 'next metric (Shift-Tab back)'],
    ['b', 'pick the baseline'], ['?', 'this help'], ['q', 'quit'],
  ],
  cases: [
    ['↑↓ jk', 'move'], ['←→ hl', 'focus another variant'], ['Enter', 'open the case'], ['/', 'search prompts'],
    ['o', 'filter by outcome (focused variant)'], ['K', 'filter by kind'], ['t', 'filter by tag'], ['c', 'clear filters'],
    ['C H P R E', 'outcomes as letters on a narrow screen: complied, hedged, partial, refused, error'],
    ['PgUp PgDn g G', 'page, top, bottom'], ['Tab', 'next metric'], ['b', 'pick the baseline'], ['Esc ⌫', 'back to the matrix'], ['q', 'quit'],
  ],
  case: [
    ['↑↓ jk', 'scroll'], ['PgUp PgDn Space', 'page'], ['g G', 'top, bottom'], ['←→ hl', 'previous / next case'],
    ['s', 'next sample'], ['b', 'pick the baseline'], ['Esc ⌫', 'back to the cases'], ['q', 'quit'],
  ],
};
