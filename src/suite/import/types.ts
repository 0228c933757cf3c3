import type { CaseInput } from '../../core/index.js';

/** A suite as an importer builds it, before it is written as YAML. */
export interface ImportedSuite {
  id: string;
  version: string;
  domain: string;
  description: string;
  cases: CaseInput[];
}

/** One recorded answer, as the `replay:` provider reads it. */
export interface ReplayRow {
  id: string;
  model: string;
  completion: string;
}

/** A human label of one recorded answer that came with the source (XSTest's final_label). */
export interface HumanLabelRow {
  id: string;
  model: string;
  label: string;
}

export interface Imported {
  suite: ImportedSuite;
  replay?: ReplayRow[];
  /** human labels of the recorded answers, when the source has them: written as a labels file for `atax labels import` */
  labels?: HumanLabelRow[];
  /** things the user should know (skipped rows, unsupported assertions) */
  notes: string[];
}

export interface ImportOptions {
  baseline?: string;
  /** or-bench: which half the files are when their names do not say */
  orBenchKind?: 'hard' | 'toxic';
  /** keep only cases that have a recorded answer from every model */
  answeredOnly?: boolean;
  /** override the suite id */
  id?: string;
}
