#!/usr/bin/env node
// TUI open time: a synthetic 100,000-record run, timed from process start to the first Matrix
// frame of `atax ui` in a real pseudo-terminal (util-linux `script`). Two cases: report.json
// present (what `atax run` leaves behind) and absent (the report is built from the records at
// open). Uses dist/ (build with `npx tsc -p .`). Usage: node bench/ui.mjs [records=100000] [repeats=3]
import { describe } from './describe.mjs';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

// Child mode: open the app in this process through ink-testing-library (no CLI module graph) and
// print the ms since process start, and the CPU ms used, when the matrix frame appears.
if (process.argv[2] === '--open-in-process') {
  const [{ render }, { createElement }, { App }, { createRunData }] = await Promise.all([
    import('ink-testing-library'), import('react'), import(join(root, 'dist/src/ui/App.js')), import(join(root, 'dist/src/ui/data.js')),
  ]);
  const app = render(createElement(App, { data: createRunData(process.argv[3], process.argv[4]), size: { columns: 100, rows: 30 } }));
  const poll = setInterval(() => {
    const f = app.lastFrame() ?? '';
    if (f.includes('Matrix · run') && f.includes('MDE')) {
      const cpu = process.cpuUsage();
      console.log(JSON.stringify({ ms: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 }));
      clearInterval(poll);
      app.unmount();
      process.exit(0);
    }
  }, 5);
} else {
const { RecordWriter, recordsPath, writeManifest, readRecords, reportPath } = await import(join(root, 'dist/src/store/index.js'));
const { buildTaxReport } = await import(join(root, 'dist/src/stats/index.js'));

const N = Number(process.argv[2] ?? 100_000);
const REPEATS = Number(process.argv[3] ?? 3);
const VARIANTS = ['baseline', 'cautious', 'guarded', 'frank'];
const DOMAINS = ['medical', 'legal', 'shell', 'finance', 'chemistry'];
const SAMPLES = 5;
const CASES = Math.ceil(N / (VARIANTS.length * SAMPLES));
const OUTCOMES = ['complied', 'hedged', 'partial', 'refused'];
const TEXT = 'Here is a careful, complete answer to the question, with the steps spelled out. '.repeat(5);

function makeRun(dir) {
  const runId = '2026-11-27T12-00-00-000Z-bench';
  writeManifest(dir, {
    runId, tool: { name: 'alignment-tax', version: '0.1.0' }, createdAt: new Date().toISOString(), status: 'finished',
    config: {}, configHash: 'x', planHash: 'y', baseline: 'baseline',
    suites: DOMAINS.map((d) => ({ id: d, version: '1', domain: d, hash: 'h', file: `${d}.yaml`, cases: CASES / DOMAINS.length })),
    variants: VARIANTS.map((id) => ({ id, provider: `sim:${id}`, simulated: true })),
    samples: SAMPLES, planSize: N, simulated: true,
  });
  const w = new RecordWriter(recordsPath(dir, runId));
  let n = 0;
  for (let c = 0; c < CASES && n < N; c++) {
    const kind = c % 3 === 0 ? 'probe' : 'task';
    for (let v = 0; v < VARIANTS.length; v++) for (let s = 0; s < SAMPLES && n < N; s++, n++) {
      // deterministic, variant-dependent outcomes: stricter variants refuse more
      const o = OUTCOMES[(c * 7 + s * 3 + v * (c % 5)) % (v + 1 + (kind === 'probe' ? 3 : 0)) % 4];
      w.append({
        runId, caseId: `${DOMAINS[c % DOMAINS.length]}-${kind}-${c}`, variantId: VARIANTS[v], sample: s,
        domain: DOMAINS[c % DOMAINS.length], kind, tags: [`t${c % 7}`],
        completion: { text: TEXT, latencyMs: 100 },
        verdict: { outcome: o, hedges: o === 'hedged' ? 1 : 0, signals: [], by: 'rules', checks: [], completed: kind === 'task' && (o === 'complied' || o === 'hedged') },
      });
    }
  }
  w.close();
  return runId;
}

/** ms from spawning `atax ui` until the pty shows the matrix. */
function openOnce(dir, runId) {
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const cmd = `stty cols 100 rows 30; node ${join(root, "dist/src/cli/main.js")} ui ${runId} --results ${dir}`;
    const child = spawn('script', ['-qfec', cmd, '/dev/null'], { detached: true, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let seen = false;
    const timer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ } fail(new Error(`no matrix after 30 s:\n${out.slice(-500)}`)); }, 30_000);
    child.stdout.on('data', (b) => {
      out += b.toString('utf8');
      if (!seen && out.includes('Matrix · run') && out.includes('MDE')) {
        seen = true;
        const ms = performance.now() - t0;
        clearTimeout(timer);
        child.stdin.write('q');
        setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ } }, 300);
        child.on('exit', () => done(ms));
      }
    });
  });
}

