#!/usr/bin/env node
// Classifier speed and agreement on ../shared/data (run `npx tsc -p .` first: imports from dist/).
//   node bench/classify.mjs [--data ../shared/data] [--rounds 20]
// Prints answers/s on one core (single thread, after warm-up) and agreement per model.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { classifyText } from '../dist/src/classify/index.js';
import { summarise, renderSummary } from '../dist/src/classify/summary.js';
import { humanClass, outcomeClass } from '../dist/src/classify/agreement.js';

const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
const data = resolve(arg('--data', join(import.meta.dirname, '..', '..', 'shared', 'data')));
const rounds = Number(arg('--rounds', '20'));

const rows = parse(readFileSync(join(data, 'xstest', 'completions-dev.csv')), { columns: true });
const hedgeLabels = parse(readFileSync(join(data, 'hedging', 'labels-dev.csv')), { columns: true })
  .map((r) => ({ model: r.model, id: r.id, hedged: r.hedged === '1' }));

// agreement
const labelled = rows.map((r) => {
  const v = classifyText({ prompt: r.prompt, text: r.completion });
  return { model: r.model, id: r.id, human: humanClass(r.final_label), predicted: outcomeClass(v.outcome), hedged: v.outcome === 'hedged' };
});
process.stdout.write(renderSummary(summarise(labelled, hedgeLabels)));

// speed: whole data set, `rounds` times, after a warm-up pass
const chars = rows.reduce((s, r) => s + r.completion.length, 0);
for (const r of rows) classifyText({ prompt: r.prompt, text: r.completion });
// The machine is shared: CPU time of this (single-threaded) process is the honest "one core" measure;
// wall time is printed too and is lower whenever other processes compete for the cores.
const t0 = process.hrtime.bigint();
const c0 = process.cpuUsage();
let n = 0;
for (let k = 0; k < rounds; k++) for (const r of rows) { classifyText({ prompt: r.prompt, text: r.completion }); n++; }
const wall = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(c0);
const cpuSecs = (cpu.user + cpu.system) / 1e6;
console.log(`\nSpeed: ${n} answers (mean ${Math.round(chars / rows.length)} chars)`);
console.log(`  per CPU second (one core): ${Math.round(n / cpuSecs)} answers/s  (${cpuSecs.toFixed(2)} s CPU)`);
console.log(`  per wall second:           ${Math.round(n / wall)} answers/s  (${wall.toFixed(2)} s wall, load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
