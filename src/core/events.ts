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
  | { type: 'finished'; runId: string; status: 'finished' | 'finished-with-errors' | 'interrupted'; done: number; errors: number; total: number }
  | { type: 'failed'; runId: string; message: string }
  // every second while requests run: each provider lane's pace and the limit it is bound by
  | { type: 'pace'; runId: string; lanes: LanePace[] }
  // a provider batch of a `batch: true` variant changed state (submitted, in_progress, ended, …)
  | { type: 'batch'; runId: string; variantId: string; batchId: string; state: 'running' | 'ended' | 'expired' | 'cancelled' | 'failed'; providerStatus: string; requests: number; succeeded?: number };

/** One provider lane's pace (src/run/queue.ts measures it; the progress line and live screen show it). */
export interface LanePace {
  /** the provider's queue key (backend and base URL) */
  key: string;
  /** requests and tokens started per minute over the last 10 s */
  rpm: number;
  tpm: number;
  inFlight: number;
  inFlightLimit: number;
  /** the per-minute limits in force: configured (`rpm`, `tpm`) or reported by the server, the strictest of each */
  limits: { rpm?: number; tpm?: number };
  /** what holds the pace back: a budget, the in-flight limit, or nothing (the provider's own speed) */
  boundBy: 'rpm' | 'tpm' | 'server rpm' | 'server tpm' | 'retry-after' | 'in-flight' | 'none';
  /** answers that were 429 so far */
  rateLimited: number;
}
