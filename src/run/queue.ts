import PQueue from 'p-queue';
import type { RateLimitSnapshot } from '../../providers/ratelimit.js';
import type { LanePace } from '../core/index.js';
import { Pacer, type Ticket } from './pacer.js';
import { sleep } from './retry.js';

export interface QueueLimits {
  /** the most requests in flight at once (AIMD lowers it after 429s and grows it back) */
  concurrency: number;
  /** requests per minute; undefined = unlimited */
  rpm?: number;
  /** tokens (input + output) per minute; undefined = unlimited */
  tpm?: number;
}

/** What the live screen and progress line show of one provider lane. */
export type PaceStatus = LanePace;

const PACE_WINDOW_MS = 10_000;

/**
 * A request's token estimate: a number, or a rough one (no tokenizer) for while no token budget is
 * known and the tokenizer's count once one is. Every start is charged, so when a server first
 * reports a token budget the requests already in flight are accounted for.
 */
export type Tokens = number | { rough: number; exact: () => Promise<number> };

/** The run was asked to stop before this task started: it is dropped, not recorded. */
export class StoppedError extends Error {
  constructor() {
    super('stopped before it started');
    this.name = 'StoppedError';
  }
}

/**
 * One provider's lane: a p-queue (priority: retries first; concurrency: the in-flight limit), a
 * pacer for requests and tokens per minute, and AIMD on the in-flight limit: halved on a 429
 * (once per round of requests), grown by one per round of successes back up to the configured one.
 */
export class ProviderQueue {
  private readonly queue: PQueue;
  private readonly pacer: Pacer;
  private readonly maxConcurrency: number;
  private window: number;
  /** the pacer's gate: one waiter at a time, in the order p-queue started them */
  private gate: Promise<unknown> = Promise.resolve();
  private lastCutSeq = -1;
  private readonly starts: Array<{ at: number; tokens: number; seq: number }> = [];
  private rateLimited = 0;
  /** tasks past the pacer, i.e. requests in flight (p-queue's `pending` also counts those pacing) */
  private running = 0;

  constructor(readonly key: string, limits: QueueLimits, private readonly now: () => number = Date.now) {
    this.maxConcurrency = limits.concurrency;
    this.window = limits.concurrency;
    this.queue = new PQueue({ concurrency: limits.concurrency });
    this.pacer = new Pacer({ rpm: limits.rpm, tpm: limits.tpm }, now());
  }

  get concurrency(): number {
    return this.queue.concurrency;
  }

  /** Whether requests must carry a token estimate (a tpm budget is configured or was reported). */
  get countsTokens(): boolean {
    return this.pacer.countsTokens;
  }

  /**
   * Runs `task` when a slot is free and the budgets allow, retries (higher priority) first. A task
   * still waiting when `stop` fires rejects with StoppedError; one already running carries on
   * (Ctrl-C lets in-flight requests finish). p-queue's own `signal` would reject running tasks too.
   */
  add<T>(task: (ticket: Ticket) => Promise<T>, opts: { priority?: number; stop?: AbortSignal; tokens?: Tokens } = {}): Promise<T> {
    const { stop } = opts;
    if (stop?.aborted) return Promise.reject(new StoppedError());
    return new Promise<T>((resolve, reject) => {
      let started = false;
      const onStop = () => { if (!started) reject(new StoppedError()); };
      stop?.addEventListener('abort', onStop, { once: true });
      this.queue.add(async () => {
        const ticket = await this.paced(opts.tokens, stop);
        started = true;
        stop?.removeEventListener('abort', onStop);
        this.running++;
        try {
          return await task(ticket);
        } finally {
          this.running--;
        }
      }, { priority: opts.priority ?? 0 }).then(resolve, (err: unknown) => {
        stop?.removeEventListener('abort', onStop);
        reject(err);
      });
    });
  }

  /**
   * Waits its turn at the gate, then until every budget allows the request's tokens, and takes them.
   * The tokenizer counts them only once a token budget applies (configured, or first reported by
   * the server, possibly after this request was queued).
   */
  private paced(estimate: Tokens | undefined, stop?: AbortSignal): Promise<Ticket> {
    const turn = this.gate.then(async () => {
      const tokens = estimate === undefined ? 0 : typeof estimate === 'number' ? estimate : this.pacer.countsTokens ? await estimate.exact() : estimate.rough;
      let waited = false;
      for (;;) {
        if (stop?.aborted) throw new StoppedError();
        const wait = this.pacer.delay(tokens, this.now());
        if (wait <= 0) break;
        waited = true;
        await sleep(wait, stop).catch(() => { throw new StoppedError(); });
      }
      if (!waited) this.pacer.bound = undefined;
      const at = this.now();
      const ticket = this.pacer.start(tokens, at);
      this.recordStart(at, tokens, ticket.seq);
      return ticket;
    });
    this.gate = turn.catch(() => undefined);
    return turn;
  }

