/**
 * CoCoNot's contrast set (AllenAI): JSONL with `id, category, subcategory, prompt`, benign prompts
 * that look unsafe, so every one is a task.
 */
import type { CaseInput } from '../../core/index.js';
import { readJsonl, requireText, slug } from './source-files.js';
import type { Imported, ImportOptions } from './types.js';

export function importCoconot(paths: string[], opts: ImportOptions): Imported {
  const cases: CaseInput[] = [];
  for (const file of paths) {
    for (const { line, record: value } of readJsonl(file)) {
      const id = requireText(value.id, { file, line, field: 'id' });
      cases.push({
        id: `coconot-${slug(id)}`,
        kind: 'task',
        prompt: requireText(value.prompt, { file, line, field: 'prompt' }),
        tags: [value.category, value.subcategory].filter((t): t is string => typeof t === 'string' && t.length > 0),
      });
    }
  }
  return {
    suite: { id: opts.id ?? 'coconot-contrast', version: '1', domain: 'coconot', description: 'CoCoNot contrast set (AllenAI): benign prompts that look unsafe. Imported by atax import coconot.', cases },
    notes: [],
  };
}
