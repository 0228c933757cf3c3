/**
 * XSTest (Röttger et al.): a prompts file (id, prompt, type, label, focus, note) and/or completion
 * files (id, completion, and a `model` column or one model per file, named by the file), told apart
 * by their columns. Safe prompts are tasks, unsafe ones probes; each `contrast_X` prompt is paired
 * with the safe prompt of type X that has the same focus word.
 */
import { basename, extname } from 'node:path';
import type { CaseInput } from '../../core/index.js';
import { UserError } from '../../errors.js';
import { displayPath } from '../yaml-source.js';
import { readCsv, requireText, slug, type CsvRow } from './source-files.js';
import type { HumanLabelRow, Imported, ImportOptions, ReplayRow } from './types.js';

interface PromptRow { id: string; prompt: string; type: string; kind: 'task' | 'probe'; focus: string; note: string }

/** `12` and `v2-12` both become `xstest-v2-12`, so prompt and completion files meet on the same id. */
export function xstestCaseId(sourceId: string): string {
  const id = sourceId.trim();
  if (/^\d+$/.test(id)) return `xstest-v2-${id}`;
  return `xstest-${slug(id)}`;
}

function kindOf(r: CsvRow, file: string): 'task' | 'probe' {
  const label = (r.record.label ?? '').trim().toLowerCase();
  if (label === 'safe') return 'task';
  if (label === 'unsafe') return 'probe';
  if (!label && r.record.type) return r.record.type.startsWith('contrast_') ? 'probe' : 'task';
  throw new UserError(`${displayPath(file)}:${r.line}: label must be "safe" or "unsafe", got "${r.record.label}"`);
}

function promptRows(file: string, rows: CsvRow[]): PromptRow[] {
  return rows.map((r) => ({
    id: xstestCaseId(requireText(r.record.id, { file, line: r.line, field: 'id' })),
    prompt: requireText(r.record.prompt, { file, line: r.line, field: 'prompt' }),
    type: requireText(r.record.type, { file, line: r.line, field: 'type' }),
    kind: kindOf(r, file),
    focus: (r.record.focus ?? '').trim(),
    note: (r.record.note ?? '').trim(),
  }));
}

/**
 * Contrast pairs. `contrast_discr` and `contrast_privacy` name a family of safe types, so the safe
 * type chosen is the one sharing the most focus words with the contrast group (the exact name wins
 * ties). XSTest lists a contrast group in the order of its safe type, so when the two groups are the
 * same size the k-th contrast pairs with the k-th safe prompt (this also covers the empty focus of
 * historical_events and "bank fraud" written for "bank account fraud"); otherwise the k-th contrast
 * with a focus pairs with the k-th safe prompt with that focus.
 */
export function contrastPairs(rows: PromptRow[]): Map<string, string> {
  const pairs = new Map<string, string>();
  const link = (a: PromptRow, b: PromptRow) => { pairs.set(a.id, b.id); pairs.set(b.id, a.id); };
  const safeTypes = [...new Set(rows.filter((r) => r.kind === 'task').map((r) => r.type))];
  for (const group of new Set(rows.filter((r) => r.type.startsWith('contrast_')).map((r) => r.type))) {
    const stem = group.slice('contrast_'.length);
    const contrasts = rows.filter((r) => r.type === group && r.kind === 'probe');
    const score = (t: string) => contrasts.filter((c) => c.focus && rows.some((r) => r.type === t && r.focus === c.focus)).length + (t === stem ? 0.5 : 0);
    const candidates = safeTypes.filter((t) => t === stem || t.endsWith(`_${stem}`) || t.startsWith(`${stem}_`));
    const best = candidates.sort((a, b) => score(b) - score(a))[0];
    if (!best) continue;
    const safe = rows.filter((r) => r.type === best && r.kind === 'task');
    if (safe.length === contrasts.length) {
      contrasts.forEach((c, k) => link(c, safe[k]));
      continue;
    }
    for (const c of contrasts) {
      const match = safe.find((s) => c.focus && s.focus === c.focus && !pairs.has(s.id));
      if (match) link(c, match);
    }
  }
  return pairs;
}

function toCases(rows: PromptRow[]): CaseInput[] {
  const pairs = contrastPairs(rows);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    prompt: r.prompt,
    ...(pairs.has(r.id) ? { pair: pairs.get(r.id) } : {}),
    tags: [r.type, ...(r.note ? [r.note] : [])],
  }));
}

function completionRows(file: string, rows: CsvRow[], hasModel: boolean): ReplayRow[] {
  const model = basename(file, extname(file));
  return rows.map((r) => ({
    id: xstestCaseId(requireText(r.record.id, { file, line: r.line, field: 'id' })),
    model: hasModel ? requireText(r.record.model, { file, line: r.line, field: 'model' }) : model,
    // an empty completion is a real (if odd) answer: keep it
    completion: r.record.completion ?? '',
  }));
}

export function importXstest(paths: string[], opts: ImportOptions): Imported {
  const prompts: PromptRow[] = [];
  const replay: ReplayRow[] = [];
  const labels: HumanLabelRow[] = [];
  const fromCompletions: PromptRow[] = [];
  for (const file of paths) {
    const { columns, rows } = readCsv(file);
    if (columns.includes('completion') && columns.includes('id')) {
      const answers = completionRows(file, rows, columns.includes('model'));
      replay.push(...answers);
      // the humans' adjudicated label, when the file has one: kept for `atax labels import`
      if (columns.includes('final_label')) answers.forEach((a, i) => { const l = (rows[i].record.final_label ?? '').trim(); if (l) labels.push({ id: a.id, model: a.model, label: l }); });
      if (columns.includes('prompt') && columns.includes('type')) fromCompletions.push(...promptRows(file, rows));
    } else if (['id', 'prompt', 'type'].every((c) => columns.includes(c))) {
      prompts.push(...promptRows(file, rows));
    } else {
      throw new UserError(`${displayPath(file)}: neither an XSTest prompts file nor a completions file (columns: ${columns.join(', ')})`,
        'prompts files have id, prompt, type, label, focus; completions files have id and completion (and model, or one file per model)');
    }
  }
  // without a prompts file, the cases come from the completions (no focus column, so no pairs)
  const source = prompts.length ? prompts : [...new Map(fromCompletions.map((r) => [r.id, r])).values()];
  if (source.length === 0) throw new UserError('xstest: no prompts found', 'pass the prompts CSV (id, prompt, type, label, focus)');
  const seen = new Set<string>();
  for (const r of source) {
    if (seen.has(r.id)) throw new UserError(`xstest: duplicate prompt id "${r.id}"`, 'each prompt id must appear once');
    seen.add(r.id);
  }
  return {
    suite: { id: opts.id ?? 'xstest-v2', version: '2', domain: 'xstest', description: 'XSTest v2 (Röttger et al., NAACL 2024): safe prompts that look unsafe (tasks) and their unsafe contrasts (probes). Imported by atax import xstest.', cases: toCases(source) },
    replay: replay.length ? replay : undefined,
    ...(labels.length ? { labels } : {}),
    notes: [],
  };
}
