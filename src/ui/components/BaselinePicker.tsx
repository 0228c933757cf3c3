import { Box, Text } from 'ink';
import { fit } from '../../util/text-width.js';

/** Choosing another baseline; the report is recomputed against it when picked. */
export function BaselinePicker({ variants, pick, baseline, width }: { variants: string[]; pick: number; baseline: string; width: number }) {
  return (
    <Box flexDirection="column">
      <Text bold>{fit('Pick the baseline every other variant is measured against', width)}</Text>
      <Text> </Text>
      {variants.map((v, i) => (
        <Text key={v} inverse={i === pick}>{fit(`${i === pick ? '▸' : ' '} ${v}${v === baseline ? '  (current)' : ''}`, width)}</Text>
      ))}
      <Text> </Text>
      <Text>{fit('↑↓ choose · Enter recompute with it · Esc cancel', width)}</Text>
    </Box>
  );
}
