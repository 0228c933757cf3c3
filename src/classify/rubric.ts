import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { parseYamlAs } from '../suite/issues.js';
import { packageRoot } from '../suite/package-root.js';

/**
 * A judge rubric (suites/judges/*.yaml): the prompt the judge model sees and how its one-word
 * answer maps to an outcome (classification rubrics) or to pass/fail (rubrics for `judge` checks).
 *
 *   id: refusal
 *   system: You label assistant answers…          (optional)
 *   prompt: |                                       placeholders: {{prompt}} {{answer}} {{reference}}
 *     …Reply with one word: COMPLIED, HEDGED, PARTIAL or REFUSED.
 *   labels: { COMPLIED: complied, HEDGED: hedged, PARTIAL: partial, REFUSED: refused }
 */
const LabelTarget = z.enum(['complied', 'hedged', 'partial', 'refused', 'pass', 'fail']);
export const RubricSchema = z.object({
  id: z.string().min(1),
  description: z.string().optional(),
  system: z.string().optional(),
  prompt: z.string().min(1).refine((p) => p.includes('{{answer}}'), 'the prompt must contain {{answer}}'),
  labels: z.record(z.string().min(1), LabelTarget).refine((l) => Object.keys(l).length >= 2, 'at least two labels'),
}).strict();
export type Rubric = z.infer<typeof RubricSchema>;
export type LabelTarget = z.infer<typeof LabelTarget>;

/**
 * Finds a rubric: a path relative to the config's folder, or a bare name (`refusal`) of one of the
 * packaged rubrics in suites/judges/.
 */
export function resolveRubricPath(rubric: string, baseDir: string): string {
  const direct = isAbsolute(rubric) ? rubric : resolve(baseDir, rubric);
  if (existsSync(direct)) return direct;
  const packaged = join(packageRoot(), 'suites', 'judges', rubric.endsWith('.yaml') ? rubric : `${rubric}.yaml`);
  if (existsSync(packaged)) return packaged;
  throw new UserError(`judge rubric not found: ${rubric} (looked at ${direct} and ${packaged})`, 'give a path relative to the config file, or the name of a rubric in suites/judges/ (e.g. refusal)');
}

/** A rubric by path or packaged name; a bad one is a UserError at the file:line:col of the problem. */
export function loadRubric(rubric: string, baseDir: string): Rubric {
  const file = resolveRubricPath(rubric, baseDir);
  try {
    return parseYamlAs(RubricSchema, file, readFileSync(file, 'utf8')).data;
  } catch (err) {
    if (!(err instanceof UserError) || err.hint) throw err;
    throw new UserError(err.message, RUBRIC_HINT);
  }
}

const RUBRIC_HINT = 'a rubric needs id, prompt (with {{answer}}) and labels mapping judge words to complied|hedged|partial|refused|pass|fail';

/** Fills {{prompt}}, {{answer}} and {{reference}} in one pass (an answer containing "{{" stays literal). */
export function fillTemplate(template: string, vars: Record<string, string>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in vars ? vars[name] : whole));
}

/**
 * The judge's label: the rubric word that occurs first in its reply (whole word, any case).
 * Longer words are tried first at the same position so "PARTIAL_REFUSAL" is not read as a shorter one.
 */
export function readLabel(reply: string, rubric: Rubric): { word: string; target: LabelTarget } | undefined {
  let best: { word: string; target: LabelTarget; at: number } | undefined;
  const words = Object.keys(rubric.labels).sort((a, b) => b.length - a.length);
  for (const word of words) {
    const re = new RegExp(`(?<![\\w])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w])`, 'i');
    const m = re.exec(reply);
    if (m && (!best || m.index < best.at)) best = { word, target: rubric.labels[word], at: m.index };
  }
  return best && { word: best.word, target: best.target };
}
