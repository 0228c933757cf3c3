import { Box, Text } from 'ink';
import type { CaseView } from '../../report/cases.js';
import type { Line, SegStyle } from '../case-layout.js';
import { fit } from '../../util/text-width.js';
import { simulatedTag } from '../words.js';
import { outcomeColor, useTheme, type Theme } from '../theme.js';

export interface CaseScreenProps {
  view: CaseView;
  position: string;
  lines: Line[];
  scroll: number;
  sample: number;
  samples: number;
  width: number;
  height: number;
  simulated?: boolean;
}

/** How a segment looks: colour when allowed; without colour, hedges and refusals keep text markers. */
function segmentProps(t: Theme, style: SegStyle): { color?: string; bold?: boolean; underline?: boolean; dimColor?: boolean } {
  switch (style) {
    case 'heading': return { bold: true };
    case 'dim': return { dimColor: t.color };
    case 'hedge': return { color: t.color ? 'yellow' : undefined, underline: true };
    case 'refusal': return { color: t.color ? 'red' : undefined, bold: true };
    case 'partial': return { color: t.color ? 'magenta' : undefined, bold: true };
    case 'pass': return { color: t.color ? 'green' : undefined };
    case 'fail': return { color: t.color ? 'red' : undefined };
    case 'plain': return {};
    default: return { color: outcomeColor(t, style), bold: true };
  }
}

/** One laid-out line with its styled segments: the Case and Label screens draw answers the same way. */
export function SegmentText({ line }: { line: Line }) {
  const theme = useTheme();
  return <Text>{line.length === 0 ? ' ' : line.map((s, j) => <Text key={j} {...segmentProps(theme, s.style)}>{s.text}</Text>)}</Text>;
}

export function CaseScreen(p: CaseScreenProps) {
  const theme = useTheme();
  const v = p.view;
  const body = p.lines.slice(p.scroll, p.scroll + p.height);
  const tags = v.tags.length ? ` · tags ${v.tags.join(', ')}` : '';
  const sample = p.samples > 1 ? ` · sample ${p.sample + 1}/${p.samples} (s)` : '';
  const last = Math.min(p.lines.length, p.scroll + p.height);
  const legend = theme.color ? 'hedge yellow, refusal red' : '‹hedge› «refusal»';
  return (
    <Box flexDirection="column">
      <Text bold>{fit(`${simulatedTag(p.simulated)}Case ${p.position} · ${v.caseId} · ${v.domain} · ${v.kind}${sample}${tags}`, p.width)}</Text>
      {body.map((line, i) => <SegmentText key={p.scroll + i} line={line} />)}
      {Array.from({ length: Math.max(0, p.height - body.length) }, (_, i) => <Text key={`pad${i}`}> </Text>)}
      <Text dimColor={theme.color}>{fit(`lines ${p.lines.length ? p.scroll + 1 : 0}–${last}/${p.lines.length} · ${legend} · ↑↓ scroll ←→ case Esc back ? help`, p.width)}</Text>
    </Box>
  );
}
