#!/usr/bin/env node
// Runner benchmark: N cases × M variants against the OpenAI-compatible test server running as its
// own process, at concurrency 64. Compares
//   (a) a raw undici loop (the ceiling: requests and JSON parsing, nothing else), warm in this
//       process and as a fresh process of its own (runner.raw.mjs), like for like with (b),
//   (b) the whole `atax run` process (spawned; --plain --no-cache): wall time, CPU time per request,
//       peak RSS,
//   (c) promptfoo's `evaluate` on the same workload (spawned, see promptfoo-evaluate.mjs).
// Usage (after `npm run build`):
//   node bench/runner.mjs [--sizes 1000,5000] [--variants 2] [--concurrency 64] [--reps 3] [--no-promptfoo]
//                         [--memory-cases 1000] [--memory-samples 1,10,50] [--memory-only]
// Memory: the same suite run with --samples 1, 10 and 50 (2k, 20k and 100k records at the defaults)
// shows whether memory grows with the number of records: peak RSS (/usr/bin/time), and the live heap
// (heapUsed right after a full GC, sampled every 500 ms in the run's own process through a
// --expose-gc preload), whose peak is what the run holds; peak RSS adds the garbage V8 lets pile up
// between full collections. --memory-only skips the timing runs.
// Prints a table and writes bench/out/runner.json (with --memory-only, bench/out/runner-memory.json).
import { describe } from './describe.mjs';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prompt, rawLoop } from './runner.raw.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function parseArgs(argv) {
  const o = { sizes: [1000, 5000], variants: 2, concurrency: 64, reps: 3, promptfoo: true, memoryCases: 1000, memorySamples: [1, 10, 50], memoryOnly: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--sizes') o.sizes = argv[++i].split(',').map(Number);
    else if (a === '--variants') o.variants = Number(argv[++i]);
    else if (a === '--concurrency') o.concurrency = Number(argv[++i]);
    else if (a === '--reps') o.reps = Number(argv[++i]);
    else if (a === '--no-promptfoo') o.promptfoo = false;
    else if (a === '--memory-cases') o.memoryCases = Number(argv[++i]);
    else if (a === '--memory-samples') o.memorySamples = argv[++i].split(',').map(Number);
    else if (a === '--memory-only') o.memoryOnly = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

/** Starts `node test/servers/openai-cli.mjs` and resolves with its base URL once it listens. */
function startServer() {
  const child = spawn(process.execPath, [join(ROOT, 'test/servers/openai-cli.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((res, rej) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const line = buf.split('\n')[0];
      if (buf.includes('\n')) res({ url: line.trim(), stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => rej(new Error(`server exited with ${code}`)));
  });
}


/** A throwaway project: one suite with n cases, a config with m openai: variants on the server. */
function makeProject(url, n, m, concurrency) {
  const dir = mkdtempSync(join(tmpdir(), 'atax-bench-'));
  mkdirSync(join(dir, 'suites'));
  const cases = Array.from({ length: n }, (_, i) => `  - id: c${i}\n    kind: task\n    prompt: ${JSON.stringify(prompt(i))}\n`).join('');
  writeFileSync(join(dir, 'suites/bench.yaml'), `id: bench\nversion: 1\ndomain: medical\ncases:\n${cases}`);
  const variants = Array.from({ length: m }, (_, j) => `  - id: v${j}\n    provider: openai:bench-model\n    options: { baseUrl: ${JSON.stringify(url)} }\n    params: { temperature: 0, maxTokens: 256 }\n`).join('');
  writeFileSync(join(dir, 'atax.config.yaml'), `suites: [suites/*.yaml]\nbaseline: v0\nconcurrency: ${concurrency}\nvariants:\n${variants}`);
  return dir;
}

/** Runs a command under /usr/bin/time; resolves with wall seconds, CPU seconds and peak RSS (MB). */
function timed(args, cwd, env = {}) {
  const cmd = TIME ?? process.execPath;
  const argv = TIME ? ['-f', '__rusage %e %U %S %M', process.execPath, ...args] : args;
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('close', (code) => {
      const wall = (performance.now() - t0) / 1000;
      if (code !== 0) return rej(new Error(`${args.join(' ')} exited ${code}\n${err.slice(-2000)}`));
      const m = /__rusage ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(err);
      const live = /__live_heap_mb ([\d.]+)/.exec(err);
      res({ seconds: wall, cpu: m ? Number(m[2]) + Number(m[3]) : NaN, rssMB: m ? Number(m[4]) / 1024 : NaN, liveHeapMB: live ? Number(live[1]) : NaN, out });
    });
  });
}

/**
 * A preload for the memory runs: every 500 ms a full GC, then heapUsed (the live heap); its peak is
 * printed on exit as `__live_heap_mb N` (stderr, where the runner looks for it).
 */
const LIVE_HEAP = 'data:text/javascript,' + encodeURIComponent(
  'let peak = 0; setInterval(() => { globalThis.gc(); peak = Math.max(peak, process.memoryUsage().heapUsed); }, 500).unref();'
  + ' process.on("exit", () => process.stderr.write(`__live_heap_mb ${(peak / 2 ** 20).toFixed(1)}\\n`));');

/** (b) the whole `atax run` process, start-up included; `nodeFlags` go before the CLI. */
async function ataxRun(dir, extra = [], nodeFlags = []) {
  const r = await timed([...nodeFlags, CLI, 'run', '--config', join(dir, 'atax.config.yaml'), '--plain', '--no-cache', '--results', join(dir, 'results'), ...extra], dir);
  if (/errors [1-9]/.test(r.out)) throw new Error(`atax run recorded errors:\n${r.out.slice(-1000)}`);
  return r;
}

/** (c) promptfoo's evaluate on the same workload, in its own process. */
function promptfooRun(url, n, m, concurrency) {
  const configDir = mkdtempSync(join(tmpdir(), 'atax-bench-pf-'));
  return timed([join(ROOT, 'bench/promptfoo-evaluate.mjs'), url, String(n), String(m), String(concurrency), '256'], ROOT, { PROMPTFOO_CONFIG_DIR: configDir })
    .then((r) => ({ ...r, evalSeconds: Number(/evaluate_seconds=([\d.]+)/.exec(r.out)?.[1]) }))
    .finally(() => rmSync(configDir, { recursive: true, force: true }));
}

// the one median of the benches (mathjs, in bench/describe.mjs): the mean of the middle two for an even count
const median = (xs) => describe(xs).median;
const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(CLI)) throw new Error('build first: npm run build');
  const loadAtStart = loadavg();
  const server = await startServer();
  const rows = [];
  const phaseRows = [];
  try {
    let startup = NaN;
    if (!o.memoryOnly) {
      const tiny = makeProject(server.url, 1, o.variants, o.concurrency);
      startup = median(await Promise.all([await ataxRun(tiny), await ataxRun(tiny), await ataxRun(tiny)].map((r) => r.seconds)));
      rmSync(tiny, { recursive: true, force: true });
    }
    for (const n of o.memoryOnly ? [] : o.sizes) {
      const dir = makeProject(server.url, n, o.variants, o.concurrency);
      const requests = n * o.variants;
      await rawLoop(server.url, Math.min(n, 200), o.variants, o.concurrency); // warm the server's JIT
      const raw = [];
      const rawProcess = [];
      const atax = [];
      for (let r = 0; r < o.reps; r++) {
        raw.push(await rawLoop(server.url, n, o.variants, o.concurrency));
        rawProcess.push(await timed([join(ROOT, 'bench/runner.raw.mjs'), server.url, String(n), String(o.variants), String(o.concurrency)], ROOT));
        atax.push(await ataxRun(dir));
        rmSync(join(dir, 'results'), { recursive: true, force: true });
      }
      const phases = n === o.sizes.at(-1) ? JSON.parse((await timed([join(ROOT, 'bench/runner.phases.mjs'), join(dir, 'atax.config.yaml'), join(dir, 'results')], dir)).out.trim().split('\n').at(-1)) : undefined;
      if (phases) phaseRows.push({ cases: n, phases });
      const pf = o.promptfoo ? await promptfooRun(server.url, n, o.variants, o.concurrency) : undefined;
      const rawS = median(raw.map((x) => x.seconds));
      const rawCpu = median(raw.map((x) => x.cpu));
      const best = atax.sort((a, b) => a.seconds - b.seconds)[Math.floor(atax.length / 2)];
      rows.push({
        cases: n, variants: o.variants, requests, rawSeconds: rawS, rawProcessSeconds: median(rawProcess.map((x) => x.seconds)), rawProcessCpuMsPerRequest: (1000 * median(rawProcess.map((x) => x.cpu))) / requests, rawCpuMsPerRequest: (1000 * rawCpu) / requests, ataxSeconds: best.seconds, ratio: best.seconds / rawS,
        ataxRecordsPerSecond: requests / best.seconds, ataxCpuMsPerRequest: (1000 * best.cpu) / requests, ataxPeakRssMB: best.rssMB,
        promptfooSeconds: pf?.seconds, promptfooEvaluateSeconds: pf?.evalSeconds, promptfooPeakRssMB: pf?.rssMB,
      });
      rmSync(dir, { recursive: true, force: true });
    }
    // memory: one suite, more samples — records grow 10× and 50×, the suite does not. Peak RSS from a
    // plain run; the live heap from a second run with the GC preload (its forced GCs lower the RSS)
    const memDir = makeProject(server.url, o.memoryCases, o.variants, o.concurrency);
    const memory = [];
    for (const k of o.memorySamples) {
      const r = await ataxRun(memDir, ['--samples', String(k)]);
      rmSync(join(memDir, 'results'), { recursive: true, force: true });
      const live = await ataxRun(memDir, ['--samples', String(k)], ['--expose-gc', '--import', LIVE_HEAP]);
      rmSync(join(memDir, 'results'), { recursive: true, force: true });
      memory.push({ records: o.memoryCases * o.variants * k, seconds: r.seconds, peakRssMB: r.rssMB, liveHeapMB: live.liveHeapMB });
    }
    rmSync(memDir, { recursive: true, force: true });
    const loadAtEnd = loadavg();
    console.log(`load average at start: ${loadAtStart.map((x) => x.toFixed(1)).join(' ')}, at end: ${loadAtEnd.map((x) => x.toFixed(1)).join(' ')}  (${cpus().length} cores)`);
    if (!o.memoryOnly) console.log(`atax run start-up (1 case × ${o.variants} variants, whole process): ${fmt(startup)} s`);
    if (rows.length) console.log('| cases × variants | raw loop s (warm · own process) | atax run s | atax / raw (warm · process) | atax records/s | CPU ms/request raw warm · raw process · atax | atax peak RSS MB | promptfoo s (evaluate) | promptfoo / atax |');
    for (const r of rows) {
      console.log(`| ${r.cases} × ${r.variants} | ${fmt(r.rawSeconds)} · ${fmt(r.rawProcessSeconds)} | ${fmt(r.ataxSeconds)} | ${fmt(r.ratio)} · ${fmt(r.ataxSeconds / r.rawProcessSeconds)} | ${fmt(r.ataxRecordsPerSecond, 0)} | ${fmt(r.rawCpuMsPerRequest, 3)} · ${fmt(r.rawProcessCpuMsPerRequest, 3)} · ${fmt(r.ataxCpuMsPerRequest, 3)} | ${fmt(r.ataxPeakRssMB, 0)} | ${fmt(r.promptfooSeconds)} (${fmt(r.promptfooEvaluateSeconds)}) | ${fmt(r.promptfooSeconds / r.ataxSeconds, 1)} |`);
    }
    for (const p of phaseRows) {
      console.log(`| phases of one run, ${p.cases} × ${o.variants} | wall ms | CPU ms |`);
      for (const [name, v] of Object.entries(p.phases)) console.log(`| ${name} | ${v.wallMs} | ${v.cpuMs} |`);
    }
    console.log(`| records (same suite, --samples ${o.memorySamples.join(', ')}) | atax run s | peak RSS MB | live heap MB (peak after a full GC) |`);
    for (const m of memory) console.log(`| ${m.records} | ${fmt(m.seconds)} | ${fmt(m.peakRssMB, 0)} | ${fmt(m.liveHeapMB, 1)} |`);
    mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
    writeFileSync(join(ROOT, o.memoryOnly ? 'bench/out/runner-memory.json' : 'bench/out/runner.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, concurrency: o.concurrency, startupSeconds: startup, loadavg: loadAtStart, loadavgAtEnd: loadAtEnd, rows, phases: phaseRows, memory }, null, 2));
  } finally {
    server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
