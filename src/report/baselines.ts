import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { listRunIds, resolveRunId, writeJsonAtomic } from '../store/index.js';

/**
 * Stored baselines: which run each nightly compares against, by tag, in <results>/baselines.json.
 * A tag lets one results folder hold several references (e.g. `default`, `release-1.2`).
 */
export const DEFAULT_BASELINE_TAG = 'default';

const BaselineEntrySchema = z.object({ runId: z.string(), setAt: z.string(), note: z.string().optional() });
export const BaselinesFileSchema = z.object({
  version: z.literal(1),
  baselines: z.record(z.string(), BaselineEntrySchema),
});
export type BaselineEntry = z.infer<typeof BaselineEntrySchema>;
export type BaselinesFile = z.infer<typeof BaselinesFileSchema>;

export const baselinesPath = (root: string) => join(root, 'baselines.json');
const TAG_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function readBaselines(root: string): BaselinesFile {
  const file = baselinesPath(root);
  if (!existsSync(file)) return { version: 1, baselines: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UserError(`${file}: not valid JSON (${(err as Error).message})`, 'fix or delete the file, then `atax baseline set RUN`');
  }
  const parsed = BaselinesFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserError(`${file}: ${issue?.path.join('.') || 'file'}: ${issue?.message}`, 'fix or delete the file, then `atax baseline set RUN`');
  }
  return parsed.data;
}

/** Sets (or moves) a tag to a run; written atomically so a killed nightly never leaves half a file. */
export function setBaseline(root: string, runId: string, tag = DEFAULT_BASELINE_TAG, now = new Date()): BaselineEntry {
  if (!TAG_RE.test(tag)) throw new UserError(`baseline tag "${tag}" is not valid`, 'use letters, digits, ".", "_" or "-"');
  const file = readBaselines(root);
  const entry: BaselineEntry = { runId, setAt: now.toISOString() };
  file.baselines[tag] = entry;
  mkdirSync(root, { recursive: true });
  writeJsonAtomic(baselinesPath(root), file);
  return entry;
}

/**
 * `--baseline RUN|TAG`: a stored tag wins over a run-id prefix (tags are what users type in CI);
 * with nothing given, `defaultTag` (`default`). Returns undefined when no baseline is stored at all.
 */
export function resolveBaseline(root: string, ref?: string, defaultTag = DEFAULT_BASELINE_TAG): { runId: string; tag?: string } | undefined {
  const stored = readBaselines(root).baselines;
  const tag = ref ?? defaultTag;
  const entry = stored[tag];
  if (entry) {
    if (!listRunIds(root).includes(entry.runId)) {
      throw new UserError(`baseline "${tag}" points at run ${entry.runId}, which is not in ${root}`, `restore the run folder, or set another one: atax baseline set RUN --tag ${tag}`);
    }
    return { runId: entry.runId, tag };
  }
  if (ref === undefined) return undefined;
  return { runId: resolveRunId(root, ref) };
}
