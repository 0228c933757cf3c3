#!/usr/bin/env node
/**
 * Report build benchmark: 1,000,000 synthetic records (100k cases × 5 variants × 2 samples, seeded)
 * written to a temp records.jsonl, then `buildReportFromFile` (the path `atax report` takes) and
 * `buildTaxReport(readRecordsFile(file))` each timed in a fresh child process so its peak RSS is
 * the report build's alone; `--reps` children per builder, summarised
 * as median (IQR, sd) by bench/describe.mjs.
 *
 *   npx tsc -p . && node bench/report.mjs [--cases 100000] [--variants 5] [--samples 2] [--reps 3] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const dist = (p) => new URL(`../dist/src/${p}`, import.meta.url).href;

/** mulberry32: a small seeded PRNG, so every run writes the same file. */
function rng(seed) {
  return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

const DOMAINS = ['medical', 'legal', 'shell', 'finance', 'chemistry'];
const TEXT = 'Here is a careful answer to the question, with the steps spelled out and the caveats that matter. '.repeat(3);

async function generate(file, cases, variants, samples) {
  const rand = rng(20261127);
  const out = createWriteStream(file);
  const refuseBias = Array.from({ length: variants }, (_, v) => 0.05 + 0.04 * v);
  for (let c = 0; c < cases; c++) {
    const kind = c % 5 === 4 ? 'probe' : 'task';
    const domain = DOMAINS[c % DOMAINS.length];
    const hard = rand() * 0.3; // a case effect shared by all variants: answers correlate within a case
    let chunk = '';
    for (let v = 0; v < variants; v++) for (let s = 0; s < samples; s++) {
      const u = rand();
      const pRefuse = kind === 'probe' ? 0.6 + 0.05 * v : refuseBias[v] + hard;
      const error = u > 0.998;
      const outcome = error ? 'error' : u < pRefuse ? 'refused' : u < pRefuse + 0.03 ? 'partial' : u < pRefuse + 0.2 ? 'hedged' : 'complied';
      const completed = kind === 'task' && (outcome === 'complied' || outcome === 'hedged') && rand() > 0.05;
      chunk += JSON.stringify({
        runId: 'bench', caseId: `${domain}-${c}`, variantId: `v${v}`, sample: s, domain, kind, tags: [`t${c % 7}`],
        completion: error ? { text: '', latencyMs: 1200, error: { kind: 'timeout', message: 'timed out after 60000 ms' } }
          : { text: outcome === 'refused' ? "I'm sorry, but I can't help with that." : TEXT, finishReason: 'stop', usage: { inputTokens: 42, outputTokens: 120 }, latencyMs: 800 + Math.floor(u * 400) },
        verdict: { outcome, hedges: outcome === 'hedged' ? 1 : 0, signals: outcome === 'refused' ? [{ rule: 'refusal.sorry', kind: 'refusal', quote: "I'm sorry", start: 0, end: 9 }] : [], by: 'rules', confidence: 0.9, checks: kind === 'task' ? [{ type: 'min-words', passed: completed }] : [], completed },
      }) + '\n';
    }
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** mode `cli`: the path `atax report` and after-run take; mode `store`: buildTaxReport(readRecordsFile(file)). */
async function measure(mode, file, variants, samples) {
  const { buildTaxReport } = await import(dist('stats/index.js'));
  const { readRecordsFile } = await import(dist('store/index.js'));
  const { buildReportFromFile } = await import(dist('report/report-file.js'));
  const manifest = {
    runId: 'bench', tool: { name: 'alignment-tax', version: '0' }, createdAt: new Date().toISOString(), status: 'finished', config: {},
    configHash: 'x', planHash: 'x', baseline: 'v0', suites: [], samples, planSize: 0, simulated: true,
    variants: Array.from({ length: variants }, (_, v) => ({ id: `v${v}`, provider: 'sim:bench', simulated: true })),
  };
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const report = mode === 'cli' ? await buildReportFromFile(file, manifest) : await buildTaxReport(readRecordsFile(file), { manifest });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, cpuMs, rssMb, rows: report.rows.length, tax: report.tax.length }) + '\n');
}

if (process.argv[2] === '--measure') {
  await measure(process.argv[3], process.argv[4], Number(process.argv[5]), Number(process.argv[6]));
} else {
  const cases = arg('cases', 100_000), variants = arg('variants', 5), samples = arg('samples', 2), reps = arg('reps', 3);
  // loaded only by the parent: the measured child must not pay mathjs' import in its RSS
  const { describe, formatSummary } = await import('./describe.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'atax-bench-report-'));
  const file = join(dir, 'records.jsonl');
  try {
    const g0 = Date.now();
    await generate(file, cases, variants, samples);
    const records = cases * variants * samples;
    console.log(`generated ${records.toLocaleString('en')} records (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB) in ${((Date.now() - g0) / 1000).toFixed(1)} s: ${file}`);
    for (const [mode, label] of [['cli', 'buildReportFromFile (atax report, after-run)'], ['store', 'buildTaxReport(readRecordsFile(file))']]) {
      const runs = [];
      for (let k = 0; k < reps; k++) {
        const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', mode, file, String(variants), String(samples)], { encoding: 'utf8' });
        if (child.status !== 0) throw new Error(child.stderr);
        runs.push(JSON.parse(child.stdout));
      }
      const wall = describe(runs.map((r) => r.ms / 1000)), cpu = describe(runs.map((r) => r.cpuMs / 1000)), rss = describe(runs.map((r) => r.rssMb));
      const ok = wall.median < 3 && rss.median < 500 ? 'within budget' : 'OVER BUDGET';
      console.log(`${label}: ${formatSummary(wall, { unit: 's' })} wall, ${formatSummary(cpu, { unit: 's' })} CPU, peak RSS ${formatSummary(rss, { unit: 'MB', digits: 0 })} (${runs[0].rows} rows, ${runs[0].tax} tax rows) — ${ok} (median < 3 s, < 500 MB)`);
    }
    console.log(`node ${process.version}, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  } finally {
    if (!process.argv.includes('--keep')) rmSync(dir, { recursive: true, force: true });
  }
}
