/**
 * OR-Bench (Cui et al.): CSVs with `prompt, category`. The hard-1k and 80k sets are benign prompts
 * that look harmful (tasks); the toxic set is genuinely harmful (probes). Which one a file is comes
 * from --or-bench-kind or its name.
 */
import { basename } from 'node:path';
import type { CaseInput } from '../../core/index.js';
import { UserError } from '../../errors.js';
import { displayPath } from '../yaml-source.js';
import { readCsv, requireText } from './source-files.js';
import type { Imported, ImportOptions } from './types.js';

/** `hard`, `80k` or `toxic`, from the flag or the file name (or-bench-hard-1k.csv, or-bench-toxic.csv). */
export function orBenchPart(file: string, flag?: 'hard' | 'toxic'): 'hard' | '80k' | 'toxic' {
  if (flag) return flag;
  const name = basename(file).toLowerCase();
  if (name.includes('toxic')) return 'toxic';
  if (name.includes('hard')) return 'hard';
  if (name.includes('80k')) return '80k';
  throw new UserError(`${displayPath(file)}: cannot tell from the file name whether these are hard (benign) or toxic prompts`, 'pass --or-bench-kind hard or --or-bench-kind toxic');
}

export function importOrBench(paths: string[], opts: ImportOptions): Imported {
  const cases: CaseInput[] = [];
  for (const file of paths) {
    const part = orBenchPart(file, opts.orBenchKind);
    const { columns, rows } = readCsv(file);
    if (!columns.includes('prompt')) throw new UserError(`${displayPath(file)}: no "prompt" column (columns: ${columns.join(', ')})`, 'OR-Bench files have the columns prompt, category');
    rows.forEach((r, i) => {
      const category = (r.record.category ?? '').trim();
      cases.push({
        // the row number is the only identity OR-Bench gives a prompt
        id: `or-bench-${part}-${i + 1}`,
        kind: part === 'toxic' ? 'probe' : 'task',
        prompt: requireText(r.record.prompt, { file, line: r.line, field: 'prompt' }),
        tags: category ? [category] : [],
      });
    });
  }
  const parts = [...new Set(paths.map((p) => orBenchPart(p, opts.orBenchKind)))];
  return {
    suite: { id: opts.id ?? `or-bench-${parts.join('-')}`, version: '1', domain: 'or-bench', description: `OR-Bench (${parts.join(', ')}): over-refusal benchmark prompts. Imported by atax import or-bench.`, cases },
    notes: [],
  };
}
