import type { LanePace, RunEvent } from '../core/index.js';
import { paceShort } from '../cost/pace.js';
import { duration } from '../util/format.js';

/** Something that shows a run's progress from its events. */
export interface ProgressView {
  onEvent(e: RunEvent): void;
  stop(): Promise<void>;
}

export interface ProgressState {
  runId: string;
  total: number;
  /** records present before this process started (a resume) */
  alreadyDone: number;
  /** records written by this process */
  doneNow: number;
  errors: number;
  retries: number;
  cached: number;
  startedAt: number;
  /** the provider lanes' pace (the runner's `pace` events), shown when a limit binds */
  pace?: LanePace[];
}

export const initialState = (now: number): ProgressState => ({ runId: '', total: 0, alreadyDone: 0, doneNow: 0, errors: 0, retries: 0, cached: 0, startedAt: now });

/** Folds one event into the state (mutates it: events arrive thousands per second). */
export function applyEvent(s: ProgressState, e: RunEvent, now: number): void {
  if (e.type === 'planned') {
    Object.assign(s, { runId: e.runId, total: e.total, alreadyDone: e.alreadyDone, startedAt: now });
    s.errors = 0; // re-counted below from this process's records only
  } else if (e.type === 'record') {
    s.doneNow++;
    if (e.record.completion.error) s.errors++;
    if (e.cached) s.cached++;
  } else if (e.type === 'retried') {
    s.retries++;
  } else if (e.type === 'pace') {
    s.pace = e.lanes;
  }
}

/** An ETA as the live screen prints durations (`1m15s`, `3h02m`); `?` while it cannot be known. */
export function formatDuration(sec: number): string {
  return Number.isFinite(sec) && sec >= 0 ? duration(sec) : '?';
}

/** done/total, rate, retries, errors and ETA as plain text. Pure. */
export function progressFigures(s: ProgressState, now: number): string {
  const done = s.alreadyDone + s.doneNow;
  const elapsed = Math.max(0.001, (now - s.startedAt) / 1000);
  const rate = s.doneNow / elapsed;
  const pct = s.total ? Math.floor((100 * done) / s.total) : 100;
  const eta = rate > 0 ? formatDuration((s.total - done) / rate) : '?';
  const cached = s.cached ? `  cached ${s.cached}` : '';
  // a lane's pace is worth a place on the line once some limit (not the provider's speed) binds it
  const pace = (s.pace ?? []).filter((p) => p.boundBy !== 'none' || p.limits.rpm || p.limits.tpm).map((p) => `  ${paceShort(p)}`).join('');
  return `${done}/${s.total} (${pct}%)  ${rate.toFixed(1)}/s  retries ${s.retries}  errors ${s.errors}${cached}  ETA ${done >= s.total ? '0s' : eta}${pace}`;
}

/** A bar of `width` cells. Pure. */
export function bar(done: number, total: number, width: number): string {
  const filled = total ? Math.min(width, Math.round((width * done) / total)) : width;
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

/**
 * The plain progress view: a one-line bar redrawn in place on a TTY, or a line every `intervalMs`
 * otherwise (logs and CI). Used when the live screen is off (--plain) or unavailable.
 */
export function createProgress(opts: { out: NodeJS.WritableStream; tty: boolean; intervalMs?: number; now?: () => number }): ProgressView {
  const now = opts.now ?? Date.now;
  const s = initialState(now());
  const interval = opts.intervalMs ?? (opts.tty ? 100 : 5000);
  let last = 0;
  const draw = (final: boolean) => {
    if (!s.runId) return;
    const figures = progressFigures(s, now());
    if (opts.tty) opts.out.write(`\r${bar(s.alreadyDone + s.doneNow, s.total, 24)} ${figures}\x1b[K${final ? '\n' : ''}`);
    else opts.out.write(`progress: ${figures}\n`);
  };
  return {
    onEvent(e) {
      applyEvent(s, e, now());
      if (e.type === 'planned') {
        const resumed = e.alreadyDone ? `, ${e.alreadyDone} already done` : '';
        opts.out.write(`run ${e.runId}: ${e.total} answers planned (${e.variants.join(', ')})${resumed}\n`);
        last = now();
        return;
      }
      if (e.type === 'finished' || e.type === 'failed') return;
      if (e.type === 'batch') {
        // a batch changes state rarely and may take hours: each change gets its own line
        const answered = e.succeeded !== undefined ? `, ${e.succeeded} answered` : '';
        opts.out.write(`${opts.tty ? '\r\x1b[K' : ''}batch ${e.variantId} ${e.batchId}: ${e.providerStatus} (${e.requests} requests${answered})\n`);
        return;
      }
      const t = now();
      if (t - last >= interval) {
        last = t;
        draw(false);
      }
    },
    async stop() {
      draw(true);
    },
  };
}
