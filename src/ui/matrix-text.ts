import { METRIC_BETTER, METRIC_KIND, METRIC_LABEL, type Matrix, type MatrixCell, type Metric } from '../report/matrix.js';
import { halfWidth, interval, pct, points } from './format.js';
import { textWidth } from './text-width.js';

/**
 * The words of the Matrix screen: what each cell says at a given width. Cells are two lines: the
 * estimate (with its CI when it fits) and the difference (with its CI when it fits). Pure text; the
 * screen decides colour from the cell's direction.
 */
export function cellText(cell: MatrixCell, metric: Metric, mode: Matrix['mode'], width: number): [string, string] {
  const v = cell.value;
  const isTax = metric === 'tax';
  if (!v || v.value === null) return [cell.isBaseline && isTax ? 'baseline' : '—', ''];
  const main = isTax ? points(v.value) : pct(v.value);
  const wide = `${main} ${interval(v.lo, v.hi, isTax)}`;
  const compact = `${main} ${halfWidth(v.lo, v.hi)}`;
  const line1 = textWidth(wide) <= width ? wide : textWidth(compact) <= width ? compact : main;
  if (isTax && mode === 'baseline') {
    return [line1, cell.delta?.significant ? 'significant *' : ''];
  }
  const d = cell.delta;
  if (!d || d.value === null) return [line1, cell.isBaseline ? 'baseline' : ''];
  const mark = d.significant ? '*' : '';
  const prefix = mode === 'runs' ? 'Δrun ' : 'Δ ';
  const dWide = `${prefix}${points(d.value)}${mark} ${interval(d.lo, d.hi, true)}`;
  const dShort = `${prefix}${points(d.value)}${mark}`;
  return [line1, textWidth(dWide) <= width ? dWide : dShort];
}

/** One-line form for short terminals: the estimate and the difference, intervals dropped first. */
export function cellLine(cell: MatrixCell, metric: Metric, mode: Matrix['mode'], width: number): string {
  const [a, b] = cellText(cell, metric, mode, width);
  const main = a.split(' ')[0];
  const diff = b.replace(/ \[.*$/, '').replace('significant *', '*');
  const both = diff ? `${main} ${diff}` : main;
  return textWidth(`${a} ${diff}`) <= width ? `${a} ${diff}`.trim() : both;
}

export function metricTitle(metric: Metric): string {
  const kind = METRIC_KIND[metric] === 'task' ? 'benign tasks' : 'harmful probes';
  const better = METRIC_BETTER[metric] > 0 ? 'higher is better' : 'lower is better';
  const what = metric === 'tax' ? 'completion points lost vs baseline' : METRIC_LABEL[metric];
  return `${what} on ${kind} (${better})`;
}

/** The selected cell in full words, for the footer. */
export function cellDetail(m: Matrix, cell: MatrixCell, vsRunId?: string): string {
  const v = cell.value;
  const head = `${cell.domain} × ${cell.variant}: ${m.metric === 'tax' ? points(v?.value) + ' pts' : pct(v?.value)} ${interval(v?.lo, v?.hi, m.metric === 'tax')} n=${cell.n}`;
  const d = cell.delta;
  if (!d || d.value === null || (m.metric === 'tax' && m.mode === 'baseline')) {
    const sig = m.metric === 'tax' && d?.significant ? ' · significant after Holm adjustment' : '';
    return `${head}${cell.direction !== 'none' && m.metric === 'tax' ? ` · ${cell.direction}` : ''}${sig}`;
  }
  const against = m.mode === 'runs' ? `since run ${vsRunId ?? 'other'}` : `vs ${m.baseline}`;
  const sig = d.significant ? (m.mode === 'runs' ? ' · interval excludes 0' : ' · significant after Holm adjustment') : ' · not significant';
  const p = d.pAdj !== undefined && d.pAdj !== null ? ` p_adj=${d.pAdj < 0.001 ? '<0.001' : d.pAdj.toFixed(3)}` : '';
  return `${head} · ${points(d.value)} pts ${against} ${interval(d.lo, d.hi, true)} · ${cell.direction}${sig}${p}`;
}

export function mdeText(m: Matrix, cell: MatrixCell | undefined): string {
  if (!cell) return 'MDE: — (no variant to compare with the baseline)';
  if (cell.mde === null) return `MDE for ${cell.domain}: — (too few paired cases to estimate)`;
  // the meaning first, the test's settings last: a narrow terminal cuts the end off
  return `MDE ${cell.domain}: ${(cell.mde * 100).toFixed(1)} pts: smaller differences may go unseen (paired, α .05, power .8)`;
}

/** The key hints, with the colour legend only when colour is on and it fits. */
export function matrixFooter(width: number, color: boolean): string {
  const keys = '* significant · Enter cases · Tab metric · b baseline · ? help · q quit';
  const legend = 'red worse · green better · ';
  return color && textWidth(legend + keys) <= width ? legend + keys : keys;
}
