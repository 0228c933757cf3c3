// Summary statistics for benchmark timings, on mathjs: the descriptive statistics the design names.
// mathjs takes 1–3 s to import, so it lives here and never in src/ (see src/stats/cluster.ts):
// a benchmark pays that once before it starts timing; the CLI would pay it on every command.
import { max, mean, median, min, quantileSeq, std } from 'mathjs';

/**
 * n, min, quartiles, max, mean and sample standard deviation of repeated measurements. Quartiles
 * are mathjs' default quantileSeq (linear interpolation between order statistics); sd is null for a
 * single measurement, where it says nothing.
 */
export function describe(xs) {
  if (!Array.isArray(xs) || xs.length === 0) throw new Error('describe: no measurements');
  const [q1, q3] = quantileSeq(xs, [0.25, 0.75]);
  return {
    n: xs.length, min: min(xs), q1, median: median(xs), q3, max: max(xs), mean: mean(xs),
    sd: xs.length > 1 ? std(xs) : null,
  };
}

/** `1.23 s (IQR 1.10–1.40, sd 0.05, n 5)` — the median first, since timings on a shared machine skew high. */
export function formatSummary(s, opts = {}) {
  const digits = opts.digits ?? 2;
  const unit = opts.unit ? ` ${opts.unit}` : '';
  const f = (x) => x.toFixed(digits);
  const spread = s.n > 1 ? ` (IQR ${f(s.q1)}–${f(s.q3)}, sd ${f(s.sd)}, n ${s.n})` : ' (n 1)';
  return `${f(s.median)}${unit}${spread}`;
}
