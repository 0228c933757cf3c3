#!/usr/bin/env node
// Where the time of one `atax run` goes, phase by phase, in a fresh process (what the CLI does, in
// the same order): loading the CLI's modules, loading the config and suites, the run itself, and the
// report printed after it. Prints one JSON line: { phase: { wallMs, cpuMs } }.
//   node bench/runner.phases.mjs CONFIG RESULTS_DIR
import { Writable } from 'node:stream';

const [configFile, resultsDir] = process.argv.slice(2);
const phases = {};
async function phase(name, fn) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const out = await fn();
  const c = process.cpuUsage(c0);
  phases[name] = { wallMs: Math.round(performance.now() - t0), cpuMs: Math.round((c.user + c.system) / 1000) };
  return out;
}
const dist = new URL('../dist/src/', import.meta.url);
await phase('import every CLI command (commands.js)', () => import(new URL('cli/commands.js', dist).href));
const runner = await phase('import the runner', () => import(new URL('run/index.js', dist).href));
const loaded = await phase('load config + suites', () => runner.loadRunConfig({ configFile }));
const result = await phase('run (executeRun)', () => runner.executeRun({ loaded, resultsDir, noCache: true }));
const { afterRun } = await phase('import after-run (report)', () => import(new URL('cli/after-run.js', dist).href));
await phase('report (afterRun)', () => afterRun(result.root, result.runId, new Writable({ write: (_c, _e, cb) => cb() }), { color: false }));
console.log(JSON.stringify(phases));
