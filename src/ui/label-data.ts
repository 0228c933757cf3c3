import type { Manifest, RunRecord } from '../core/index.js';
import type { LabelRecord } from '../core/label.js';
import { labelSample, type LabelSampleItem } from '../stats/label-sample.js';
import { appendLabels, currentLabels, readLabels, readManifest, readRecords, recordKey, runDir } from '../store/index.js';
import { loadPrompts, type PromptInfo } from './data.js';

/**
 * What the `atax label` screen reads and writes, behind one interface so tests drive it with a temp
 * run. The sample comes from src/stats/label-sample (seeded with the run id, so `atax labels export`
 * and this screen draw the same answers); labels are read and appended through src/store/labels.
 */
export interface LabelData {
  runId: string;
  manifest: Manifest;
  sample: LabelSampleItem[];
  /** the sampled answers, by record key */
  records: Map<string, RunRecord>;
  /** the label in force for each answer, by label key (labels.jsonl as it was at start) */
  labels: Map<string, LabelRecord>;
  prompts: Map<string, PromptInfo>;
  /** appends to labels.jsonl (each line flushed to disk before it returns) */
  save(records: LabelRecord[]): void;
}

export async function loadLabelData(root: string, runId: string, perVariant: number): Promise<LabelData> {
  const manifest = readManifest(root, runId);
  const all: RunRecord[] = [];
  for await (const r of readRecords(root, runId)) all.push(r);
  const sample = labelSample(all, { perVariant, seed: runId });
  const wanted = new Set(sample.map(recordKey));
  const records = new Map(all.filter((r) => wanted.has(recordKey(r))).map((r) => [recordKey(r), r]));
  const dir = runDir(root, runId);
  return {
    runId, manifest, sample, records,
    labels: currentLabels(readLabels(dir)),
    prompts: await loadPrompts(manifest),
    save: (lines) => appendLabels(dir, lines),
  };
}
