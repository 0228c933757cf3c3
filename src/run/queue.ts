import PQueue from 'p-queue';

export interface QueueLimits {
  concurrency: number;
  /** requests per minute; undefined = unlimited */
  rpm?: number;
}

/**
 * p-queue's rate limit counts task starts per `interval`. Spread rpm over the minute instead of
 * allowing the whole minute's budget as one burst: `cap` starts every `interval` ms, with
 * cap / interval == rpm / 60 000 exactly.
 */
export function rateWindow(rpm: number): { interval: number; intervalCap: number } {
  const intervalCap = Math.max(1, Math.floor(rpm / 60));
  return { intervalCap, interval: Math.round((60_000 * intervalCap) / rpm) };
}

/** What the runner needs of a queue (p-queue's add, clear and concurrency). */
export interface TaskQueue {
  readonly concurrency: number;
  add<T>(task: () => Promise<T> | T, opts?: { priority?: number }): Promise<T>;
  /** drops waiting tasks; their promises never settle (enqueue's `stop` settles them) */
  clear(): void;
}

/** p-queue when a requests-per-minute limit applies; otherwise the lighter PriorityLimit. */
export function createQueue(limits: QueueLimits): TaskQueue {
  if (!limits.rpm) return new PriorityLimit(limits.concurrency);
  const queue = new PQueue({ concurrency: limits.concurrency, ...rateWindow(limits.rpm) });
  return {
    concurrency: limits.concurrency,
    add: <T>(task: () => Promise<T> | T, opts: { priority?: number } = {}) => queue.add(task, { priority: opts.priority ?? 0 }) as Promise<T>,
    clear: () => queue.clear(),
  };
}

/**
 * At most `concurrency` tasks at once, higher priority first, first come first served within a
 * priority: what p-queue does without a rate limit, without its per-task events and interval
 * bookkeeping (≈ 9 µs a task, which showed in profiles of 10,000-request runs).
 */
export class PriorityLimit implements TaskQueue {
  private running = 0;
  /** waiting starts by priority, highest priority first; few distinct priorities (attempt numbers) */
  private levels: Array<{ priority: number; starts: Array<() => void>; head: number }> = [];
  constructor(readonly concurrency: number) {}

  add<T>(task: () => Promise<T> | T, opts: { priority?: number } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        let out: Promise<T>;
        try {
          out = Promise.resolve(task());
        } catch (err) {
          out = Promise.reject(err);
        }
        out.then((v) => { this.done(); resolve(v); }, (e: unknown) => { this.done(); reject(e); });
      };
      if (this.running < this.concurrency && this.levels.length === 0) start();
      else this.wait(opts.priority ?? 0, start);
    });
  }

  clear(): void {
    this.levels = [];
  }

  private wait(priority: number, start: () => void): void {
    let i = 0;
    while (i < this.levels.length && this.levels[i].priority > priority) i++;
    if (this.levels[i]?.priority !== priority) this.levels.splice(i, 0, { priority, starts: [], head: 0 });
    this.levels[i].starts.push(start);
  }

  private done(): void {
    this.running--;
    while (this.running < this.concurrency && this.levels.length) {
      const level = this.levels[0];
      const start = level.starts[level.head];
      level.starts[level.head++] = undefined as unknown as () => void; // let the closure go
      if (level.head === level.starts.length) this.levels.shift();
      start();
    }
  }
}

/**
 * One queue per provider queueKey: variants that hit the same endpoint share its limits. Limits are
 * declared for every variant first (`declare`), then queues are built on first use (`get`). When two
 * variants of one key ask for different limits the strictest wins: the limit belongs to the
 * endpoint, not the variant.
 */
export class QueuePool {
  private readonly limitsByKey = new Map<string, QueueLimits>();
  private readonly queues = new Map<string, TaskQueue>();

  declare(key: string, limits: QueueLimits): void {
    const have = this.limitsByKey.get(key);
    if (!have) {
      this.limitsByKey.set(key, { ...limits });
      return;
    }
    have.concurrency = Math.min(have.concurrency, limits.concurrency);
    if (limits.rpm) have.rpm = have.rpm ? Math.min(have.rpm, limits.rpm) : limits.rpm;
  }

  get(key: string): TaskQueue {
    let queue = this.queues.get(key);
    if (!queue) {
      const limits = this.limitsByKey.get(key);
      if (!limits) throw new Error(`queue "${key}" used before its limits were declared`);
      queue = createQueue(limits);
      this.queues.set(key, queue);
    }
    return queue;
  }

  limits(key: string): QueueLimits | undefined {
    return this.limitsByKey.get(key);
  }

  /** Drop waiting tasks (on interrupt); running ones finish or are aborted by their signals. */
  clear(): void {
    for (const queue of this.queues.values()) queue.clear();
  }
}

/** The run was asked to stop before this task started: it is dropped, not recorded. */
export class StoppedError extends Error {
  constructor() {
    super('stopped before it started');
    this.name = 'StoppedError';
  }
}

/**
 * Callbacks to run when a signal aborts, behind one listener per signal: thousands of waiting
 * requests would otherwise each add and remove an EventTarget listener, which shows in profiles.
 */
const onAbortSets = new WeakMap<AbortSignal, Set<() => void>>();

export function whenAborted(signal: AbortSignal, fn: () => void): () => void {
  let set = onAbortSets.get(signal);
  if (!set) {
    const fresh = new Set<() => void>();
    onAbortSets.set(signal, fresh);
    signal.addEventListener('abort', () => {
      for (const f of [...fresh]) f();
      fresh.clear();
    }, { once: true });
    set = fresh;
  }
  set.add(fn);
  return () => set.delete(fn);
}

/**
 * queue.add that gives up on a task still waiting when `stop` fires (rejecting with StoppedError),
 * while a task already running carries on: Ctrl-C lets in-flight requests finish. p-queue's own
 * `signal` option would also reject running tasks, and its clear() leaves waiting promises unsettled.
 */
export function enqueue<T>(queue: TaskQueue, task: () => Promise<T>, opts: { stop?: AbortSignal; priority?: number } = {}): Promise<T> {
  const { stop } = opts;
  if (stop?.aborted) return Promise.reject(new StoppedError());
  if (!stop) return queue.add(task, { priority: opts.priority });
  return new Promise<T>((resolve, reject) => {
    let started = false;
    const forget = whenAborted(stop, () => {
      if (!started) reject(new StoppedError());
    });
    queue.add(() => {
      started = true;
      forget();
      if (stop.aborted) throw new StoppedError();
      return task();
    }, { priority: opts.priority }).then(resolve, reject);
  });
}
