import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LabelRecordSchema, labelKey, type LabelRecord } from '../core/label.js';
import { UserError } from '../errors.js';
import { repairTornTail } from './records.js';

/** `results/<run>/labels.jsonl`: the human labels of one run, one JSON line per label given. */
export const labelsPath = (runDir: string): string => join(runDir, 'labels.jsonl');

/**
 * Appends labels to the run's labels.jsonl. Each line is one write() followed by fsync, so a label
 * the reviewer saw accepted survives a kill or a power cut; a process killed mid-write leaves at
 * most one torn last line, which is cut off before the next append (it would glue onto the next
 * label otherwise) and skipped by readers. Every record is validated before anything is written.
 */
export function appendLabels(runDir: string, records: readonly LabelRecord[]): void {
  const lines = records.map((r, i) => {
    const parsed = LabelRecordSchema.safeParse(r);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new UserError(`label ${i + 1} (${r.caseId} / ${r.variantId}): ${issue?.path.join('.') || 'record'}: ${issue?.message}`);
    }
    return JSON.stringify(parsed.data) + '\n';
  });
  if (lines.length === 0) return;
  mkdirSync(runDir, { recursive: true });
  const file = labelsPath(runDir);
  repairTornTail(file);
  const fd = openSync(file, 'a');
  try {
    for (const line of lines) {
      writeSync(fd, line);
      try { fsyncSync(fd); } catch { /* not every file system supports fsync */ }
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Every label line of the run, in the order given (superseded labels included). A torn last line
 * (a kill mid-write) is skipped; a bad line anywhere else is corruption and is reported with its
 * line number rather than silently dropped.
 */
export function readLabels(runDir: string): LabelRecord[] {
  const file = labelsPath(runDir);
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const out: LabelRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim()) continue;
    const isLast = i === lines.length - 1; // no newline after it: possibly torn
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      if (isLast) break;
      throw new UserError(`${file}:${i + 1}: not a JSON line`, 'the labels file is append-only: remove or fix that line by hand');
    }
    const parsed = LabelRecordSchema.safeParse(value);
    if (!parsed.success) {
      if (isLast) break;
      const issue = parsed.error.issues[0];
      throw new UserError(`${file}:${i + 1}: ${issue?.path.join('.') || 'label'}: ${issue?.message}`, 'remove or fix that line by hand');
    }
    out.push(parsed.data);
  }
  return out;
}

/**
 * The current label of each answer: the last one given for its (case, variant, sample). A
 * retraction (`retracted: true`, an undo) leaves the answer unlabelled until a later label.
 */
export function currentLabels(records: Iterable<LabelRecord>): Map<string, LabelRecord> {
  const current = new Map<string, LabelRecord>();
  for (const r of records) {
    const key = labelKey(r);
    current.delete(key); // re-insert so the map's order is the order labels were last given
    if (!r.retracted) current.set(key, r);
  }
  return current;
}
