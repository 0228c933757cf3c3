#!/usr/bin/env node
/**
 * Nightly gate simulation: how often `atax nightly` fails when nothing changed (A/A), and how often
 * it catches a real drift, using the project's own comparison code (compareRecords and
 * confirmRegressions from dist/, the functions `atax nightly` calls).
 *
 * World: 3 variants × 4 domains × 75 cases (60 tasks, 15 probes per domain). Each case has its own
 * rates, drawn once per world from Beta distributions: refusal of a task ~ Beta(0.5, 6), hedging
 * of an answered task ~ Beta(1, 5), a failed check ~ Beta(1, 8), refusal of a probe ~ Beta(6, 1).
 * A night draws K samples per case. Each scenario row is NIGHTS independent nights, each with its
 * own world and baseline run; the yearly rows keep one world and one baseline for 365 nights. A drift adds `d` to every task's refusal rate of one variant ("guarded") in every
 * domain, so over-refusal rises by about d.
 *
 *   npm run build && node bench/nightly-sim.mjs [--nights 2000] [--years 10] [--seed 7]
 *
 * Rows: per scenario, the share of nights with at least one false alarm for one variant
 * ("per variant", the promise: ≤ α), for any of the 3 variants ("per night"), and the power
 * (share of nights the drifted variant fails) where a drift is set.
 */
const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const dist = (p) => new URL(`../dist/src/${p}`, import.meta.url).href;
const { compareRecords } = await import(dist('gate/regression.js'));
const { confirmRegressions } = await import(dist('gate/nightly.js'));

const NIGHTS = arg('nights', 2000);
const YEARS = arg('years', 10);
const SEED = arg('seed', 7);

/** mulberry32: a small seeded PRNG, so every run gives the same table. */
function rng(seed) {
  return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}