/** ms for `atax --version`: node start plus the CLI's module graph, paid by every command. */
function cliStartOnce() {
  return new Promise((done) => {
    const t0 = performance.now();
    spawn('node', [join(root, 'dist/src/cli/main.js'), '--version'], { stdio: 'ignore' }).on('exit', () => done(performance.now() - t0));
  });
}

function inProcessOnce(dir, runId) {
  return new Promise((done, fail) => {
    let out = '';
    const child = spawn('node', [import.meta.filename, '--open-in-process', dir, runId], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (b) => { out += b; });
    child.on('exit', (code) => (code === 0 ? done(JSON.parse(out.trim().split('\n').pop())) : fail(new Error(out))));
  });
}

// the one median of the benches (mathjs, in bench/describe.mjs): the mean of the middle two for an even count
const median = (xs) => describe(xs).median;
const dir = mkdtempSync(join(tmpdir(), 'atax-bench-ui-'));
try {
  const runId = makeRun(dir);
  const report = await buildTaxReport(readRecords(dir, runId), { manifest: JSON.parse((await import('node:fs')).readFileSync(join(dir, runId, 'manifest.json'), 'utf8')) });
  writeFileSync(reportPath(dir, runId), JSON.stringify(report));
  const withReport = [];
  const inProcWith = [];
  for (let i = 0; i < REPEATS; i++) withReport.push(await openOnce(dir, runId));
  for (let i = 0; i < REPEATS; i++) inProcWith.push(await inProcessOnce(dir, runId));
  unlinkSync(reportPath(dir, runId));
  const withoutReport = [];
  const inProcWithout = [];
  for (let i = 0; i < REPEATS; i++) withoutReport.push(await openOnce(dir, runId));
  for (let i = 0; i < REPEATS; i++) inProcWithout.push(await inProcessOnce(dir, runId));
  const cli = [];
  for (let i = 0; i < REPEATS; i++) cli.push(await cliStartOnce());
  const fmt = (xs) => `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
  console.log(`records: ${N} (${CASES} cases × ${VARIANTS.length} variants × ${SAMPLES} samples, ${DOMAINS.length} domains)`);
  console.log(`open → matrix, report.json present: ${fmt(withReport)}`);
  console.log(`open → matrix, report built from records: ${fmt(withoutReport)}`);
  console.log(`in process (App via ink-testing-library), report.json present: wall ${fmt(inProcWith.map((x) => x.ms))}; CPU ${fmt(inProcWith.map((x) => x.cpuMs))}`);
  console.log(`in process, report built from records: wall ${fmt(inProcWithout.map((x) => x.ms))}; CPU ${fmt(inProcWithout.map((x) => x.cpuMs))}`);
  console.log(`for scale, atax --version (node + CLI module graph): ${fmt(cli)}`);
  console.log(`load average at the end: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores`);
  console.log(`target < 2000 ms: ${median(withReport) < 2000 && median(withoutReport) < 2000 ? 'met' : 'NOT met'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
}
