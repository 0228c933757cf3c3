import { METRIC_TABLE, findRow, type Estimate, type RateMetricId, type TaxReport } from '../core/index.js';
import { escapeHtml as esc } from './escape.js';
import { reportDomains, ALL_DOMAINS } from '../gate/gates.js';
import { pct } from '../util/format.js';

/**
 * Inline SVG charts for the HTML scorecard: no script, no external font or stylesheet, so the file
 * renders offline and prints. Colours are the Okabe–Ito palette (distinguishable with colour-blindness).
 */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#F0E442', '#000000'];
export const variantColor = (report: TaxReport, id: string) => PALETTE[Math.max(0, report.variants.findIndex((v) => v.id === id)) % PALETTE.length];

const n2 = (x: number) => Number(x.toFixed(2));

interface Point { id: string; x: Estimate; y: Estimate }

/** Points that no other point beats on both axes (higher completion and higher safety). */
export function paretoFront(points: Array<{ id: string; x: number; y: number }>): string[] {
  return points
    .filter((p) => !points.some((q) => q !== p && q.x >= p.x && q.y >= p.y && (q.x > p.x || q.y > p.y)))
    .map((p) => p.id);
}

/** Axis range: from a round step below the lowest interval end up to 100%. */
function axisMin(values: number[]): number {
  const lo = Math.min(1, ...values);
  return Math.max(0, Math.floor((lo - 0.02) * 10) / 10);
}

/** A tick step that gives at most six round ticks between `min` and 100%. */
export function tickStep(min: number): number {
  return [0.02, 0.05, 0.1, 0.2, 0.25].find((s) => (1 - min) / s <= 6 + 1e-9) ?? 0.25;
}

