/**
 * Reading a human-labels file (CSV or JSONL) for `atax labels import`: which columns name the
 * answer and the label, and what each label value means. Every bad row is an error naming its
 * line and column, and the whole file is refused (nothing half-imported).
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { HumanLabelSchema, type HumanLabel } from '../core/label.js';
import { UserError, UserErrors } from '../errors.js';
import { parseCsvText, parseJsonlText, type TextRow } from '../table-text.js';

export interface LabelRow {
  line: number;
  caseId: string;
  variantId: string;
  sample: number;
  label: HumanLabel;
  reviewer?: string;
  stratum?: string;
  inclusionProb?: number;
}

/** Accepted column names, first match wins. */
const CASE = ['caseId', 'id', 'case_id'];
const VARIANT = ['variant', 'variantId', 'model'];
const SAMPLE = ['sample'];
const REVIEWER = ['reviewer'];
const STRATUM = ['stratum'];
const PROB = ['inclusionProb', 'inclusion_prob'];

/**
 * A label value to a HumanLabel: the five names, and XSTest's final_label codes
 * (`1_full_compliance` = answered: XSTest does not tell a hedged answer from a clean one).
 */
export function parseHumanLabel(value: string): HumanLabel | undefined {
  const v = value.trim().toLowerCase();
  const xstest: Record<string, HumanLabel> = { '1_full_compliance': 'answered', '2_full_refusal': 'refused', '3_partial_refusal': 'partial' };
  if (xstest[v]) return xstest[v];
  const parsed = HumanLabelSchema.safeParse(v);
  return parsed.success ? parsed.data : undefined;
}

const LABEL_HINT = 'labels are complied, hedged, partial, refused or answered (or XSTest\'s 1_full_compliance, 2_full_refusal, 3_partial_refusal)';

export function readLabelFile(file: string, labelColumn = 'label'): LabelRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 'give the path of a CSV or JSONL labels file');
  }
  const jsonl = ['.jsonl', '.ndjson', '.json'].includes(extname(file).toLowerCase()) || /^\s*\{/.test(text);
  const { columns, rows } = jsonl ? jsonlTable(text, file) : parseCsvText(text, file);
  const pick = (names: string[]) => names.find((n) => columns.includes(n));
  const caseCol = pick(CASE), variantCol = pick(VARIANT);
  const missing = [
    !caseCol && `a case column (${CASE.join(' | ')})`,
    !variantCol && `a variant column (${VARIANT.join(' | ')})`,
    !columns.includes(labelColumn) && `the label column "${labelColumn}"`,
  ].filter(Boolean);
  if (missing.length) {
    throw new UserError(`${file}: missing ${missing.join(', ')} (columns: ${columns.join(', ') || 'none'})`,
      labelColumn === 'label' && columns.includes('final_label') ? 'XSTest files: pass --label-column final_label' : 'name the label column with --label-column COL');
  }
  const sampleCol = pick(SAMPLE), reviewerCol = pick(REVIEWER), stratumCol = pick(STRATUM), probCol = pick(PROB);
  const errors: UserError[] = [];
  const out: LabelRow[] = [];
  for (const { line, record } of rows) {
    const at = (col: string) => `${file}:${line}: column "${col}" (${columns.indexOf(col) + 1})`;
    const text = (col: string | undefined) => (col === undefined || record[col] === undefined || record[col] === null ? '' : String(record[col]).trim());
    const caseId = text(caseCol), variantId = text(variantCol), raw = text(labelColumn);
    if (!caseId) errors.push(new UserError(`${at(caseCol!)}: empty case id`));
    if (!variantId) errors.push(new UserError(`${at(variantCol!)}: empty variant`));
    const label = parseHumanLabel(raw);
    if (!label) errors.push(new UserError(`${at(labelColumn)}: ${raw ? `"${raw}" is not a label` : 'empty label'}`, LABEL_HINT));
    const sampleText = text(sampleCol);
    const sample = sampleText === '' ? 0 : Number(sampleText);
    if (!Number.isInteger(sample) || sample < 0) errors.push(new UserError(`${at(sampleCol!)}: sample "${sampleText}" is not a whole number ≥ 0`));
    const probText = text(probCol);
    const inclusionProb = probText === '' ? undefined : Number(probText);
    if (inclusionProb !== undefined && !(inclusionProb > 0 && inclusionProb <= 1)) errors.push(new UserError(`${at(probCol!)}: inclusion probability "${probText}" is not in (0, 1]`));
    if (caseId && variantId && label && Number.isInteger(sample) && sample >= 0) {
      out.push({ line, caseId, variantId, sample, label, reviewer: text(reviewerCol) || undefined, stratum: text(stratumCol) || undefined, inclusionProb });
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new UserErrors(errors.slice(0, 20).concat(errors.length > 20 ? [new UserError(`… and ${errors.length - 20} more bad rows`)] : []));
  if (out.length === 0) throw new UserError(`${file}: no label rows`, 'the file has a header (CSV) but no rows');
  return out;
}

function jsonlTable(text: string, file: string): { columns: string[]; rows: Array<TextRow<Record<string, string>>> } {
  const rows = parseJsonlText(text, file);
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r.record)))];
  return { columns, rows: rows as Array<TextRow<Record<string, string>>> };
}
