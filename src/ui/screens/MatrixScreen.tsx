import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { METRIC_LABEL, METRICS, type Matrix } from '../../report/matrix.js';
import { cellDetail, cellLine, cellText, correctedLine, matrixFooter, mdeText, metricTitle } from '../matrix-text.js';
import { fit, truncate } from '../../util/text-width.js';
import { wrap } from '../case-layout.js';
import { simulatedTag } from '../words.js';
import { accent, directionColor, useTheme } from '../theme.js';
import type { CostBlock, ErrorCell } from '../../core/index.js';
import { errorCellLine, kindsLine } from '../../report/errors.js';
import { costLines, variantCostText } from '../../cost/text.js';

export interface MatrixScreenProps {
  matrix: Matrix;
  row: number;
  col: number;
  width: number;
  /** rows available: with too few for two lines per domain, cells shrink to one line */
  height?: number;
  runId: string;
  vsRunId?: string;
  busy?: string;
  /** the run answers with simulated models: said first in the title */
  simulated?: boolean;
  /** the report's tokens and dollars: the selected column's variant is shown (else the run's) */
  cost?: CostBlock;
  /** the report's error answers per variant × domain: the selected cell's (else its variant's) are shown */
  errors?: ErrorCell[];
}

/** Which of `count` columns (or rows) fit in `perScreen`, keeping the cursor's one in view, centred when it can. */
function visibleWindow(count: number, cursor: number, perScreen: number): number[] {
  const n = Math.max(1, Math.min(count, perScreen));
  const first = Math.max(0, Math.min(cursor - n + 1 + Math.floor((n - 1) / 2), count - n));
  return Array.from({ length: n }, (_, i) => first + i).filter((i) => i >= 0 && i < count);
}

// title, metrics, description, header, blank, detail (up to 2), MDE, keys; a cost line and a
// corrected-figures line when the report has them
const CHROME_LINES = 9;

/** The selected cell's error answers (else its variant's over the run), with their kinds: never hidden. */
function errorsOf(errors: ErrorCell[] | undefined, variant: string | undefined, domain: string | undefined): string | undefined {
  const e = errors?.find((x) => x.variant === variant && x.domain === domain) ?? errors?.find((x) => x.variant === variant && x.domain === 'all');
  return e ? `errors: ${errorCellLine(e)}: ${kindsLine(e)}` : undefined;
}

/** The selected cell's description, word-wrapped to at most two lines. */
function detailLines(text: string, width: number): string[] {
  const lines = wrap([{ text, style: 'plain' }], width).map((l) => l.map((s) => s.text).join(''));
  return lines.length <= 2 ? lines : [lines[0], truncate(lines.slice(1).join(' '), width)];
}

export function MatrixScreen({ matrix: m, row, col, width, height = 24, runId, vsRunId, busy, simulated, cost, errors }: MatrixScreenProps) {
  const theme = useTheme();
  const labelWidth = Math.min(16, Math.max(6, ...m.domains.map((d) => stringWidth(d)))) + 1;
  const perScreen = Math.max(1, Math.floor((width - labelWidth) / 15));
  const cols = visibleWindow(m.variants.length, col, perScreen);
  // corrected figures need room beside the classifier's: wider cells when the terminal has it
  const cellWidth = Math.min(m.calibration ? 36 : 26, Math.floor((width - labelWidth) / cols.length) - 1);
  const cell = m.cells[row]?.[col];
  // two lines per domain when they all fit; else one line each, and past that the rows scroll
  // with human labels, one more line says how many corrected the figures
  const corrected = correctedLine(m, cell);
  const errorLine = errorsOf(errors, m.variants[col], m.domains[row]);
  const chrome = CHROME_LINES + (cost ? 1 : 0) + (corrected === undefined ? 0 : 1) + (errorLine ? 1 : 0);
  const lineCount = chrome + 2 * m.domains.length <= height ? 2 : 1;
  const rows = visibleWindow(m.domains.length, row, lineCount === 2 ? m.domains.length : height - chrome);
  const mdeCell = cell && cell.mde !== null ? cell : m.cells[row]?.find((c) => c.mde !== null);
  const against = m.mode === 'runs' ? `change since run ${vsRunId}` : `baseline ${m.baseline}`;
  const more = cols.length < m.variants.length ? ` (${cols.length}/${m.variants.length} variants; ←→ to scroll)` : '';
  const rowsMore = rows.length < m.domains.length ? ` · rows ${rows[0] + 1}–${rows[rows.length - 1] + 1} of ${m.domains.length} (↑↓)` : '';
  return (
    <Box flexDirection="column">
      <Text bold>{fit(`${simulatedTag(simulated)}Matrix · run ${runId} · ${against}${busy ? ` · ${busy}` : ''}`, width)}</Text>
      <Text>
        {METRICS.map((k) => (
          <Text key={k} inverse={k === m.metric} color={k === m.metric ? accent(theme) : undefined}>{` ${METRIC_LABEL[k]} `}</Text>
        ))}
      </Text>
      <Text dimColor={theme.color}>{fit(metricTitle(m.metric) + rowsMore + more, width)}</Text>
      {corrected !== undefined ? <Text color={accent(theme)}>{fit(corrected, width)}</Text> : null}
      <Text bold>
        {fit('', labelWidth)}
        {cols.map((c) => <Text key={c}>{fit(m.variants[c] + (m.variants[c] === m.baseline ? ' (base)' : ''), cellWidth)} </Text>)}
      </Text>
      {rows.map((r) => (
        <Box key={m.domains[r]} flexDirection="column">
          {(lineCount === 2 ? [0, 1] : [0]).map((line) => (
            <Text key={line}>
              <Text bold={line === 0}>{fit(line === 0 ? m.domains[r] : '', labelWidth)}</Text>
              {cols.map((c) => {
                const cellValue = m.cells[r][c];
                const text = lineCount === 2 ? cellText(cellValue, m.metric, m.mode, cellWidth)[line] : cellLine(cellValue, m.metric, m.mode, cellWidth);
                const selected = r === row && c === col;
                return (
                  <Text key={c}>
                    <Text inverse={selected} bold={cellValue.delta?.significant} dimColor={line === 1 && !selected && theme.color}
                      color={directionColor(theme, cellValue.direction)}>{fit(text, cellWidth)}</Text>{' '}
                  </Text>
                );
              })}
            </Text>
          ))}
        </Box>
      ))}
      <Text> </Text>
      {cell ? detailLines(cellDetail(m, cell, vsRunId), width).map((l, i) => <Text key={`d${i}`}>{l}</Text>) : null}
      <Text dimColor={theme.color}>{fit(mdeText(m, mdeCell), width)}</Text>
      {cost ? <Text dimColor={theme.color}>{fit(costText(cost, m.variants[col]), width)}</Text> : null}
      {errorLine ? <Text color={theme.color ? 'red' : undefined}>{fit(errorLine, width)}</Text> : null}
      <Text dimColor={theme.color}>{fit(matrixFooter(width, theme.color), width)}</Text>
    </Box>
  );
}

/** The cost line: the selected variant's tokens and dollars, or the run's when it has none. */
function costText(cost: CostBlock, variant: string | undefined): string {
  const v = cost.variants.find((x) => x.variant === variant);
  return v ? `cost ${variantCostText(v)}` : `cost ${costLines(cost).at(-1)}`;
}