const rand = rng(SEED);
const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
/** Marsaglia–Tsang gamma, shape boosted below 1. */
function gamma(a) {
  if (a < 1) return gamma(a + 1) * rand() ** (1 / a);
  const d = a - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x, v;
    do { x = normal(); v = 1 + c * x; } while (v <= 0);
    v = v ** 3;
    const u = rand();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
const beta = (a, b) => { const x = gamma(a); return x / (x + gamma(b)); };

const VARIANTS = ['base', 'guarded', 'strict'];
const DOMAINS = ['medical', 'legal', 'shell', 'finance'];
const TASKS = 60, PROBES = 15;

function world() {
  const cases = [];
  for (const variant of VARIANTS) for (const domain of DOMAINS) {
    for (let i = 0; i < TASKS; i++) cases.push({ variant, domain, id: `${domain}-t${i}`, kind: 'task', refuse: beta(0.5, 6), hedge: beta(1, 5), fail: beta(1, 8) });
    for (let i = 0; i < PROBES; i++) cases.push({ variant, domain, id: `${domain}-p${i}`, kind: 'probe', refuse: beta(6, 1) });
  }
  return cases;
}

/** K samples of every case (of `only` variants), as the runner records them. */
function night(cases, k, drift = 0, only) {
  const out = [];
  for (const c of cases) {
    if (only && !only.has(c.variant)) continue;
    const refuse = c.kind === 'task' && c.variant === 'guarded' ? Math.min(1, c.refuse + drift) : c.refuse;
    for (let s = 0; s < k; s++) {
      let outcome = rand() < refuse ? 'refused' : c.kind === 'task' && rand() < c.hedge ? 'hedged' : 'complied';
      const completed = c.kind === 'task' && outcome !== 'refused' && rand() >= c.fail;
      out.push({ runId: 'sim', caseId: c.id, variantId: c.variant, sample: s, domain: c.domain, kind: c.kind, completion: { text: '', latencyMs: 0 }, verdict: { outcome, hedges: 0, signals: [], by: 'rules', checks: [], completed } });
    }
  }
  return out;
}

/** One night's verdict: the variants that failed. */
function judge(base, cases, s) {
  const opts = { alpha: s.alpha, tolerance: s.tol };
  const tonight = night(cases, s.kNight, s.drift);
  let result = compareRecords(base, tonight, opts);
  if (s.confirm && result.regressions.length) {
    const flaggedVariants = new Set(result.regressions.map((t) => t.variant));
    const fresh = night(cases, s.kNight, s.drift, flaggedVariants);
    result = confirmRegressions(base, fresh, result.regressions, opts);
  }
  return new Set(result.regressions.map((t) => t.variant));
}

/** Independent nights, each with its own world and baseline: the per-night rates the gate promises. */
function scenario(s) {
  let anyAlarm = 0, falseVariantNights = 0, nullVariants = 0, caught = 0;
  for (let n = 0; n < NIGHTS; n++) {
    const cases = world();
    const failed = judge(night(cases, s.kBase), cases, s);
    for (const v of VARIANTS) {
      if (s.drift > 0 && v === 'guarded') { if (failed.has(v)) caught++; continue; }
      nullVariants++;
      if (failed.has(v)) falseVariantNights++;
    }
    if ([...failed].some((v) => !(s.drift > 0 && v === 'guarded'))) anyAlarm++;
  }
  return { perVariant: falseVariantNights / nullVariants, perNight: anyAlarm / NIGHTS, power: s.drift > 0 ? caught / NIGHTS : undefined, nights: NIGHTS };
}

/** A year of nights on one baseline at the budget's alpha: false alarms per variant per year. */
function years(s) {
  const counts = [];
  for (let y = 0; y < YEARS; y++) {
    const cases = world();
    const base = night(cases, s.kBase);
    const perVariant = Object.fromEntries(VARIANTS.map((v) => [v, 0]));
    for (let n = 0; n < 365; n++) for (const v of judge(base, cases, s)) perVariant[v]++;
    counts.push(...Object.values(perVariant));
  }
  return { mean: counts.reduce((a, b) => a + b, 0) / counts.length, max: Math.max(...counts), variantYears: counts.length };
}

const f = (x) => (x === undefined ? '' : (100 * x).toFixed(1) + '%');
const rows = [];
const BUDGET_ALPHA = 1 / 365;
const scenarios = [
  { name: 'A/A, K=1 vs K=1', kBase: 1, kNight: 1, tol: 0, alpha: 0.05 },
  { name: 'A/A, K=3 vs K=3', kBase: 3, kNight: 3, tol: 0, alpha: 0.05 },
  { name: 'A/A, baseline K=1 vs night K=2', kBase: 1, kNight: 2, tol: 0, alpha: 0.05 },
  { name: 'A/A, baseline K=1 vs night K=3', kBase: 1, kNight: 3, tol: 0, alpha: 0.05 },
  { name: 'A/A, K=1, --confirm', kBase: 1, kNight: 1, tol: 0, alpha: 0.05, confirm: true },
  { name: 'A/A, K=1 vs K=3, tolerance 0.02', kBase: 1, kNight: 3, tol: 0.02, alpha: 0.05 },
  { name: 'drift = tolerance (H0 boundary), K=3', kBase: 3, kNight: 3, tol: 0.02, alpha: 0.05, drift: 0.02 },
  { name: 'drift = 2× tolerance, K=1', kBase: 1, kNight: 1, tol: 0.02, alpha: 0.05, drift: 0.04 },
  { name: 'drift = 2× tolerance, K=3', kBase: 3, kNight: 3, tol: 0.02, alpha: 0.05, drift: 0.04 },
  { name: 'drift = 2× tolerance, K=3, budget 1/yr', kBase: 3, kNight: 3, tol: 0.02, alpha: BUDGET_ALPHA, drift: 0.04 },
  { name: 'drift = 0.10, K=3, budget 1/yr', kBase: 3, kNight: 3, tol: 0.02, alpha: BUDGET_ALPHA, drift: 0.10 },
  { name: 'tolerance 0.05, drift = 2× tolerance, K=3, budget 1/yr', kBase: 3, kNight: 3, tol: 0.05, alpha: BUDGET_ALPHA, drift: 0.10 },
  { name: 'drift = 2× tolerance, K=1 vs K=3, --confirm, budget 1/yr', kBase: 1, kNight: 3, tol: 0.02, alpha: BUDGET_ALPHA, drift: 0.04, confirm: true },
];
const t0 = Date.now();
for (const s of scenarios) {
  const r = scenario({ drift: 0, confirm: false, ...s });
  rows.push(`| ${s.name} | ${s.alpha === BUDGET_ALPHA ? '1/365' : s.alpha} | ${s.tol} | ${r.nights} | ${f(r.perVariant)} | ${f(r.perNight)} | ${f(r.power)} |`);
  process.stderr.write(`${s.name}: done (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
}
const yearly = years({ kBase: 1, kNight: 1, tol: 0, alpha: BUDGET_ALPHA, drift: 0 });
const yearly3 = years({ kBase: 1, kNight: 3, tol: 0.02, alpha: BUDGET_ALPHA, drift: 0 });

console.log(`nightly simulation: ${NIGHTS} independent nights per row, 3 variants × 4 domains × (60 tasks + 15 probes), seed ${SEED}\n`);
console.log('| scenario | α per night | tolerance | nights | false alarms per variant | nights with any false alarm (3 variants) | power (drifted variant fails) |');
console.log('|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`\nbudget 1 false alarm per variant per year (α = 1/365 a night), A/A, one baseline per year:`);
console.log(`- K=1 vs K=1, tolerance 0: ${yearly.mean.toFixed(3)} false alarms per variant-year on average (max ${yearly.max}) over ${yearly.variantYears} variant-years`);
console.log(`- baseline K=1 vs night K=3, tolerance 0.02: ${yearly3.mean.toFixed(3)} per variant-year (max ${yearly3.max}) over ${yearly3.variantYears} variant-years`);
console.log(`\n${((Date.now() - t0) / 1000).toFixed(0)} s`);
