import type { TaxReport } from '../core/index.js';
import { escapeHtml as esc } from './escape.js';
import { ciPts, pts, pval, pct, levelPct } from '../util/format.js';
import { judgedText, reportDomains, ALL_DOMAINS } from '../gate/gates.js';
import { calibrationNote, deltaEntries, domainTitle, rateRows, RATES, rateLabel, taxLines } from './scorecard-rows.js';
import { methodology, SIMULATED_BANNER, variantName, type Scorecard } from './scorecard.js';
import { domainBars, paretoChart, variantColor } from './svg.js';

/**
 * The scorecard as one self-contained HTML file: inline CSS and SVG, no script, no network, print
 * styles. Written as well-formed XML (void elements closed) so it can be checked by an XML parser.
 * Every string from a run (ids, prompts, model answers) goes through `esc`.
 */
const CSS = `
:root { --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --pass: #1a7f37; --fail: #cf222e; --bg-soft: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 14px/1.5 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--fg); margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 4px; margin-top: 28px; }
h3 { font-size: 15px; margin-bottom: 6px; } .muted { color: var(--muted); }
.verdict { font-size: 18px; font-weight: 700; padding: 12px 16px; border-radius: 6px; color: #fff; }
.verdict.pass { background: var(--pass); } .verdict.fail { background: var(--fail); }
.banner { border: 3px solid #9a6700; background: #fff8c5; color: #4d2d00; font-weight: 700; padding: 10px 14px; margin: 12px 0; border-radius: 6px; }
table { border-collapse: collapse; margin: 6px 0 12px; width: 100%; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; } td.num { white-space: nowrap; } th { background: var(--bg-soft); }
td.pass { color: var(--pass); font-weight: 600; } td.fail { color: var(--fail); font-weight: 700; }
.ci { color: var(--muted); font-size: 12px; } .sig { color: var(--fail); font-weight: 700; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.chart .grid { stroke: #e5e7eb; stroke-width: 1; } .chart .front { fill: none; stroke: #8c959f; stroke-dasharray: 4 3; }
.chart line { stroke-width: 2; } .chart .whisker { stroke: #1b1f24; stroke-width: 1.5; }
.chart text { font: 11px sans-serif; fill: #1b1f24; } .chart .axis { font-weight: 600; } .chart .tick { fill: #57606a; }
.example { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 10px 0; break-inside: avoid; }
.answers { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 8px; }
.answer pre { white-space: pre-wrap; word-break: break-word; background: var(--bg-soft); padding: 8px; margin: 4px 0; max-height: 320px; overflow: auto; font-size: 12px; }
.outcome { font-weight: 600; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; } dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; word-break: break-all; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  .verdict, .banner, .swatch, .chart { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  h2 { break-after: avoid; } table, .chart, .example { break-inside: avoid; }
  .answer pre { max-height: none; overflow: visible; }
}
`;

/** `align`: one letter per column, `l` text, `r` numbers (headers follow their column). */
const table = (head: string[], rows: string[][], align = '') =>
  `<table><thead><tr>${head.map((h, i) => `<th${align[i] === 'r' ? ' class="num"' : ''}>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.join('')}</tr>`).join('')}</tbody></table>`;
const td = (content: string, cls?: string) => `<td${cls ? ` class="${cls}"` : ''}>${content}</td>`;
/** a right-aligned number cell */
const tdn = (content: string) => td(content, 'num');

const rateCell = (e: { value: string; ci: string } | undefined) => tdn(e ? `${e.value}<br/><span class="ci">${e.ci}</span>` : '–');

function verdictTable(card: Scorecard): string {
  if (card.verdict.gates.length === 0) return '<p class="muted">No gate applies to this run.</p>';
  return table(['Gate', 'Variant', 'Domain', 'Judged', 'Estimate', 'Result'], card.verdict.gates.map((g) => [
    td(esc(g.label)), td(esc(g.variant)), td(esc(g.domain)), tdn(esc(judgedText(g))), tdn(g.estimate === null ? '–' : g.estimate.toFixed(4)),
    td(g.status === 'pass' ? 'pass' : g.status === 'fail' ? 'FAIL' : 'FAIL (no data)', g.status === 'pass' ? 'pass' : 'fail'),
  ]), 'lllrrl');
}

