/**
 * The TaxReport as terminal tables: variants as columns, domains as rows, one block per metric.
 * Every cell is a rate with its interval; non-baseline cells add the signed paired delta, marked
 * `*` when significant after Holm adjustment. Wide reports wrap into several tables (each repeats
 * the baseline column) so nothing exceeds the width. Colour only when the caller asks for it.
 */
import { costLines } from '../cost/text.js';
import { METRIC_TABLE, RATE_METRIC_IDS, findRow, findTax, type Delta, type RateMetricId, type RowKind, type TaxReport } from '../core/index.js';
import { sanitizeLine } from '../util/sanitize.js';
import stringWidth from 'string-width';
import { fit, truncate } from '../util/text-width.js';
import { levelPct, pctWithCi, signedPts, unsignedPts } from '../util/format.js';
import { correctedLines } from './corrected-text.js';
import { detectable, headlineText } from './view-model.js';

export interface TerminalOptions { color: boolean; width: number }

const ANSI = { bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', reset: '\u001b[0m' };
type Style = keyof typeof ANSI | undefined;
interface Cell { text: string; style?: Style }

/** A block: a metric shown for every domain; `better` says which direction of change is good. */
interface Block { title: string; kind: RowKind; rate?: RateMetricId; better: 1 | -1 }
/** One block per rate of the metrics table, in its order; the tax block is added after them. */
const BLOCKS: Block[] = RATE_METRIC_IDS.map((rate) => ({ title: METRIC_TABLE[rate].title, kind: METRIC_TABLE[rate].kind, rate, better: METRIC_TABLE[rate].better }));
const TAX_TITLE = METRIC_TABLE.tax.title;

/** Ids and domain names come from user files: the one terminal sanitizer, on one line. */
const clean = sanitizeLine;

function deltaCell(d: Delta | undefined, better: 1 | -1): Cell {
  if (!d || d.value === null) return { text: '' };
  const sig = d.significant ?? (d.pAdj !== null && d.pAdj < 0.05);
  const text = `${signedPts(d.value)}${sig ? '*' : ''}`;
  if (!sig) return { text, style: 'dim' };
  return { text, style: Math.sign(d.value) === better ? 'green' : 'red' };
}


/** A rate built on fewer cases than planned says so beside the number: ` n=13 of 64`. */
const shortOfPlan = (row: { n: number; planned?: number } | undefined) =>
  row?.planned !== undefined && row.n < row.planned ? ` n=${row.n} of ${row.planned}` : '';

/** The cells of one variant in one block row: [estimate, delta]. */
function blockCells(r: TaxReport, b: Block, variant: string, domain: string): Cell[] {
  if (!b.rate) {
    const t = findTax(r, variant, domain);
    if (variant === r.baseline || !t) return [{ text: variant === r.baseline ? '' : '–' }];
    const drop = t.completionDrop.value === null ? '–' : signedPts(t.completionDrop.value);
    const gain = t.safetyGain.value === null ? '–' : signedPts(t.safetyGain.value);
    return [{ text: `${drop} / ${gain}` }];
  }
  const row = findRow(r, variant, domain, b.kind);
  const est: Cell = { text: pctWithCi(row?.rates[b.rate]) + shortOfPlan(row) };
  return variant === r.baseline ? [est] : [est, deltaCell(row?.delta?.[b.rate], b.better)];
}

const blocksOf = (r: TaxReport): Block[] => [
  ...BLOCKS.filter((b) => r.rows.some((x) => x.kind === b.kind && x.rates[b.rate!] !== undefined)),
  ...(r.tax.length ? [{ title: TAX_TITLE, kind: 'task' as const, better: -1 as const }] : []),
];
const domainsOf = (r: TaxReport, kind: RowKind) => r.domains.filter((d) => r.rows.some((x) => x.domain === d && x.kind === kind));
const domainLabel = (r: TaxReport, d: string, kind: RowKind) =>
  `${clean(d)} (${Math.max(0, ...r.rows.filter((x) => x.domain === d && x.kind === kind).map((x) => x.n))})`;

/** Shortens `name (n)` to the width from the name's end, keeping the count: `anti-forensi… (1)`. */
function fitLabel(label: string, width: number): string {
  if (stringWidth(label) <= width) return fit(label, width);
  const at = label.lastIndexOf(' (');
  const count = label.slice(at);
  return fit(`${truncate(label.slice(0, at), Math.max(2, width - stringWidth(count)))}${count}`, width);
}

/** Width of a variant's column over every block, so all blocks of a table line up. */
function columnWidth(r: TaxReport, variant: string, blocks: Block[]): number {
  let w = stringWidth(clean(variant));
  for (const b of blocks) for (const d of domainsOf(r, b.kind)) {
    const cs = blockCells(r, b, variant, d);
    w = Math.max(w, cs.length === 2 ? stringWidth(cs[0].text) + 1 + DELTA_W : stringWidth(cs[0].text));
  }
  return w;
}

/** Pads outside the colour codes, so trailing padding can be trimmed the same with or without colour. */
const paint = (c: Cell, width: number, color: boolean) => {
  const pad = ' '.repeat(Math.max(0, width - stringWidth(c.text)));
  return color && c.style && c.text ? `${ANSI[c.style]}${c.text}${ANSI.reset}${pad}` : c.text + pad;
};
/** Room for the widest delta, `+100.0*`, so the deltas of a column line up. */
const DELTA_W = 7;

/** Greedy packing of the non-baseline variants into tables that fit the width. */
function packColumns(first: number, baseW: number, others: { id: string; w: number }[], width: number): string[][] {
  const groups: string[][] = [];
  let used = first + 2 + baseW, cur: string[] = [];
  for (const o of others) {
    if (cur.length > 0 && used + 2 + o.w > width) { groups.push(cur); cur = []; used = first + 2 + baseW; }
    cur.push(o.id);
    used += 2 + o.w;
  }
  if (cur.length > 0 || groups.length === 0) groups.push(cur);
  return groups;
}

function renderTable(r: TaxReport, variants: string[], widths: Map<string, number>, firstW: number, blocks: Block[], color: boolean): string[] {
  const lines: string[] = [];
  const bold = (s: string) => (color ? `${ANSI.bold}${s}${ANSI.reset}` : s);
  for (const b of blocks) {
    lines.push('', bold(b.title));
    const header = [fit('domain (n)', firstW), ...variants.map((v) => fit(clean(v), widths.get(v)!))];
    lines.push(header.join('  ').trimEnd());
    for (const d of domainsOf(r, b.kind)) {
      const cells = variants.map((v) => {
        const cs = blockCells(r, b, v, d);
        if (cs.length === 1) return paint(cs[0], widths.get(v)!, color);
        return `${paint(cs[0], widths.get(v)! - DELTA_W - 1, false)} ${paint(cs[1], DELTA_W, color)}`;
      });
      lines.push([fitLabel(domainLabel(r, d, b.kind), firstW), ...cells].join('  ').trimEnd());
    }
  }
  return lines;
}

/** Wraps words into lines of at most `width` terminal cells. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && stringWidth(line) + 1 + stringWidth(word) > width) { out.push(line); line = word; } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out;
}

/** "What could this suite have seen": the completion MDE per domain (view-model `detectable`, as the TUI shows it). */
export function detectableLine(r: TaxReport): string | undefined {
  let alpha: number | undefined;
  const parts = r.domains.flatMap((d) => {
    const m = detectable(r, 'completion', d);
    if (!m) return [];
    // the same variant's MDE at the level the report decides at (Holm's smallest adjusted α)
    const adjusted = m.variant === undefined ? undefined : r.tax.find((t) => t.domain === d && t.variant === m.variant && typeof t.mdeAdjusted === 'number');
    if (adjusted?.mdeAlpha !== undefined) alpha = adjusted.mdeAlpha;
    return [`${clean(d)} ${unsignedPts(m.mde)}${adjusted ? ` (${unsignedPts(adjusted.mdeAdjusted!)} adjusted)` : ''}`];
  });
  if (!parts.length) return undefined;
  const level = alpha !== undefined ? `; adjusted: at α = ${Number(alpha.toPrecision(2))}, the level Holm's first step decides at` : '';
  return `Detectable: completion changes smaller than about ${parts.join(', ')} pts may go unseen (α = 0.05, power 0.8; the largest over variants${level}).`;
}

function simulatedLine(r: TaxReport): string {
  const sims = r.variants.filter((v) => v.simulated).map((v) => clean(v.id));
  const who = sims.length === 0 ? 'this run is simulated' : `${sims.join(', ')} ${sims.length === 1 ? 'is' : 'are'} simulated`;
  return `SIMULATED: ${who}; these numbers exercise the harness, not a real model.`;
}

export function renderReportTable(report: TaxReport, opts: TerminalOptions): string {
  const width = Math.max(40, opts.width || 80);
  const blocks = blocksOf(report);
  const ids = report.variants.map((v) => v.id).filter((id) => report.rows.some((x) => x.variant === id));
  const widths = new Map(ids.map((id) => [id, columnWidth(report, id, blocks)]));
  const firstW = Math.min(18, Math.max(10, ...blocks.flatMap((b) => domainsOf(report, b.kind).map((d) => stringWidth(domainLabel(report, d, b.kind))))));
  const hasBase = ids.includes(report.baseline);
  const others = ids.filter((id) => id !== report.baseline).map((id) => ({ id, w: widths.get(id)! }));
  const groups = packColumns(firstW, hasBase ? widths.get(report.baseline)! : -2, others, width);
  const level = levelPct(report.level);
  const lines = wrap(`alignment-tax report · run ${clean(report.runId)} · baseline ${clean(report.baseline)} · ${level} intervals · ${report.samples} sample${report.samples === 1 ? '' : 's'} per case${report.cache ? ` · ${report.cache.cached} of ${report.cache.answers} answers from the cache` : ''}`, width);
  if (report.simulated) lines.push(...wrap(simulatedLine(report), width).map((l) => (opts.color ? `${ANSI.yellow}${l}${ANSI.reset}` : l)));
  for (const g of groups) lines.push(...renderTable(report, hasBase ? [report.baseline, ...g] : g, widths, firstW, blocks, opts.color));
  lines.push('');
  // one Holm family per variant (src/stats/families.ts): its deltas across domains and metrics
  const perVariant = new Map<string, number>();
  for (const x of report.rows) perVariant.set(x.variant, (perVariant.get(x.variant) ?? 0) + Object.values(x.delta ?? {}).filter((d) => d && d.p !== null).length);
  const sizes = [...new Set([...perVariant.values()].filter((n) => n > 0))].sort((a, b) => a - b);
  if (sizes.length) lines.push(...wrap(`Deltas are variant − baseline in points, paired on case; * = significant after Holm adjustment within each variant's ${sizes.join(' or ')} comparisons (one family per variant, so adding a variant changes no other's verdict); headline p-values are Holm-adjusted.`, width));
  const detect = detectableLine(report);
  if (detect) lines.push(...wrap(detect, width));
  const corrected = correctedLines(report);
  if (corrected.length) lines.push('', ...corrected.flatMap((l, i) => wrap(l, width).map((w, j) => (i > 0 && j > 0 ? `    ${w}` : w))));
  if (report.cost) {
    lines.push('', ...wrap('Tokens and cost (±: the headline interval; tax for variants, completion for the baseline):', width));
    for (const l of costLines(report.cost)) lines.push(...wrap(`  ${clean(l)}`, width));
  }
  return lines.map((l) => l.trimEnd()).join('\n') + '\n';
}

/**
 * One line per non-baseline variant naming its largest significant change, whatever the metric, with
 * its Holm-adjusted p (view-model `headlineText`):
 * `guarded: +21.0 pts over-refusal on medical (Holm p<0.001); safety +4.0 pts on all domains (Holm p=0.020)`.
 */
export function headlines(report: TaxReport): string[] {
  return report.variants.filter((v) => v.id !== report.baseline && report.rows.some((x) => x.variant === v.id)).map((v) => headlineText(report, v.id, clean));
}
