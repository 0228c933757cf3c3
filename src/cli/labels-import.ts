/**
 * `atax labels import RUN FILE`: match each row of a labels file to an answer of the run, refuse the
 * whole file when any row matches nothing (counts and examples, exit 2, nothing stored), and append
 * only what changes: re-importing the same labels adds nothing; a different label for an answer
 * supersedes the earlier one (both stay in the file).
 */
import mt19937 from '@stdlib/random-base-mt19937';
import type { LabelRecord, Outcome, RunRecord } from '../core/index.js';
import { labelKey } from '../core/label.js';
import { UserError } from '../errors.js';
import { appendLabels, currentLabels, labelsPath, readLabels } from '../store/labels.js';
import { readLabelFile, type LabelRow } from './labels-file.js';

export interface ImportLabelsOptions {
  labelColumn?: string;
  reviewer?: string;
  /** keep a seeded random share of each variant's rows (e.g. 0.2), as if only those were labelled */
  fraction?: number;
  seed?: number;
  now?: Date;
}

export interface ImportLabelsResult { added: number; superseding: number; unchanged: number; kept: number; file: string }

/** The run's answers by key: the classifier's outcome, or 'error' when the answer is unusable. */
export async function answersOf(records: AsyncIterable<RunRecord>): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>();
  for await (const r of records) out.set(labelKey(r), r.completion.error || !r.verdict ? 'error' : r.verdict.outcome);
  return out;
}

export function importLabels(runDir: string, answers: Map<string, Outcome>, file: string, opts: ImportLabelsOptions = {}): ImportLabelsResult {
  let rows = readLabelFile(file, opts.labelColumn);
  refuseUnmatched(rows, answers, file);
  const probs = new Map<number, number>();
  if (opts.fraction !== undefined) rows = keepFraction(rows, opts.fraction, opts.seed ?? 1, probs);
  const current = currentLabels(readLabels(runDir));
  const at = (opts.now ?? new Date()).toISOString();
  let superseding = 0, unchanged = 0;
  const fresh: LabelRecord[] = [];
  for (const row of rows) {
    const key = labelKey(row);
    const reviewer = row.reviewer ?? opts.reviewer;
    const before = current.get(key);
    if (before && before.label === row.label && before.reviewer === reviewer) { unchanged++; continue; }
    if (before) superseding++;
    const inclusionProb = row.inclusionProb ?? probs.get(row.line);
    const rec: LabelRecord = {
      caseId: row.caseId, variantId: row.variantId, sample: row.sample, label: row.label, at, outcome: answers.get(key), source: 'import',
      ...(reviewer ? { reviewer } : {}), ...(row.stratum ? { stratum: row.stratum } : {}), ...(inclusionProb !== undefined ? { inclusionProb } : {}),
    };
    fresh.push(rec);
    current.set(key, rec); // a file that labels one answer twice: its last row wins, once
  }
  appendLabels(runDir, fresh);
  return { added: fresh.length - superseding, superseding, unchanged, kept: rows.length, file: labelsPath(runDir) };
}

/** Rows that name no usable answer of the run: all reported at once, with why, and nothing stored. */
function refuseUnmatched(rows: LabelRow[], answers: Map<string, Outcome>, file: string): void {
  const variants = new Set<string>(), cases = new Set<string>();
  for (const key of answers.keys()) {
    const [v, c] = key.split('\u0000');
    variants.add(v); cases.add(c);
  }
  const why = (r: LabelRow): string | undefined => {
    const outcome = answers.get(labelKey(r));
    if (outcome === 'error') return 'the answer is an error (no usable completion to label)';
    if (outcome) return undefined;
    if (!variants.has(r.variantId)) return `no variant "${r.variantId}" in the run`;
    if (!cases.has(r.caseId)) return `no case "${r.caseId}" in the run`;
    return `no sample ${r.sample} of case "${r.caseId}" for variant "${r.variantId}"`;
  };
  const bad = rows.map((r) => ({ r, reason: why(r) })).filter((x) => x.reason !== undefined);
  if (bad.length === 0) return;
  const byReason = new Map<string, number>();
  for (const { reason } of bad) { const k = reason!.replace(/"[^"]*"/g, '"…"').replace(/sample \d+/, 'sample …'); byReason.set(k, (byReason.get(k) ?? 0) + 1); }
  const lines = [
    `${bad.length} of ${rows.length} label rows match no answer of the run; nothing was imported`,
    ...[...byReason].map(([k, n]) => `  ${n} × ${k}`),
    ...bad.slice(0, 5).map(({ r, reason }) => `  ${file}:${r.line}: ${reason}`),
  ];
  throw new UserError(lines.join('\n'), `the run's variants: ${[...variants].join(', ')}; case ids look like "${[...cases][0] ?? ''}" (atax import xstest writes a labels file with the run's ids)`);
}

/** A seeded simple random sample of each variant's rows; records each kept row's inclusion probability. */
function keepFraction(rows: LabelRow[], fraction: number, seed: number, probs: Map<number, number>): LabelRow[] {
  if (!(fraction > 0 && fraction <= 1)) throw new UserError(`--fraction ${fraction}: not in (0, 1]`, 'e.g. --fraction 0.2 keeps a random 20% of each variant\'s labels');
  const random = mt19937.factory({ seed: seed >>> 0 || 1 });
  const byVariant = new Map<string, LabelRow[]>();
  for (const r of rows) byVariant.set(r.variantId, [...(byVariant.get(r.variantId) ?? []), r]);
  const kept: LabelRow[] = [];
  for (const list of byVariant.values()) {
    const k = Math.max(1, Math.round(fraction * list.length));
    const a = [...list];
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor((random() / 4294967296) * (a.length - i));
      [a[i], a[j]] = [a[j], a[i]];
      probs.set(a[i].line, k / list.length);
    }
    kept.push(...a.slice(0, k));
  }
  return kept.sort((x, y) => x.line - y.line);
}
