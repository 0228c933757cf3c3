import { Text } from 'ink';
import { accent, useTheme } from '../theme.js';

/** A progress bar of `width` cells; without colour it is still readable (█ done, ░ left). */
export function Bar({ done, total, width }: { done: number; total: number; width: number }) {
  const theme = useTheme();
  const w = Math.max(0, width);
  const filled = total > 0 ? Math.min(w, Math.round((done / total) * w)) : 0;
  return (
    <Text>
      <Text color={accent(theme)}>{'█'.repeat(filled)}</Text>
      <Text dimColor={theme.color}>{'░'.repeat(w - filled)}</Text>
    </Text>
  );
}
