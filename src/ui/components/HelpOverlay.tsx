import { Box, Text } from 'ink';
import stringWidth from 'string-width';
import { HELP, type ScreenName } from '../nav.js';
import { fit } from '../../util/text-width.js';

const TITLE: Record<ScreenName, string> = { matrix: 'Matrix', cases: 'Cases', case: 'Case' };

/** The keys of the screen underneath, always in step with the reducer's HELP table. */
export function HelpOverlay({ screen, width }: { screen: ScreenName; width: number }) {
  const keysWidth = Math.max(...HELP[screen].map(([k]) => stringWidth(k))) + 2;
  return (
    <Box flexDirection="column">
      <Text bold>{fit(`Keys on the ${TITLE[screen]} screen (any key closes)`, width)}</Text>
      <Text> </Text>
      {HELP[screen].map(([keys, what]) => (
        <Text key={keys}>
          <Text bold>{fit(keys, keysWidth)}</Text>
          {fit(what, width - keysWidth)}
        </Text>
      ))}
    </Box>
  );
}
