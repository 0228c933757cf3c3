import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import type { Line } from '../case-layout.js';
import { fit } from '../../util/text-width.js';
import type { VariantProgress } from '../label-session.js';
import { accent, useTheme } from '../theme.js';
import { simulatedTag } from '../words.js';
import { SegmentText } from './CaseScreen.js';

export interface LabelScreenProps {
  runId: string;
  simulated?: boolean;
  reviewer?: string;
  /** 1-based position of the answer on screen in the sample, and the sample's size */
  position: number;
  total: number;
  progress: VariantProgress[];
  /** the label the answer on screen has now, if any */
  currentLabel?: string;
  /** what the last key did (or an error saving it) */
  note?: string;
  error?: boolean;
  /** the laid-out prompt and answer; undefined once every answer is labelled or skipped */
  lines?: Line[];
  scroll: number;
  skipped: number;
  width: number;
  height: number;
}

/** Title, progress, status, then the body, then the keys: lines of chrome around the body. */
export const LABEL_CHROME = 4;

const KEYS = 'c complied · h hedged · p partial · r refused · a answered · s skip · u undo · ↑↓ scroll · q quit';
/** the same keys for a terminal too narrow for KEYS */
const KEYS_SHORT = 'c/h/p/r/a complied/hedged/partial/refused/answered · s skip · u undo · q quit';

/** The key line that fits: every key is always named (a cut-off "q quit" would leave a reviewer stuck). */
export function labelKeysText(width: number, color: boolean): string {
  const legend = color ? '' : ' · ‹hedge› «refusal»';
  return [KEYS + legend, KEYS, KEYS_SHORT].find((t) => stringWidth(t) <= width) ?? KEYS_SHORT;
}

/** The `atax label` screen: one answer at a time, a key per label, progress per variant. */
export function LabelScreen(p: LabelScreenProps) {
  const theme = useTheme();
  const who = p.reviewer ? ` · reviewer ${p.reviewer}` : '';
  const title = `${simulatedTag(p.simulated)}Label · run ${p.runId}${who}`;
  const progress = p.progress.map((v) => `${v.variantId} ${v.labelled}/${v.total}`).join(' · ');
  const bodyHeight = Math.max(1, p.height - LABEL_CHROME);
  if (!p.lines) {
    const labelled = p.progress.reduce((n, v) => n + v.labelled, 0);
    const skipped = p.skipped ? ` ${p.skipped} skipped: they come back in the next \`atax label\` session.` : '';
    return (
      <Box flexDirection="column">
        <Text bold>{fit(title, p.width)}</Text>
        <Text color={accent(theme)}>{fit(`labelled ${progress}`, p.width)}</Text>
        <Text>{fit(p.note ?? '', p.width)}</Text>
        <Text>{fit(`Nothing left to label in this sample: ${labelled} of ${p.total} labelled.${skipped}`, p.width)}</Text>
        <Text dimColor={theme.color}>{fit('u undo the last label · q quit', p.width)}</Text>
      </Box>
    );
  }
  const body = p.lines.slice(p.scroll, p.scroll + bodyHeight);
  const more = p.lines.length > bodyHeight ? ` · lines ${p.scroll + 1}–${Math.min(p.lines.length, p.scroll + bodyHeight)}/${p.lines.length}` : '';
  const status = `answer ${p.position}/${p.total} · label: ${p.currentLabel ?? 'none yet'}${more}${p.note ? ` · ${p.note}` : ''}`;
  return (
    <Box flexDirection="column">
      <Text bold>{fit(title, p.width)}</Text>
      <Text color={accent(theme)}>{fit(`labelled ${progress}`, p.width)}</Text>
      <Text color={p.error && theme.color ? 'red' : undefined} bold={p.error}>{fit(status, p.width)}</Text>
      {body.map((line, i) => <SegmentText key={p.scroll + i} line={line} />)}
      {Array.from({ length: Math.max(0, bodyHeight - body.length) }, (_, i) => <Text key={`pad${i}`}> </Text>)}
      <Text dimColor={theme.color}>{fit(labelKeysText(p.width, theme.color), p.width)}</Text>
    </Box>
  );
}
