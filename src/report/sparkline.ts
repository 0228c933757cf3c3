/** Unicode block sparklines for `atax history`: one character per stored run. */
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * One bar per value, scaled between `min` and `max` (default: the series' own range). A missing
 * value (run without this variant or domain) is a space so the columns of all series line up.
 * A flat series draws mid-height bars rather than pretending to be at the floor.
 */
export function sparkline(values: Array<number | null>, range?: { min: number; max: number }): string {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return ' '.repeat(values.length);
  const min = range?.min ?? Math.min(...present);
  const max = range?.max ?? Math.max(...present);
  const span = max - min;
  return values
    .map((v) => {
      if (v === null || !Number.isFinite(v)) return ' ';
      if (span <= 0) return BLOCKS[3];
      const t = Math.min(1, Math.max(0, (v - min) / span));
      return BLOCKS[Math.round(t * (BLOCKS.length - 1))];
    })
    .join('');
}
