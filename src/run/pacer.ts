// How long the next request of one provider must wait so that it stays inside every requests- and
// tokens-per-minute budget it knows of: the ones configured (`rpm`, `tpm`) and the ones the server
// reports in its headers. Pure bookkeeping over the clock it is given; the queue does the waiting.
import type { RateBudget, RateLimitSnapshot } from '../../providers/ratelimit.js';

/** Which budget holds the pace back (shown on the live screen and progress line). */
export type PaceBound = 'rpm' | 'tpm' | 'server rpm' | 'server tpm' | 'retry-after';

/**
 * A token bucket that refills continuously at `rate` per ms up to `cap` (the model of the server's
 * own limiter). A request may start when `level ≥ cost`, or, if its cost exceeds the cap, when the
 * bucket is full; it may then go into debt, which later requests wait out.
 */
export interface Bucket {
  rate: number;
  cap: number;
  level: number;
  at: number;
}

export function newBucket(perMinute: number, capacity: number, now: number): Bucket {
  return { rate: perMinute / 60_000, cap: capacity, level: capacity, at: now };
}

export function levelAt(b: Bucket, now: number): number {
  return Math.min(b.cap, b.level + b.rate * Math.max(0, now - b.at));
}

/** ms until a request costing `cost` may start (0 = now). */
export function waitFor(b: Bucket, cost: number, now: number): number {
  const need = Math.min(cost, b.cap);
  const level = levelAt(b, now);
  return level >= need ? 0 : Math.ceil((need - level) / b.rate);
}

export function take(b: Bucket, cost: number, now: number): void {
  b.level = levelAt(b, now) - cost;
  b.at = now;
}

/** What the pacer knows of one request it let start: its order and its estimated token cost. */
export interface Ticket {
  seq: number;
  /** when it started (ms, the pacer's clock) */
  at: number;
  tokens: number;
  /** tokens let through before this one */
  tokensBefore: number;
}

export interface PacerLimits {
  rpm?: number;
  tpm?: number;
}

/**
 * Configured budgets allow one second of burst (as the old fixed-window limiter did); server budgets
 * are modelled as the server describes them, bursting into whatever `remaining` it reports.
 */
export class Pacer {
  private readonly buckets: Partial<Record<PaceBound, Bucket>> = {};
  private blockedUntil = 0;
  private seq = 0;
  private tokens = 0;
  private lastSyncSeq = -1;
  bound: PaceBound | undefined;

  constructor(limits: PacerLimits, now: number) {
    if (limits.rpm) this.buckets.rpm = newBucket(limits.rpm, Math.max(1, limits.rpm / 60), now);
    if (limits.tpm) this.buckets.tpm = newBucket(limits.tpm, Math.max(1, limits.tpm / 60), now);
  }

  /** the seq of the last request let through (-1 before the first) */
  get lastSeq(): number {
    return this.seq - 1;
  }

  /** True when a token budget applies: the caller must then estimate each request's tokens. */
  get countsTokens(): boolean {
    return Boolean(this.buckets.tpm || this.buckets['server tpm']);
  }

  /** The configured or reported per-minute limits now in force (the strictest of each kind). */
  limits(): { rpm?: number; tpm?: number } {
    const perMinute = (b?: Bucket) => (b ? Math.round(b.rate * 60_000) : undefined);
    const min = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.min(a, b));
    return { rpm: min(perMinute(this.buckets.rpm), perMinute(this.buckets['server rpm'])), tpm: min(perMinute(this.buckets.tpm), perMinute(this.buckets['server tpm'])) };
  }

  /** ms until a request of `tokens` may start, and records which budget is the bound. */
  delay(tokens: number, now: number): number {
    let wait = Math.max(0, this.blockedUntil - now);
    let bound: PaceBound | undefined = wait > 0 ? 'retry-after' : undefined;
    for (const [name, b] of Object.entries(this.buckets) as Array<[PaceBound, Bucket]>) {
      const w = waitFor(b, name.endsWith('tpm') ? tokens : 1, now);
      if (w > wait) { wait = w; bound = name; }
    }
    if (wait > 0) this.bound = bound;
    return wait;
  }

  /** Lets one request start now: charges every budget. */
  start(tokens: number, now: number): Ticket {
    for (const [name, b] of Object.entries(this.buckets) as Array<[PaceBound, Bucket]>) take(b, name.endsWith('tpm') ? tokens : 1, now);
    const ticket = { seq: this.seq++, at: now, tokens, tokensBefore: this.tokens };
    this.tokens += tokens;
    return ticket;
  }

  /**
   * What the server said in the answer to `ticket`. Its `remaining` counted that request but maybe
   * not the ones started after it, so those are taken off again. It was true at some moment
   * between sending the request and reading the answer, so what is left now lies between
   * `remaining` (no refill since) and `remaining` plus the refill since the request was sent: the
   * local model is kept within those bounds. Within them it is trusted (it refills continuously;
   * a model answers after seconds, and resetting to the low bound would throw that refill away);
   * outside them the server is (another client spends the same budget, or the estimates are off).
   * Older answers than one already read are ignored.
   */
  observe(ticket: Ticket, s: RateLimitSnapshot, now: number): void {
    if (s.retryAfterMs !== undefined) this.blockedUntil = Math.max(this.blockedUntil, now + s.retryAfterMs);
    if (ticket.seq <= this.lastSyncSeq) return;
    this.lastSyncSeq = ticket.seq;
    const startedSince = this.seq - ticket.seq - 1;
    const tokensSince = this.tokens - ticket.tokensBefore - ticket.tokens;
    const age = Math.max(0, now - ticket.at);
    if (s.requests) this.sync('server rpm', s.requests, startedSince, age, now);
    if (s.tokens) this.sync('server tpm', s.tokens, tokensSince, age, now);
  }

  /** A 429 without headers to go by: pause for the Retry-After the server gave, if any. */
  block(ms: number, now: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, now + ms);
  }

  /**
   * The bucket's size is what was left plus the refill until it is full again (`reset`): the whole
   * minute's limit for OpenAI and Anthropic, less for servers that enforce it over shorter windows.
   */
  private sync(name: PaceBound, budget: RateBudget, spentSince: number, ageMs: number, now: number): void {
    const { limit } = budget;
    if (!(limit > 0)) return;
    const rate = limit / 60_000;
    const cap = budget.resetMs === undefined ? limit : Math.max(1, Math.min(limit, budget.remaining + rate * budget.resetMs));
    const low = Math.min(cap, budget.remaining - spentSince);
    const high = Math.min(cap, budget.remaining - spentSince + rate * ageMs);
    const b = this.buckets[name];
    if (!b || Math.round(b.rate * 60_000) !== limit) {
      this.buckets[name] = { ...newBucket(limit, cap, now), level: low };
      return;
    }
    b.cap = cap;
    b.level = Math.min(high, Math.max(low, levelAt(b, now)));
    b.at = now;
  }
}
