/** The importers, by the format name `atax import <format>` takes. One file per source format. */
import { importCoconot } from './coconot.js';
import { importCyberSecEvalFrr } from './cyberseceval.js';
import { importOrBench } from './or-bench.js';
import { importPromptfoo } from './promptfoo.js';
import { importXstest } from './xstest.js';
import type { Imported, ImportOptions } from './types.js';

export const importers: Record<string, (paths: string[], opts: ImportOptions) => Imported> = {
  xstest: importXstest,
  'or-bench': importOrBench,
  'cyberseceval-frr': importCyberSecEvalFrr,
  coconot: importCoconot,
  promptfoo: importPromptfoo,
};

export { writeImport, type ImportWritten } from './write.js';
export type { Imported, ImportOptions, ImportedSuite, ReplayRow } from './types.js';
