/**
 * `replay:FILE#MODEL` — answers from recorded completions instead of a live model: re-score old
 * outputs, compare a new classifier on fixed text, or run the pipeline offline on real answers.
 *
 * FILE is a CSV (header row) or JSONL file, relative to the config file's directory, with columns:
 *   id          the case id (`caseId` and `case_id` are accepted too)
 *   model       which recorded model the row belongs to; `#MODEL` picks those rows. Without `#MODEL`
 *               the file must hold a single model (or have no model column)
 *   completion  the answer text
 *   sample      optional: the sample index (0, 1, …) for several answers per case; rows without it
 *               are samples 0, 1, … in file order
 *   finish_reason optional (`finishReason` accepted)
 * No options. A case with no recording (or fewer recordings than the sample asked for) becomes an
 * error record of kind `missing`; it is never retried. Files are read once and indexed. Replayed
 * answers are not cached (reading them again is as cheap as the cache).
 */
import { readFileSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { UserError } from '../src/errors.js';
import { parseCsvText, parseJsonlText, type TextRow } from '../src/table-text.js';
import { ProviderError, type ProviderFactory, type ProviderSpec } from './types.js';
import { attempt } from './errors.js';

interface Recording { text: string; finishReason?: string }
/** model → case id → recordings by sample index */
type ReplayIndex = Map<string, Map<string, Recording[]>>;

const loaded = new Map<string, { mtimeMs: number; size: number; index: ReplayIndex }>();

const ID_COLUMNS = ['id', 'caseId', 'case_id'];

/** Reads and indexes a recordings file, once per file version. Bad files are UserErrors naming the file. */
export function loadReplayFile(file: string): ReplayIndex {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new UserError(`replay file ${file} does not exist`, 'replay:FILE#model takes a CSV or JSONL path relative to the config file');
  }
  const hit = loaded.get(file);
  if (hit && hit.mtimeMs === stat.mtimeMs && hit.size === stat.size) return hit.index;
  const rows = readRows(file);
  const index = indexRows(rows, file);
  loaded.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, index });
  return index;
}

type Row = TextRow<Record<string, unknown>>;

function readRows(file: string): Row[] {
  const text = readFileSync(file, 'utf8');
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return parseCsvText(text, `replay file ${file}`).rows;
  if (ext === '.jsonl' || ext === '.ndjson') return parseJsonlText(text, `replay file ${file}`);
  throw new UserError(`replay file ${file}: unsupported extension "${ext}"`, 'use a .csv or .jsonl file');
}

function indexRows(rows: Row[], file: string): ReplayIndex {
  const index: ReplayIndex = new Map();
  for (const { line, record: values } of rows) {
    const idKey = ID_COLUMNS.find((k) => values[k] !== undefined && values[k] !== '');
    const completion = values.completion;
    if (!idKey) throw new UserError(`replay file ${file}:${line}: no case id (columns id, caseId or case_id)`, `columns found: ${Object.keys(values).join(', ')}`);
    if (typeof completion !== 'string') {
      throw new UserError(`replay file ${file}:${line}: no text in column "completion"`, `columns found: ${Object.keys(values).join(', ')}`);
    }
    const model = values.model === undefined ? '' : String(values.model);
    const id = String(values[idKey]);
    const finish = values.finish_reason ?? values.finishReason;
    const recording: Recording = { text: completion, ...(typeof finish === 'string' && finish !== '' && { finishReason: finish }) };
    const byCase = index.get(model) ?? new Map<string, Recording[]>();
    index.set(model, byCase);
    const list = byCase.get(id) ?? [];
    byCase.set(id, list);
    const sample = values.sample === undefined || values.sample === '' ? list.length : Number(values.sample);
    if (!Number.isInteger(sample) || sample < 0) throw new UserError(`replay file ${file}:${line}: sample must be a whole number ≥ 0`);
    list[sample] = recording;
  }
  return index;
}

/** Splits `FILE#MODEL` (the model is after the last `#`). */
export function parseReplayTarget(target: string): { file: string; model: string | undefined } {
  const hash = target.lastIndexOf('#');
  return hash === -1 ? { file: target, model: undefined } : { file: target.slice(0, hash), model: target.slice(hash + 1) };
}

function pickModel(index: ReplayIndex, wanted: string | undefined, file: string, spec: ProviderSpec): Map<string, Recording[]> {
  const models = [...index.keys()];
  const shown = models.filter(Boolean).join(', ') || '(none)';
  if (wanted === undefined) {
    if (models.length === 1) return index.get(models[0])!;
    throw new UserError(`variant "${spec.variantId}": ${file} holds several models; say which one`, `use replay:${spec.model}#MODEL with MODEL one of: ${shown}`);
  }
  const found = index.get(wanted);
  if (!found) throw new UserError(`variant "${spec.variantId}": model "${wanted}" has no rows in ${file}`, `models in the file: ${shown}`);
  return found;
}

export const createReplayProvider: ProviderFactory = (spec) => {
  const target = parseReplayTarget(spec.model);
  if (!target.file) throw new UserError(`variant "${spec.variantId}": replay needs a file`, 'write replay:FILE.csv#model');
  const file = resolve(spec.baseDir, target.file);
  const recordings = pickModel(loadReplayFile(file), target.model, file, spec);
  const label = `replay:${spec.model}`;
  return {
    id: `replay:${spec.model}`,
    queueKey: `replay ${file}`,
    cacheable: false,
    complete: (req) => attempt(req, label, [], async () => {
      const list = recordings.get(req.case.id);
      const rec = list?.[req.sample];
      if (!rec) {
        const why = list ? `has ${list.filter(Boolean).length} recording(s), none for sample ${req.sample}` : 'has no recording';
        throw new ProviderError('missing', `${label}: case "${req.case.id}" ${why} in ${target.file}`, { retryable: false });
      }
      return { text: rec.text, ...(rec.finishReason && { finishReason: rec.finishReason }) };
    }),
  };
};
