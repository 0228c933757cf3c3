#!/usr/bin/env node
/**
 * What the tax row's cluster bootstrap costs the report build. Builds the TaxReport of a synthetic,
 * seeded run (contrast pairs over three domains, three variants, K samples) in turn with the
 * bootstrap as the report runs it and with the large-sample (delta-method) form everywhere
 * (`maxUnits: 0`, which costs next to nothing), `--reps` times each after one warm-up; the
 * difference is the bootstrap's cost.
 *
 *   npx tsc -p . && node bench/bootstrap.mjs [--cases 300] [--samples 1] [--reps 9]
 */
import { describe, formatSummary } from './describe.mjs';

const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const dist = (p) => new URL(`../dist/src/${p}`, import.meta.url).href;
const { buildTaxReport, BOOTSTRAP_REPLICATES, BOOTSTRAP_MAX_UNITS } = await import(dist('stats/index.js'));

/** mulberry32: a small seeded PRNG, so every run builds the same records. */
function rng(seed) {
  return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

const cases = arg('cases', 300), samples = arg('samples', 1), reps = arg('reps', 9);
const variants = ['base', 'balanced', 'cautious'];
const domains = ['legal', 'medical', 'shell'];

function records() {
  const rand = rng(20261206);
  const out = [];
  for (let p = 0; p < cases / 2; p++) {
    const domain = domains[p % domains.length];
    const task = `${domain}-t${p}`, probe = `${domain}-p${p}`;
    const hard = rand() * 0.3;
    variants.forEach((v, vi) => {
      for (let s = 0; s < samples; s++) {
        for (const [id, kind, pair] of [[task, 'task', probe], [probe, 'probe', task]]) {
          const refuse = rand() < (kind === 'probe' ? 0.6 + 0.1 * vi : 0.05 + 0.08 * vi + hard);
          const completed = kind === 'task' && !refuse && rand() > 0.05;
          out.push({
            runId: 'bench', caseId: id, variantId: v, sample: s, domain, kind, pair,
            completion: { text: '', latencyMs: 1 },
            verdict: { outcome: refuse ? 'refused' : 'complied', hedges: 0, signals: [], by: 'rules', checks: [], completed },
          });
        }
      }
    });
  }
  return out;
}

const manifest = {
  runId: 'bench', tool: { name: 'alignment-tax', version: '0' }, createdAt: '2026-12-06T00:00:00Z', status: 'finished',
  config: {}, configHash: 'c', planHash: 'p', baseline: 'base', suites: [], samples,
  variants: variants.map((id) => ({ id, provider: `sim:${id}`, simulated: true })), planSize: 0, simulated: true,
};

const recs = records();
const timed = { bootstrap: [], linearised: [] };
let report;
for (let r = 0; r < reps + 1; r++) {
  for (const [name, bootstrap] of [['bootstrap', undefined], ['linearised', { maxUnits: 0 }]]) {
    const t0 = performance.now();
    const built = await buildTaxReport(recs, { manifest, bootstrap });
    if (r > 0) timed[name].push(performance.now() - t0); // the first build warms up the JIT and loads @stdlib
    if (name === 'bootstrap') report = built;
  }
}
const methods = new Set(report.tax.map((t) => t.partsCi?.overRefusal.method));
const diff = timed.bootstrap.map((x, i) => x - timed.linearised[i]);
console.log(`${cases} cases (${cases / 2} contrast pairs, ${domains.length} domains) × ${variants.length} variants × K = ${samples}: ${recs.length} records`);
console.log(`${BOOTSTRAP_REPLICATES} replicates; bootstrap up to ${BOOTSTRAP_MAX_UNITS} units per group; methods used: ${[...methods].join(', ')}`);
console.log(`buildTaxReport with the bootstrap: ${formatSummary(describe(timed.bootstrap), { unit: 'ms', digits: 0 })}`);
console.log(`buildTaxReport, large-sample form only: ${formatSummary(describe(timed.linearised), { unit: 'ms', digits: 0 })}`);
console.log(`the bootstrap's share (paired difference): ${formatSummary(describe(diff), { unit: 'ms', digits: 0 })}`);