  /** Rate-limit headers of the answer to `ticket`. */
  observe(ticket: Ticket, snapshot: RateLimitSnapshot): void {
    this.pacer.observe(ticket, snapshot, this.now());
  }

  /** How the attempt behind `ticket` ended: a 429 halves the in-flight limit, a success grows it. */
  settle(ticket: Ticket, outcome: { rateLimited: boolean; retryAfterMs?: number }): void {
    if (outcome.rateLimited) {
      this.rateLimited++;
      // refused: not part of the pace the provider allowed
      const i = this.starts.findIndex((s) => s.seq === ticket.seq);
      if (i >= 0) this.starts.splice(i, 1);
      if (outcome.retryAfterMs !== undefined) this.pacer.block(outcome.retryAfterMs, this.now());
      if (ticket.seq <= this.lastCutSeq) return; // started before the last cut: same congestion
      this.window = Math.max(1, this.window / 2);
      this.lastCutSeq = this.pacer.lastSeq; // the requests in flight now were sent under the old limit
    } else {
      this.window = Math.min(this.maxConcurrency, this.window + 1 / this.window);
    }
    const next = Math.max(1, Math.floor(this.window));
    if (next !== this.queue.concurrency) this.queue.concurrency = next;
  }

  /** Drops waiting tasks (on interrupt); their promises are settled by `stop` (StoppedError). */
  clear(): void {
    this.queue.clear();
  }

  pace(): PaceStatus {
    const now = this.now();
    this.trimStarts(now);
    const span = Math.min(PACE_WINDOW_MS, Math.max(1000, now - (this.starts[0]?.at ?? now)));
    const perMinute = (n: number) => Math.round((n * 60_000) / span);
    const waiting = this.queue.size > 0;
    const boundBy = this.pacer.bound ?? (waiting && this.running >= this.queue.concurrency ? 'in-flight' : 'none');
    return {
      key: this.key,
      rpm: perMinute(this.starts.length),
      tpm: perMinute(this.starts.reduce((n, s) => n + s.tokens, 0)),
      inFlight: this.running,
      inFlightLimit: this.queue.concurrency,
      limits: this.pacer.limits(),
      boundBy,
      rateLimited: this.rateLimited,
    };
  }

  private recordStart(at: number, tokens: number, seq: number): void {
    this.starts.push({ at, tokens, seq });
    if (this.starts.length > 4096) this.trimStarts(at);
  }

  private trimStarts(now: number): void {
    let i = 0;
    while (i < this.starts.length && this.starts[i].at < now - PACE_WINDOW_MS) i++;
    if (i) this.starts.splice(0, i);
  }
}

/**
 * One lane per provider queueKey: variants that hit the same endpoint share its limits. Limits are
 * declared for every variant first (`declare`), then lanes are built on first use (`get`). When two
 * variants of one key ask for different limits the strictest wins: the limit belongs to the
 * endpoint, not the variant.
 */
export class QueuePool {
  private readonly limitsByKey = new Map<string, QueueLimits>();
  private readonly queues = new Map<string, ProviderQueue>();

  declare(key: string, limits: QueueLimits): void {
    const have = this.limitsByKey.get(key);
    if (!have) {
      this.limitsByKey.set(key, { ...limits });
      return;
    }
    have.concurrency = Math.min(have.concurrency, limits.concurrency);
    const strictest = (a?: number, b?: number) => (a && b ? Math.min(a, b) : a ?? b);
    have.rpm = strictest(have.rpm, limits.rpm);
    have.tpm = strictest(have.tpm, limits.tpm);
    if (have.rpm === undefined) delete have.rpm;
    if (have.tpm === undefined) delete have.tpm;
  }

  get(key: string): ProviderQueue {
    let queue = this.queues.get(key);
    if (!queue) {
      const limits = this.limitsByKey.get(key);
      if (!limits) throw new Error(`queue "${key}" used before its limits were declared`);
      queue = new ProviderQueue(key, limits);
      this.queues.set(key, queue);
    }
    return queue;
  }

  limits(key: string): QueueLimits | undefined {
    return this.limitsByKey.get(key);
  }

  /** The pace of every lane in use. */
  pace(): PaceStatus[] {
    return [...this.queues.values()].map((q) => q.pace());
  }

  /** Drop waiting tasks (on interrupt); running ones finish or are aborted by their signals. */
  clear(): void {
    for (const queue of this.queues.values()) queue.clear();
  }
}