/** Every variant × domain with error answers: count, share, kinds, one example each. */
function errorsTable(r: TaxReport): string {
  const cells = r.errors ?? [];
  if (cells.length === 0) return '<p class="muted">No answer ended as an error.</p>';
  const rows = cells.map((e) => `<tr><td>${esc(e.variant)}</td><td>${esc(e.domain)}</td><td class="num">${e.errors} of ${e.errors + e.answers}</td><td class="num">${pct(e.share)}</td><td>${e.kinds.map((k) => `${esc(k.kind)} ${k.count}: <span class="muted">${esc(k.example)}</span>`).join('<br>')}</td></tr>`).join('');
  return `<p class="muted">Answers with no usable completion; the rates leave them out.</p><table><thead><tr><th>Variant</th><th>Domain</th><th>Errors</th><th>Share</th><th>Kinds, with an example</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function variantsTable(r: TaxReport): string {
  return table(['Variant', 'Provider', 'Role'], r.variants.map((v) => [
    td(`<span class="swatch" style="background:${variantColor(r, v.id)}"></span>${esc(variantName(r, v.id))}`), td(`<code>${esc(v.provider)}</code>`), td(v.id === r.baseline ? '<b>baseline</b>' : 'candidate'),
  ]));
}

function taxTable(r: TaxReport): string {
  const rows = taxLines(r);
  if (rows.length === 0) return '<p class="muted">No candidate variant: nothing to compare with the baseline.</p>';
  return table(['Variant', 'Domain', 'Tax (completion drop)', 'Over-refusal / hedging / failed checks', 'Safety gain', 'Tax per safety point', 'Detectable effect'], rows.map((x) => [
    td(esc(x.t.variant)), td(esc(x.t.domain)), tdn(`${x.drop}<br/><span class="ci">${x.dropCi}</span>`), tdn(x.parts),
    tdn(`${x.gain}<br/><span class="ci">${x.gainCi}</span>`), tdn(x.perPoint), tdn(x.mde),
  ]), 'llrrrrr');
}

function domainTables(r: TaxReport, domain: string): string {
  const rates = table(['Variant', 'n tasks', 'n probes', ...RATES.map(rateLabel)],
    rateRows(r, domain).map((x) => [td(esc(x.variant)), tdn(String(x.nTasks)), tdn(String(x.nProbes)), ...x.rates.map(rateCell)]), 'lrr' + 'r'.repeat(RATES.length));
  const deltaRows = deltaEntries(r, domain).map(({ variant, rate, d }) =>
    [td(esc(variant)), td(rateLabel(rate)), tdn(`${pts(d.value)} <span class="ci">(${ciPts(d)})</span>`), tdn(esc(pval(d.p))), tdn(esc(pval(d.pAdj)) + (d.significant ? ' <span class="sig">✱</span>' : ''))]);
  const deltas = deltaRows.length ? table(['Variant', 'Rate', `Δ vs ${esc(r.baseline)} (CI)`, 'p', 'Holm p'], deltaRows, 'llrrr') : '';
  const note = calibrationNote(r);
  return `<h3>${esc(domainTitle(domain))}</h3>${note ? `<p>Rates: ${esc(note)}.</p>` : ''}${rates}${deltas}`;
}

function examplesHtml(card: Scorecard): string {
  if (card.examples.length === 0) return '<p class="muted">The variants answered every case alike.</p>';
  return card.examples.map((e) => `<div class="example"><h3><code>${esc(e.caseId)}</code> · ${esc(e.domain)} · ${e.kind} <span class="muted">· disagreement ${pct(e.disagreement, 0)}</span></h3>`
    + (e.prompt ? `<p><b>Prompt:</b> ${esc(e.prompt)}</p>` : '')
    + `<div class="answers">${e.answers.map((a) => `<div class="answer"><span class="swatch" style="background:${variantColor(card.report, a.variant)}"></span><b>${esc(a.variant)}</b>: <span class="outcome">${esc(a.outcome)}</span><pre>${a.text ? esc(a.text) : '(no answer)'}</pre></div>`).join('')}</div></div>`).join('');
}

export function renderHtml(card: Scorecard): string {
  const r = card.report;
  const cls = card.verdict.pass ? 'pass' : 'fail';
  const domains = [ALL_DOMAINS, ...reportDomains(r)];
  const body = [
    `<div class="verdict ${cls}">${esc(card.headline)}</div>`,
    `<h1>Alignment-tax scorecard</h1><p class="muted">Run <code>${esc(r.runId)}</code> · baseline <b>${esc(variantName(r, r.baseline))}</b> · ${r.samples} sample(s) per case · ${levelPct(r.level)} confidence intervals</p>`,
    r.simulated ? `<div class="banner">${esc(SIMULATED_BANNER)}</div>` : '',
    `<h2>Verdict <span class="muted">(policy: ${esc(card.verdict.policy)})</span></h2>${verdictTable(card)}`,
    `<h2>Errors</h2>${errorsTable(r)}`,
    `<h2>Variants</h2>${variantsTable(r)}`,
    `<h2>Tax and safety gain</h2>${taxTable(r)}`,
    `<h2>Safety against completion</h2><div class="charts">${paretoChart(r)}</div>`,
    `<h2>By domain</h2><div class="charts">${RATES.map((m) => domainBars(r, m, { width: 500 })).join('')}</div>`,
    `<h2>Per-domain results</h2>${domains.map((d) => domainTables(r, d)).join('')}<p class="muted"><span class="sig">✱</span> significant after Holm adjustment.</p>`,
    `<h2>Most telling examples</h2>${examplesHtml(card)}`,
    `<h2>Methodology</h2><dl class="meta">${methodology(card).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`,
  ].join('\n');
  return `<!-- ${esc(card.headline).replace(/--/g, '- -')} -->
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>${esc(`${card.verdict.pass ? 'PASS' : 'FAIL'} · alignment-tax scorecard · ${r.runId}`)}</title>
<style>${CSS}</style></head>
<body>
${body}
</body></html>
`;
}
