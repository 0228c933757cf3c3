/**
 * How much false-alarm risk one night may spend. A nightly runs 365 times a year: at α = 0.05 a
 * night, a model that never changes would still fail about 18 nights a year per variant. The budget
 * is spent evenly: α_night = budget / 365, so by linearity of expectation the expected number of
 * false alarms per variant per year is at most the budget, however the nights depend on each
 * other (they share a baseline), and the chance of any false alarm in a year is at most the same.
 */
export const NIGHTS_PER_YEAR = 365;
export const DEFAULT_FALSE_ALARMS_PER_YEAR = 1;

export interface NightlyLevel {
  /** the level each variant's Holm family is held at tonight */
  alpha: number;
  /** what it spends, in expected false alarms per variant per year */
  falseAlarmsPerYear: number;
  /** how it was chosen, for the output */
  from: 'budget' | 'alpha';
}

/**
 * `--false-alarms-per-year N` (default 1) or an explicit `--alpha` per night; both at once is a
 * usage error the caller reports.
 */
export function nightlyLevel(o: { alpha?: number; falseAlarmsPerYear?: number }): NightlyLevel | { conflict: string } {
  if (o.alpha !== undefined && o.falseAlarmsPerYear !== undefined) {
    return { conflict: '--alpha and --false-alarms-per-year both set the level of a night: give one' };
  }
  if (o.alpha !== undefined) return { alpha: o.alpha, falseAlarmsPerYear: o.alpha * NIGHTS_PER_YEAR, from: 'alpha' };
  const budget = o.falseAlarmsPerYear ?? DEFAULT_FALSE_ALARMS_PER_YEAR;
  return { alpha: budget / NIGHTS_PER_YEAR, falseAlarmsPerYear: budget, from: 'budget' };
}

export function describeLevel(l: NightlyLevel): string {
  const a = l.alpha < 0.001 ? l.alpha.toExponential(2) : +l.alpha.toPrecision(3);
  return l.from === 'budget'
    ? `alpha per night ${a} per variant (budget ${+l.falseAlarmsPerYear.toPrecision(3)} false alarm${l.falseAlarmsPerYear === 1 ? '' : 's'} per variant per year)`
    : `alpha per night ${a} per variant (--alpha: up to ${+l.falseAlarmsPerYear.toPrecision(3)} false alarms per variant per year)`;
}
