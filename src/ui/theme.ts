import { createContext, useContext } from 'react';
import type { Direction } from '../report/matrix.js';
import type { Outcome } from '../core/index.js';

/**
 * Colour is decided once, at the edge: off when NO_COLOR is set (any non-empty value, per
 * no-color.org) or when the output is not a terminal. Components ask the theme for a colour and get
 * undefined when colour is off, so no escape codes are written.
 */
export function colorEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return Boolean(stream.isTTY);
}

export interface Theme {
  color: boolean;
}
export const ThemeContext = createContext<Theme>({ color: false });
export const useTheme = () => useContext(ThemeContext);

const DIRECTION_COLOR: Record<Direction, string | undefined> = { better: 'green', worse: 'red', same: undefined, none: undefined };
const OUTCOME_COLOR: Record<Outcome, string> = { complied: 'green', hedged: 'yellow', partial: 'magenta', refused: 'red', error: 'gray' };

export function directionColor(t: Theme, d: Direction): string | undefined {
  return t.color ? DIRECTION_COLOR[d] : undefined;
}
export function outcomeColor(t: Theme, o: Outcome): string | undefined {
  return t.color ? OUTCOME_COLOR[o] : undefined;
}
export function accent(t: Theme): string | undefined {
  return t.color ? 'cyan' : undefined;
}
