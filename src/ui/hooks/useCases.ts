import { useEffect, useMemo, useRef, useState } from 'react';
import { rebaseCases, type CaseView } from '../../report/cases.js';
import type { PromptInfo, UiData } from '../data.js';

export interface CasesState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  cases: CaseView[];
  prompts: Map<string, PromptInfo>;
  message?: string;
}

/**
 * The run's cases and prompts, read once `start` turns true (after the matrix is on screen, so a
 * large run opens fast) and re-scored when the baseline changes.
 */
export function useCases(data: UiData, baseline: string, start: boolean): CasesState {
  const [loaded, setLoaded] = useState<Omit<CasesState, 'cases'> & { raw: CaseView[] }>({ status: 'idle', raw: [], prompts: new Map() });
  const started = useRef(false);
  const mounted = useRef(true);
  useEffect(() => () => {
    mounted.current = false;
  }, []);
  useEffect(() => {
    if (!start || started.current) return;
    started.current = true;
    const live = () => mounted.current;
    setLoaded((s) => ({ ...s, status: 'loading' }));
    // wait for the matrix frame to be written (Ink draws at most every ~33 ms) before parsing records
    setTimeout(() => {
      Promise.all([data.cases(), data.prompts()]).then(
        ([raw, prompts]) => live() && setLoaded({ status: 'ready', raw, prompts }),
        (err: unknown) => live() && setLoaded({ status: 'error', raw: [], prompts: new Map(), message: err instanceof Error ? err.message : String(err) }),
      );
    }, 100);
  }, [data, start]);
  const cases = useMemo(
    () => (baseline === data.manifest.baseline ? loaded.raw : rebaseCases(loaded.raw, baseline)),
    [loaded.raw, baseline, data.manifest.baseline],
  );
  return { status: loaded.status, cases, prompts: loaded.prompts, message: loaded.message };
}
