import './ink-env.js'; // before ink: see ink-env.ts
import { render, useStderr } from 'ink';
import { useEffect, useSyncExternalStore } from 'react';
import type { Manifest, RunEvent, RunRecord } from '../core/index.js';
import { buildMatrix } from '../report/matrix.js';
import { TaxAccumulator } from '../stats/index.js';
import { recordKey } from '../store/index.js';
import { applyRunEvent, initLiveState, isVariantDone, type LiveState } from './live-state.js';
import { LiveScreen, type LiveSnapshot } from './screens/LiveScreen.js';
import { ThemeContext, colorEnabled } from './theme.js';
import { useTerminalSize } from './hooks/useTerminalSize.js';

export interface LiveScreenOptions {
  runId: string;
  variants: string[];
  total: number;
  stdout: NodeJS.WriteStream;
  /** optional: with the run's manifest the screen also shows the running tax per domain */
  manifest?: Manifest;
  /** how often the screen (and the running tax) refreshes; default 250 ms (tax at most every 500 ms) */
  refreshMs?: number;
  env?: NodeJS.ProcessEnv;
  /**
   * optional: the run's records so far (e.g. `() => readRecords(root, runId)`); on a resume the
   * running tax starts from the earlier session's answers instead of this session's alone
   */
  earlierRecords?: () => AsyncIterable<RunRecord>;
  /** writes to this stream while the screen is up are printed above it (default process.stderr) */
  stderr?: NodeJS.WriteStream;
}

const TAX_EVERY_MS = 500;

/**
 * Holds the live state outside React: events fold in synchronously (hundreds a second), the
 * screen samples a snapshot on a timer, and the tax report is rebuilt at most twice a second.
 */
class LiveStore {
  private state: LiveState;
  private snap: LiveSnapshot;
  private listeners = new Set<() => void>();
  private acc?: TaxAccumulator;
  private dirtyTax = false;
  private lastTaxAt = 0;
  /** set once the screen is mounted: prints text above the live area */
  writeAbove?: (text: string) => void;
  private taxNote?: string;

  constructor(private readonly opts: LiveScreenOptions) {
    this.state = initLiveState(opts, Date.now());
    if (opts.manifest) this.acc = new TaxAccumulator({ manifest: opts.manifest });
    this.snap = { state: this.state, now: Date.now(), finished: [], simulated: opts.manifest?.simulated };
  }

  onEvent(e: RunEvent): void {
    this.state = applyRunEvent(this.state, e, Date.now());
    if (e.type === 'record' && this.acc) {
      this.acc.add(e.record);
      this.dirtyTax = true;
    }
    if (e.type === 'planned' && e.alreadyDone > 0) {
      if (this.opts.earlierRecords) void this.seedTax(e.alreadyDone);
      else if (this.acc) {
        // without the earlier answers the cases would not pair with the baseline's: no table beats a wrong one
        this.acc = undefined;
        this.taxNote = 'running tax: not shown on a resume (the report below covers the whole run)';
      }
    }
  }

  /**
   * Adds the earlier session's records to the running tax. They are the first `count` distinct
   * keys of records.jsonl (this session appends after them), so reading stops there instead of
   * racing the writer to the end of the file; the accumulator counts a key once in any case.
   */
  private async seedTax(count: number): Promise<void> {
    if (!this.acc || !this.opts.earlierRecords) return;
    this.dirtyTax = true;
    const seen = new Set<string>();
    try {
      for await (const r of this.opts.earlierRecords()) {
        if (seen.size >= count) break;
        const key = recordKey(r);
        if (seen.has(key)) continue;
        seen.add(key);
        this.acc.add(r);
      }
      this.dirtyTax = true;
    } catch {
      // an unreadable file costs only the seed: the tax then shows this session's answers
    }
  }

  /** Publishes a new snapshot; `force` rebuilds the tax regardless of the throttle (final frame). */
  refresh(force = false): void {
    const now = Date.now();
    let tax = this.snap.tax;
    if (this.acc && this.dirtyTax && (force || now - this.lastTaxAt >= TAX_EVERY_MS)) {
      try {
        tax = buildMatrix(this.acc.build(), 'tax');
      } catch {
        // too little data for a report yet: keep the previous table
      }
      this.dirtyTax = false;
      this.lastTaxAt = now;
    }
    const finished = [...this.snap.finished];
    for (const id of this.state.variants) {
      const p = this.state.progress[id];
      if (p && isVariantDone(p) && !finished.some((f) => f.id === id)) finished.push(p);
    }
    this.snap = { state: this.state, now, finished, tax, taxNote: this.taxNote, simulated: this.opts.manifest?.simulated };
    for (const l of this.listeners) l();
  }

  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getSnapshot = () => this.snap;
}

function LiveApp({ store }: { store: LiveStore }) {
  const snap = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const { columns, rows } = useTerminalSize();
  const { write } = useStderr();
  useEffect(() => {
    store.writeAbove = write;
  }, [store, write]);
  return <LiveScreen snap={snap} width={Math.max(40, columns - 1)} height={rows} />;
}

/**
 * While the screen is up, text written to stderr (the runner's "stopping…" note on Ctrl-C, a
 * warning) goes through Ink, which prints it above the live area and redraws below it; written
 * straight to the terminal it would land inside the live area and garble the next frames.
 * Returns the stream Ink itself should write to (the unpatched one) and the undo.
 */
function relayStderr(stderr: NodeJS.WriteStream, store: LiveStore): { direct: NodeJS.WriteStream; restore: () => void } {
  const original = stderr.write;
  const direct = Object.create(stderr) as NodeJS.WriteStream;
  direct.write = original.bind(stderr) as NodeJS.WriteStream['write'];
  stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const callback = rest.find((x): x is () => void => typeof x === 'function');
    if (!store.writeAbove) return direct.write(chunk, callback);
    store.writeAbove(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    callback?.();
    return true;
  }) as NodeJS.WriteStream['write'];
  return { direct, restore: () => void (stderr.write = original) };
}

/** The live screen `atax run` shows on a TTY: progress per variant and the running tax per domain. */
export function startLiveScreen(opts: LiveScreenOptions): { onEvent(e: RunEvent): void; stop(): Promise<void> } {
  const store = new LiveStore(opts);
  const theme = { color: colorEnabled(opts.stdout, opts.env) };
  const stderr = opts.stderr ?? process.stderr;
  // only when both are the terminal: a redirected stderr is a log file and needs no relaying
  const relay = opts.stdout.isTTY && stderr.isTTY ? relayStderr(stderr, store) : undefined;
  const app = render(
    <ThemeContext.Provider value={theme}>
      <LiveApp store={store} />
    </ThemeContext.Provider>,
    { stdout: opts.stdout, stderr: relay?.direct ?? stderr, exitOnCtrlC: false, patchConsole: false },
  );
  const timer = setInterval(() => store.refresh(), opts.refreshMs ?? 250);
  timer.unref();
  let stopped = false;
  return {
    onEvent: (e) => store.onEvent(e),
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      store.refresh(true);
      // let React commit the final snapshot before Ink writes its last frame
      await new Promise((r) => setTimeout(r, 20));
      try {
        app.unmount();
        // from here Ink drops stderr text: the relay writes straight to the terminal, below the last frame
        store.writeAbove = undefined;
        await app.waitUntilExit();
      } finally {
        relay?.restore();
      }
    },
  };
}
