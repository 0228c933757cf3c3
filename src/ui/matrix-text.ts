import { KIND_WORDS, METRIC_BETTER, METRIC_KIND, METRIC_LABEL, METRIC_UNIT, type Matrix, type MatrixCell, type Metric } from '../report/matrix.js';
import { ciBrackets, ciHalfWidth, namedPval, pct, signedPts, unsignedPts } from '../util/format.js';
import stringWidth from 'string-width';

/** A change as the screens print it: signed points, a zero change `±0.0` like its signed neighbours. */
const points = (x: number) => signedPts(x, 1, '±');
/** The screens' mark for a figure that is missing. */
const MISSING = '—';

/**
 * The words of the Matrix screen: what each cell says at a given width. Cells are two lines: the
 * estimate (with its CI when it fits) and the difference (with its CI when it fits), each followed
 * by its figure corrected with human labels (`corr`) when the report has one. Intervals are dropped
 * before the corrected figure. Pure text; the screen decides colour from the cell's direction.
 */
export function cellText(cell: MatrixCell, metric: Metric, mode: Matrix['mode'], width: number): [string, string] {
  const v = cell.value;
  const isTax = METRIC_UNIT[metric] === 'points';
  if (!v || v.value === null) return [cell.isBaseline && isTax ? 'baseline' : MISSING, ''];
  const main = isTax ? points(v.value) : pct(v.value);
  const corr = correctedText(cell.corrected, isTax);
  const line1 = firstFitting(width, [`${main} ${ciBrackets(v.lo, v.hi, isTax)}`, `${main} ${ciHalfWidth(v.lo, v.hi)}`, main], corr, `${main}→`);
  if (isTax && mode === 'baseline') {
    return [line1, cell.delta?.significant ? 'significant *' : ''];
  }
  const d = cell.delta;
  if (!d || d.value === null) return [line1, cell.isBaseline ? 'baseline' : ''];
  const mark = d.significant ? '*' : '';
  const prefix = mode === 'runs' ? 'Δrun ' : 'Δ ';
  const dShort = `${prefix}${points(d.value)}${mark}`;
  const line2 = firstFitting(width, [`${dShort} ${ciBrackets(d.lo, d.hi, true)}`, dShort], correctedText(cell.correctedDelta, true), `${dShort}→`);
  return [line1, line2];
}

/** `corr 9.8%` / `corr +3.1`, `corr —` when the cell has too few labels; undefined without labels. */
function correctedText(c: MatrixCell['corrected'], signed: boolean): string | undefined {
  if (!c) return undefined;
  return `corr ${c.value === null ? MISSING : signed ? points(c.value) : pct(c.value)}`;
}

/**
 * The first of `forms` (longest first) that fits with the corrected figure after it; then the
 * shortest form with the bare corrected number joined by `arrow` (`12.3%→9.8%`); then the shortest
 * form alone. A cell with too few labels (`corr —`) gives up its mark before its interval.
 */
function firstFitting(width: number, forms: string[], corr: string | undefined, arrow: string): string {
  const fits = (t: string) => stringWidth(t) <= width;
  if (corr === 'corr —') return fits(`${forms[0]} ${corr}`) ? `${forms[0]} ${corr}` : forms.find(fits) ?? forms[forms.length - 1];
  if (corr) {
    for (const f of forms) if (fits(`${f} ${corr}`)) return `${f} ${corr}`;
    const bare = `${arrow}${corr.slice('corr '.length)}`;
    if (fits(bare)) return bare;
  }
  return forms.find(fits) ?? forms[forms.length - 1];
}

/** One-line form for short terminals: the estimate and the difference, intervals dropped first. */
export function cellLine(cell: MatrixCell, metric: Metric, mode: Matrix['mode'], width: number): string {
  const [a, b] = cellText(cell, metric, mode, width);
  const dropCi = (t: string) => t.replace(/ (\[[^\]]*\]|±\S+)/, '');
  const diff = dropCi(b).replace('significant *', '*');
  for (const t of [`${a} ${diff}`, `${dropCi(a)} ${diff}`]) if (stringWidth(t.trim()) <= width) return t.trim();
  // too narrow for both: the estimate and the difference without their corrected figures
  return [dropCi(a).split(/[ →]/)[0], diff.split(/ corr |→/)[0]].filter(Boolean).join(' ');
}