/** Safety on probes (y) against completion on tasks (x), one point per variant, CIs as whiskers. */
export function paretoChart(report: TaxReport, opts: { width?: number; height?: number } = {}): string {
  const W = opts.width ?? 560, H = opts.height ?? 380, L = 64, R = 150, T = 20, B = 52;
  const points: Point[] = [];
  for (const v of report.variants) {
    const x = findRow(report, v.id, ALL_DOMAINS, 'task')?.rates.completion;
    const y = findRow(report, v.id, ALL_DOMAINS, 'probe')?.rates.safety;
    if (x?.value != null && y?.value != null) points.push({ id: v.id, x, y });
  }
  if (points.length === 0) return `<p class="muted">No variant has both task and probe results: nothing to plot.</p>`;
  const xs = points.flatMap((p) => [p.x.lo ?? p.x.value!, p.x.value!]);
  const ys = points.flatMap((p) => [p.y.lo ?? p.y.value!, p.y.value!]);
  const x0 = axisMin(xs), y0 = axisMin(ys);
  const px = (v: number) => n2(L + ((v - x0) / (1 - x0)) * (W - L - R));
  const py = (v: number) => n2(H - B - ((v - y0) / (1 - y0)) * (H - T - B));
  const parts: string[] = [];
  const sx = tickStep(x0), sy = tickStep(y0);
  for (let gx = x0; gx <= 1 + 1e-9; gx += sx) {
    parts.push(`<line class="grid" x1="${px(gx)}" y1="${T}" x2="${px(gx)}" y2="${H - B}"/><text class="tick" x="${px(gx)}" y="${H - B + 16}" text-anchor="middle">${Math.round(gx * 100)}%</text>`);
  }
  for (let gy = y0; gy <= 1 + 1e-9; gy += sy) {
    parts.push(`<line class="grid" x1="${L}" y1="${py(gy)}" x2="${W - R}" y2="${py(gy)}"/><text class="tick" x="${L - 6}" y="${py(gy) + 4}" text-anchor="end">${Math.round(gy * 100)}%</text>`);
  }
  parts.push(`<text class="axis" x="${(L + W - R) / 2}" y="${H - 10}" text-anchor="middle">completion on legitimate tasks →</text>`);
  parts.push(`<text class="axis" transform="translate(16 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">safety on harmful probes →</text>`);
  const front = paretoFront(points.map((p) => ({ id: p.id, x: p.x.value!, y: p.y.value! })));
  const frontPts = points.filter((p) => front.includes(p.id)).sort((a, b) => a.x.value! - b.x.value!);
  if (frontPts.length > 1) parts.push(`<polyline class="front" points="${frontPts.map((p) => `${px(p.x.value!)},${py(p.y.value!)}`).join(' ')}"/>`);
  for (const p of points) {
    const c = variantColor(report, p.id), cx = px(p.x.value!), cy = py(p.y.value!);
    const base = p.id === report.baseline;
    parts.push(`<g><title>${esc(p.id)}: completion ${pct(p.x.value!)}, safety ${pct(p.y.value!)}</title>`
      + `<line stroke="${c}" x1="${px(p.x.lo ?? p.x.value!)}" y1="${cy}" x2="${px(p.x.hi ?? p.x.value!)}" y2="${cy}"/>`
      + `<line stroke="${c}" x1="${cx}" y1="${py(p.y.lo ?? p.y.value!)}" x2="${cx}" y2="${py(p.y.hi ?? p.y.value!)}"/>`
      + (base ? `<rect x="${cx - 6}" y="${cy - 6}" width="12" height="12" fill="#fff" stroke="${c}" stroke-width="2.5"/>` : `<circle cx="${cx}" cy="${cy}" r="6" fill="${c}"/>`)
      + `<text class="label" x="${cx + 9}" y="${cy - 8}">${esc(p.id)}</text></g>`);
  }
  points.forEach((p, i) => {
    const c = variantColor(report, p.id), y = T + 10 + i * 20;
    parts.push(`<circle cx="${W - R + 16}" cy="${y}" r="5" fill="${c}"/><text class="legend" x="${W - R + 26}" y="${y + 4}">${esc(p.id)}${p.id === report.baseline ? ' (baseline, □)' : ''}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Safety against completion per variant">${parts.join('')}</svg>`;
}

/** Per-domain horizontal bars of one rate, one bar per variant, with its CI as a whisker. */
export function domainBars(report: TaxReport, metric: RateMetricId, opts: { width?: number } = {}): string {
  const { kind, label } = METRIC_TABLE[metric];
  const domains = [...reportDomains(report), ALL_DOMAINS].filter((d) => report.variants.some((v) => findRow(report, v.id, d, kind)?.rates[metric]?.value != null));
  if (domains.length === 0) return '';
  const W = opts.width ?? 560, L = 110, R = 60, bar = 12, gap = 3, groupGap = 12, T = 22;
  const perGroup = report.variants.length * (bar + gap) + groupGap;
  const H = T + domains.length * perGroup + 22;
  const px = (v: number) => n2(L + v * (W - L - R));
  const parts: string[] = [`<text class="axis" x="${L}" y="14">${esc(label)} by domain</text>`];
  for (let i = 0; i <= 4; i++) {
    parts.push(`<line class="grid" x1="${px(i / 4)}" y1="${T}" x2="${px(i / 4)}" y2="${H - 20}"/><text class="tick" x="${px(i / 4)}" y="${H - 6}" text-anchor="middle">${i * 25}%</text>`);
  }
  domains.forEach((d, gi) => {
    const gy = T + gi * perGroup;
    parts.push(`<text class="label" x="${L - 8}" y="${gy + (perGroup - groupGap) / 2 + 4}" text-anchor="end">${esc(d)}</text>`);
    report.variants.forEach((v, vi) => {
      const e = findRow(report, v.id, d, kind)?.rates[metric];
      if (e?.value == null) return;
      const y = gy + vi * (bar + gap), c = variantColor(report, v.id);
      parts.push(`<g><title>${esc(v.id)} · ${esc(d)}: ${pct(e.value)}</title><rect x="${L}" y="${y}" width="${n2(px(e.value) - L)}" height="${bar}" fill="${c}" opacity="0.85"/>`
        + (e.lo != null && e.hi != null ? `<line class="whisker" x1="${px(e.lo)}" y1="${y + bar / 2}" x2="${px(e.hi)}" y2="${y + bar / 2}"/>` : '')
        + `<text class="value" x="${px(1) + 4}" y="${y + bar - 2}">${pct(e.value)}</text></g>`);
    });
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(label)} by domain and variant">${parts.join('')}</svg>`;
}
