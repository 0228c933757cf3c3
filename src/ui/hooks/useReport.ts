import { useEffect, useState } from 'react';
import type { TaxReport } from '../../core/index.js';
import type { UiData } from '../data.js';

export type ReportState =
  | { status: 'loading'; report?: TaxReport; previous?: TaxReport }
  | { status: 'ready'; report: TaxReport; previous?: TaxReport }
  | { status: 'error'; message: string; report?: TaxReport; previous?: TaxReport };

/** The report against the chosen baseline; picking another baseline rebuilds it through src/stats. */
export function useReport(data: UiData, baseline: string): ReportState {
  const [state, setState] = useState<ReportState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    setState((s) => ({ status: 'loading', report: s.report, previous: s.previous }));
    data.report(baseline).then(
      ({ report, previous }) => live && setState({ status: 'ready', report, previous }),
      (err: unknown) => live && setState((s) => ({ status: 'error', message: err instanceof Error ? err.message : String(err), report: s.report, previous: s.previous })),
    );
    return () => {
      live = false;
    };
  }, [data, baseline]);
  return state;
}
