import { Box, Text, useApp, useInput } from 'ink';
import { useRef, useState } from 'react';
import type { Metric } from '../report/matrix.js';
import { BaselinePicker } from './components/BaselinePicker.js';
import { HelpOverlay } from './components/HelpOverlay.js';
import type { UiData } from './data.js';
import { useCases } from './hooks/useCases.js';
import { useReport } from './hooks/useReport.js';
import { useTerminalSize, type Size } from './hooks/useTerminalSize.js';
import { CHROME, screenWidth, useView } from './hooks/useView.js';
import { toKeyPresses } from './keys.js';
import { initNav, reduceKey, type NavState } from './nav.js';
import { CaseScreen } from './screens/CaseScreen.js';
import { CasesScreen } from './screens/CasesScreen.js';
import { MatrixScreen } from './screens/MatrixScreen.js';
import { fit } from '../util/text-width.js';
import { useTheme } from './theme.js';

export interface AppProps {
  data: UiData;
  /** fixed size (tests, benchmarks); otherwise the terminal's, following resizes */
  size?: Partial<Size>;
  metric?: Metric;
}

/** The `atax ui` app: state lives in NavState, data in hooks, drawing in screens. */
export function App({ data, size: fixed, metric }: AppProps) {
  const { exit } = useApp();
  const theme = useTheme();
  const size = useTerminalSize(fixed);
  const width = screenWidth(size.columns);
  const [nav, setNav] = useState<NavState>(() => initNav(data.manifest.baseline, metric));
  const rep = useReport(data, nav.baseline);
  const cs = useCases(data, nav.baseline, rep.report !== undefined);
  const view = useView(nav, rep.report, rep.previous, cs.cases, cs.prompts, size, theme.color);
  // keys can arrive faster than renders: reduce against the latest state, not the rendered one
  const navRef = useRef(nav);
  navRef.current = nav;
  const boundsRef = useRef(view.bounds);
  boundsRef.current = view.bounds;
  useInput((input, key) => {
    let next: NavState = navRef.current;
    for (const k of toKeyPresses(input, key)) {
      const r = reduceKey(next, k, boundsRef.current);
      if (r === 'quit') return exit();
      next = r;
    }
    navRef.current = next;
    setNav(next);
  });

  if (!view.matrix) {
    const msg = rep.status === 'error' ? `error: ${rep.message}` : `loading run ${data.runId}…`;
    return <Text>{fit(msg, width)}</Text>;
  }
  const busy = rep.status === 'loading' ? `recomputing against ${nav.baseline}…` : rep.status === 'error' ? `error: ${rep.message}` : undefined;
  if (nav.overlay === 'help') return <HelpOverlay screen={nav.screen} width={width} />;
  if (nav.overlay === 'baseline') return <BaselinePicker variants={view.bounds.variants} pick={nav.pick} baseline={nav.baseline} width={width} />;
  const bodyHeight = Math.max(1, size.rows - 1 - CHROME[nav.screen]);
  const simulated = data.manifest.simulated;
  if (nav.screen === 'matrix' || !view.domain || !view.variant) {
    return <MatrixScreen matrix={view.matrix} row={nav.row} col={nav.col} width={width} height={size.rows - 1} runId={data.runId} vsRunId={data.vsRunId} busy={busy} simulated={simulated} cost={rep.report?.cost} errors={rep.report?.errors} />;
  }
  const status = cs.status === 'error' ? `error reading cases: ${cs.message}` : cs.status !== 'ready' ? 'reading cases…' : '';
  if (nav.screen === 'cases' || !view.current) {
    return (
      <CasesScreen list={view.list} index={nav.index} domain={view.domain} focus={view.variant} baseline={nav.baseline}
        variants={view.bounds.variants} metric={nav.metric} filter={nav.filter} searching={nav.searching}
        prompts={cs.prompts} width={width} height={bodyHeight} status={status || busy || ''} simulated={simulated} columns={view.columns} />
    );
  }
  return (
    <Box flexDirection="column">
      <CaseScreen view={view.current} position={`${view.position + 1}/${view.list.length}`} lines={view.lines} scroll={nav.scroll}
        sample={nav.sample} samples={view.samples} width={width} height={bodyHeight} simulated={simulated} />
    </Box>
  );
}
