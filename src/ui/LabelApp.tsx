import { useApp, useInput } from 'ink';
import { useMemo, useRef, useState } from 'react';
import { recordKey } from '../store/index.js';
import { screenWidth } from './hooks/useView.js';
import { useTerminalSize, type Size } from './hooks/useTerminalSize.js';
import { toKeyPresses } from './keys.js';
import type { LabelData } from './label-data.js';
import { layoutLabelItem } from './label-layout.js';
import { initLabelSession, labelProgress, reduceLabelKey, skippedCount, type LabelSession } from './label-session.js';
import { LABEL_CHROME, LabelScreen } from './screens/LabelScreen.js';
import { useTheme } from './theme.js';

export interface LabelAppProps {
  data: LabelData;
  /** --reviewer, else ATAX_REVIEWER or USER (the CLI decides) */
  reviewer?: string;
  /** fixed size (tests); otherwise the terminal's, following resizes */
  size?: Partial<Size>;
  /** the clock labels are stamped with (tests pin it) */
  now?: () => string;
}

/**
 * The `atax label` app. Each key goes through the session reducer; a label it returns is appended
 * to labels.jsonl (flushed to disk) before the screen moves on, so quitting or killing the process
 * at any moment keeps every label already keyed. A failed write keeps the answer on screen and
 * says why.
 */
export function LabelApp({ data, reviewer, size: fixed, now = () => new Date().toISOString() }: LabelAppProps) {
  const { exit } = useApp();
  const theme = useTheme();
  const size = useTerminalSize(fixed);
  const width = screenWidth(size.columns);
  const pageLines = Math.max(1, size.rows - 1 - LABEL_CHROME);
  const [session, setSession] = useState<LabelSession>(() => initLabelSession(data.sample, data.labels));
  const [error, setError] = useState<string>();
  const layout = (s: LabelSession) => {
    const item = s.items[s.at];
    if (!item) return undefined;
    return layoutLabelItem({ caseId: item.caseId, prompt: data.prompts.get(item.caseId), record: data.records.get(recordKey(item)), width, markSpans: !theme.color });
  };
  const lines = useMemo(() => layout(session), [session.at, session.items, width, theme.color]);
  // keys can arrive faster than renders: reduce against the latest state, not the rendered one
  const ref = useRef(session);
  ref.current = session;
  useInput((input, key) => {
    let next = ref.current;
    for (const k of toKeyPresses(input, key)) {
      const step = reduceLabelKey(next, k, { reviewer, now, lines: layout(next)?.length ?? 0, pageLines });
      if (step === 'quit') return exit();
      if (step.append.length) {
        try {
          data.save(step.append);
        } catch (err) {
          setError(`not saved: ${err instanceof Error ? err.message : String(err)}`);
          break;
        }
        setError(undefined);
      }
      next = step.session;
    }
    ref.current = next;
    setSession(next);
  });
  const item = session.items[session.at];
  return (
    <LabelScreen runId={data.runId} simulated={data.manifest.simulated} reviewer={reviewer}
      position={session.at + 1} total={session.items.length} progress={labelProgress(session)}
      currentLabel={item ? session.current[session.at]?.label : undefined} note={error ?? session.note} error={error !== undefined}
      lines={lines} scroll={session.scroll} skipped={skippedCount(session)} width={width} height={size.rows - 1} />
  );
}
