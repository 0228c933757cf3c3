import { findRow, type TaxReport } from '../core/index.js';
import { escapeMarkdown as md } from './escape.js';
import { ciPts, pts, pval, pct, levelPct } from '../util/format.js';
import { judgedText, reportDomains, ALL_DOMAINS } from '../gate/gates.js';
import { calibrationNote, deltaEntries, domainTitle, rateRows, rateText, RATES, rateLabel, taxLines } from './scorecard-rows.js';
import { methodology, SIMULATED_BANNER, variantName, type Scorecard } from './scorecard.js';

/**
 * The scorecard as GitHub-flavoured Markdown (a PR comment, a job summary, a file to sign).
 * GitHub does not render inline SVG in Markdown, so the charts are tables here; the HTML has them.
 */
/** `align`: one letter per column, `l` text, `r` numbers. */
const table = (head: string[], rows: string[][], align: string) =>
  [`| ${head.join(' | ')} |`, `| ${head.map((_, i) => (align[i] === 'r' ? '---:' : '---')).join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const rateCell = (e: { value: string; ci: string } | undefined) => (e ? `${e.value} (${e.ci})` : '–');

function verdictSection(card: Scorecard): string {
  if (card.verdict.gates.length === 0) return '_No gate applies to this run._';
  return table(['Gate', 'Variant', 'Domain', 'Judged', 'Estimate', 'Result'], card.verdict.gates.map((g) => [
    md(g.label), md(g.variant), md(g.domain), md(judgedText(g)), g.estimate === null ? '–' : g.estimate.toFixed(4),
    g.status === 'pass' ? '✅ pass' : g.status === 'fail' ? '❌ **fail**' : '❌ **no data**',
  ]), 'lllrrl');
}

/** Every variant × domain with error answers: count, share, and one example message per kind. */
function errorsSection(r: TaxReport): string {
  const cells = r.errors ?? [];
  if (cells.length === 0) return '_No answer ended as an error._';
  return table(['Variant', 'Domain', 'Errors', 'Share', 'Kinds', 'Example'], cells.map((e) => [
    md(e.variant), md(e.domain), `${e.errors} of ${e.errors + e.answers}`, pct(e.share), md(e.kinds.map((k) => `${k.kind} ${k.count}`).join(', ')),
    e.kinds.map((k) => `${md(k.kind)}: ${md(k.example)}`).join('<br>'),
  ]), 'llrrll');
}

function variantsSection(r: TaxReport): string {
  return table(['Variant', 'Provider', 'Role'], r.variants.map((v) => [md(variantName(r, v.id)), `\`${md(v.provider)}\``, v.id === r.baseline ? '**baseline**' : 'candidate']), 'lll');
}

function taxSection(r: TaxReport): string {
  const rows = taxLines(r);
  if (rows.length === 0) return '_No candidate variant: nothing to compare with the baseline._';
  return table(['Variant', 'Domain', 'Tax (completion drop)', 'of which over-refusal / hedging / failed checks', 'Safety gain', 'Tax per safety point', 'Detectable effect (MDE)'], rows.map((x) => [
    md(x.t.variant), md(x.t.domain), `${x.drop} (${x.dropCi})`, x.parts, `${x.gain} (${x.gainCi})`, x.perPoint, x.mde,
  ]), 'llrrrrr');
}

function domainSection(r: TaxReport, domain: string): string {
  const rates = table(['Variant', 'n tasks', 'n probes', ...RATES.map(rateLabel)],
    rateRows(r, domain).map((x) => [md(x.variant), String(x.nTasks), String(x.nProbes), ...x.rates.map(rateCell)]), 'lrr' + 'r'.repeat(RATES.length));
  const deltaRows = deltaEntries(r, domain).map(({ variant, rate, d }) =>
    [md(variant), rateLabel(rate), `${pts(d.value)} (${ciPts(d)})`, md(pval(d.p)), `${md(pval(d.pAdj))}${d.significant ? ' ✱' : ''}`]);
  const deltas = deltaRows.length ? `\n\nChange against the baseline (${md(r.baseline)}), paired on the same cases:\n\n${table(['Variant', 'Rate', 'Δ (CI)', 'p', 'Holm p'], deltaRows, 'llrrr')}` : '';
  const note = calibrationNote(r);
  return `### ${md(domainTitle(domain))}\n\n${note ? `Rates: ${md(note)}.\n\n` : ''}${rates}${deltas}`;
}

function paretoSection(r: TaxReport): string {
  return table(['Variant', 'Completion on tasks', 'Safety on probes'], r.variants.map((v) => [
    md(v.id) + (v.id === r.baseline ? ' (baseline)' : ''), rateCell(rateText(findRow(r, v.id, ALL_DOMAINS, 'task'), 'completion')), rateCell(rateText(findRow(r, v.id, ALL_DOMAINS, 'probe'), 'safety')),
  ]), 'lrr');
}

function examplesSection(card: Scorecard): string {
  if (card.examples.length === 0) return '_The variants answered every case alike._';
  return card.examples.map((e) => {
    const prompt = e.prompt ? `\n\n**Prompt:** ${md(e.prompt)}` : '';
    const answers = e.answers.map((a) => `<details><summary><b>${md(a.variant)}</b>: ${a.outcome}</summary>\n\n${a.text ? md(a.text) : '_no answer_'}\n\n</details>`).join('\n');
    return `#### \`${md(e.caseId)}\` · ${md(e.domain)} · ${e.kind} · disagreement ${pct(e.disagreement, 0)}${prompt}\n\n${answers}`;
  }).join('\n\n');
}

export function renderMarkdown(card: Scorecard): string {
  const r = card.report;
  const [status, ...rest] = card.headline.split(': ');
  const parts = [
    `**${status}**: ${md(rest.join(': '))}`,
    '',
    `# Alignment-tax scorecard · run \`${md(r.runId)}\``,
  ];
  if (r.simulated) parts.push('', `> [!WARNING]\n> **${md(SIMULATED_BANNER)}**`);
  parts.push('', `## Verdict (policy: ${md(card.verdict.policy)})`, '', verdictSection(card));
  parts.push('', '## Errors', '', 'Answers with no usable completion; the rates leave them out.', '', errorsSection(r));
  parts.push('', '## Variants', '', `Baseline: **${md(variantName(r, r.baseline))}**. ${r.samples} sample(s) per case, ${levelPct(r.level)} confidence intervals.`, '', variantsSection(r));
  parts.push('', '## Tax and safety gain', '', taxSection(r));
  parts.push('', '## Safety against completion', '', paretoSection(r));
  parts.push('', '## Per-domain results', '', ...[ALL_DOMAINS, ...reportDomains(r)].map((d) => domainSection(r, d) + '\n'));
  parts.push('✱ significant after Holm adjustment.', '', '## Most telling examples', '', examplesSection(card));
  parts.push('', '## Methodology', '', table(['', ''], methodology(card).map(([k, v]) => [md(k), md(v)]), 'll'), '');
  return parts.join('\n');
}
