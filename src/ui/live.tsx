import { render } from 'ink';
import { useSyncExternalStore } from 'react';
import type { Manifest, RunEvent } from '../core/index.js';
import { buildMatrix } from '../report/matrix.js';
import { TaxAccumulator } from '../stats/index.js';
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

  constructor(opts: LiveScreenOptions) {
    this.state = initLiveState(opts, Date.now());
    if (opts.manifest) this.acc = new TaxAccumulator({ manifest: opts.manifest });
    this.snap = { state: this.state, now: Date.now(), finished: [] };
  }

  onEvent(e: RunEvent): void {
    this.state = applyRunEvent(this.state, e, Date.now());
    if (e.type === 'record' && this.acc) {
      this.acc.add(e.record);
      this.dirtyTax = true;
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
    this.snap = { state: this.state, now, finished, tax };
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
  const { columns } = useTerminalSize();
  return <LiveScreen snap={snap} width={Math.max(40, columns - 1)} />;
}

/** The live screen `atax run` shows on a TTY: progress per variant and the running tax per domain. */
export function startLiveScreen(opts: LiveScreenOptions): { onEvent(e: RunEvent): void; stop(): Promise<void> } {
  const store = new LiveStore(opts);
  const theme = { color: colorEnabled(opts.stdout, opts.env) };
  const app = render(
    <ThemeContext.Provider value={theme}>
      <LiveApp store={store} />
    </ThemeContext.Provider>,
    { stdout: opts.stdout, exitOnCtrlC: false, patchConsole: false },
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
      app.unmount();
      await app.waitUntilExit();
    },
  };
}
