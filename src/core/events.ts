import type { RunRecord } from './record.js';
import type { ErrorKind } from './record.js';

/**
 * What the runner emits. The progress bar, the TUI's live screen and the CLI read these and never
 * import the runner itself.
 */
export type RunEvent =
  // alreadyDonePerVariant: on a resume, the records each variant already has (optional: older emitters omit it)
  | { type: 'planned'; runId: string; total: number; alreadyDone: number; perVariant: Record<string, number>; variants: string[]; alreadyDonePerVariant?: Record<string, number> }
  | { type: 'started'; runId: string; caseId: string; variantId: string; sample: number }
  | { type: 'record'; runId: string; record: RunRecord; cached: boolean }
  | { type: 'retried'; runId: string; caseId: string; variantId: string; sample: number; attempt: number; delayMs: number; reason: ErrorKind; message: string }
  | { type: 'finished'; runId: string; status: 'finished' | 'interrupted'; done: number; errors: number; total: number }
  | { type: 'failed'; runId: string; message: string };
