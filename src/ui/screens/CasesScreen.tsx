import { Box, Text } from 'ink';
import type { Outcome } from '../../core/index.js';
import type { CaseView } from '../../report/cases.js';
import { METRIC_LABEL, type Metric } from '../../report/matrix.js';
import type { PromptInfo } from '../data.js';
import type { CaseFilterState } from '../nav.js';
import { sanitizeLine } from '../../util/sanitize.js';
import type { CasesColumns } from '../cases-columns.js';
import { fit } from '../../util/text-width.js';
import { simulatedTag } from '../words.js';
import { accent, outcomeColor, useTheme } from '../theme.js';

export interface CasesScreenProps {
  list: CaseView[];
  index: number;
  domain: string;
  focus: string;
  baseline: string;
  variants: string[];
  metric: Metric;
  filter: CaseFilterState;
  searching: boolean;
  prompts: Map<string, PromptInfo>;
  width: number;
  height: number;
  status: string;
  simulated?: boolean;
  /** column widths, from casesColumns */
  columns: CasesColumns;
}

const SHORT: Record<Outcome, string> = { complied: 'C', hedged: 'H', partial: 'P', refused: 'R', error: 'E' };
const LETTERS_LEGEND = 'prompt (C complied H hedged P partial R refused E error; ? keys)';

/** The window of `height` rows that keeps `index` visible. */
function windowStart(index: number, count: number, height: number): number {
  return Math.max(0, Math.min(index - Math.floor(height / 2), count - height));
}

export function CasesScreen(p: CasesScreenProps) {
  const theme = useTheme();
  const { id: idWidth, outcome: outWidth, full, prompt: promptWidth } = p.columns;
  const height = Math.max(1, p.height);
  const start = windowStart(p.index, p.list.length, height);
  const rows = p.list.slice(start, start + height);
  const f = p.filter;
  const filters = `outcome of ${p.focus}: ${f.outcome ?? 'any'} · kind: ${f.kind ?? 'any'} · tag: ${f.tag ?? 'any'} · ${p.searching ? `search: ${f.query}▏` : f.query ? `search: ${f.query}` : '/ search'} · ? keys`;
  const title = `${simulatedTag(p.simulated)}Cases · ${p.domain} × ${p.focus} vs ${p.baseline} · ${METRIC_LABEL[p.metric]} · ${p.list.length}, most different first`;
  return (
    <Box flexDirection="column">
      <Text bold>{fit(title, p.width)}</Text>
      <Text color={accent(theme)}>{fit(filters, p.width)}</Text>
      <Text dimColor={theme.color}>
        {fit('case', idWidth)} {fit('dis', 4)}{' '}
        {p.variants.map((v) => <Text key={v} bold={v === p.focus} underline={v === p.focus}>{fit(v, outWidth - 1)} </Text>)}
        {/* one line, never wrapped: where the letters' legend does not fit, `?` lists it */}
        {fit(full ? 'prompt' : LETTERS_LEGEND, promptWidth)}
      </Text>
      {p.status ? <Text>{fit(p.status, p.width)}</Text> : null}
      {rows.map((c, i) => {
        const selected = start + i === p.index;
        const prompt = sanitizeLine(p.prompts.get(c.caseId)?.text ?? '');
        return (
          <Text key={c.caseId} inverse={selected}>
            {fit(c.caseId, idWidth)} {fit(`${Math.round(c.disagreement * 100)}%`, 4, 'right')}{' '}
            {p.variants.map((v) => {
              const o = c.outcome[v];
              const label = o ? (full ? o : SHORT[o]) : '·';
              return <Text key={v} color={o ? outcomeColor(theme, o) : undefined} bold={v === p.focus}>{fit(label, outWidth - 1)} </Text>;
            })}
            {fit(prompt || '(prompt unavailable)', promptWidth)}
          </Text>
        );
      })}
      {p.list.length === 0 && !p.status ? <Text>{fit('no cases match these filters (c clears them)', p.width)}</Text> : null}
    </Box>
  );
}