export function metricTitle(metric: Metric): string {
  const kind = KIND_WORDS[METRIC_KIND[metric]].title;
  const better = METRIC_BETTER[metric] > 0 ? 'higher is better' : 'lower is better';
  const what = METRIC_UNIT[metric] === 'points' ? 'completion points lost vs baseline' : METRIC_LABEL[metric];
  return `${what} on ${kind} (${better})`;
}

/** The selected cell in full words, for the footer. */
export function cellDetail(m: Matrix, cell: MatrixCell, vsRunId?: string): string {
  const v = cell.value;
  const isTax = METRIC_UNIT[m.metric] === 'points';
  const value = `${v?.value == null ? MISSING : isTax ? points(v.value) : pct(v.value)}${isTax ? ' pts' : ''}`;
  const head = `${cell.domain} × ${cell.variant}: ${value} ${ciBrackets(v?.lo, v?.hi, isTax)} n=${cell.n}`;
  const d = cell.delta;
  if (!d || d.value === null || (isTax && m.mode === 'baseline')) {
    const sig = isTax && d?.significant ? ' · significant after Holm adjustment' : '';
    return `${head}${cell.direction !== 'none' && isTax ? ` · ${cell.direction}` : ''}${sig}`;
  }
  const against = m.mode === 'runs' ? `since run ${vsRunId ?? 'other'}` : `vs ${m.baseline}`;
  const sig = d.significant ? (m.mode === 'runs' ? ' · interval excludes 0' : ' · significant after Holm adjustment') : ' · not significant';
  const p = d.pAdj !== undefined && d.pAdj !== null ? ` ${namedPval('p_adj', d.pAdj)}` : '';
  return `${head} · ${points(d.value)} pts ${against} ${ciBrackets(d.lo, d.hi, true)} · ${cell.direction}${sig}${p}`;
}

/**
 * The line the matrix adds when the report has corrected figures: how many human labels corrected
 * them, then the selected cell's corrected figure in full (or why it has none).
 */
export function correctedLine(m: Matrix, cell: MatrixCell | undefined): string | undefined {
  if (!m.calibration) return undefined;
  const n = m.calibration.labels;
  const head = `corrected with ${n} human label${n === 1 ? '' : 's'} (corr)`;
  if (!cell) return head;
  const c = cell.corrected;
  if (!c) return `${head} · ${cell.variant}: no labels`;
  if (c.value === null) return `${head} · ${cell.variant}: ${c.note ?? `too few labels (${c.labels})`}`;
  const isTax = METRIC_UNIT[m.metric] === 'points';
  const value = `${isTax ? `${points(c.value)} pts` : pct(c.value)} ${ciBrackets(c.lo, c.hi, isTax)}`;
  const d = cell.correctedDelta;
  const delta = !isTax && d && d.value !== null ? ` Δ ${points(d.value)} ${ciBrackets(d.lo, d.hi, true)}` : '';
  return `${head} · cell (${c.labels} labels): ${value}${delta}`;
}

export function mdeText(m: Matrix, cell: MatrixCell | undefined): string {
  if (!cell) return 'MDE: — (no variant to compare with the baseline)';
  if (cell.mde === null) return `MDE for ${cell.domain}: — (too few paired cases to estimate)`;
  // the meaning first, the test's settings last: a narrow terminal cuts the end off
  return `MDE ${cell.domain} ${METRIC_LABEL[m.metric]}: ${unsignedPts(cell.mde)} pts (n=${cell.mdeN} ${KIND_WORDS[METRIC_KIND[m.metric]].noun}): smaller differences may go unseen (paired, α .05, power .8)`;
}

/** The key hints, with the colour legend only when colour is on and it fits. */
export function matrixFooter(width: number, color: boolean): string {
  const keys = '* significant · Enter cases · Tab metric · b baseline · ? help · q quit';
  const legend = 'red worse · green better · ';
  return color && stringWidth(legend + keys) <= width ? legend + keys : keys;
}
