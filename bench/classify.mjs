#!/usr/bin/env node
// Classifier speed and agreement on ../shared/data (run `npx tsc -p .` first: imports from dist/).
//   node bench/classify.mjs [--data ../shared/data] [--rounds 20]
// Prints answers/s on one core (single thread, after warm-up; median and spread over the rounds,
// via bench/describe.mjs) and agreement per model.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { classifyText } from '../dist/src/classify/index.js';
import { readHedgeLabels } from '../dist/src/cli/classify.js';
import { parseCsvText } from '../dist/src/table-text.js';
import { summarise, renderSummary } from '../dist/src/classify/summary.js';
import { humanClass, outcomeClass } from '../dist/src/classify/agreement.js';
import { describe, formatSummary } from './describe.mjs';

const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
const data = resolve(arg('--data', join(import.meta.dirname, '..', '..', 'shared', 'data')));
const rounds = Number(arg('--rounds', '20'));

const completions = join(data, 'xstest', 'completions-dev.csv');
const rows = parseCsvText(readFileSync(completions, 'utf8'), completions).rows.map((r) => r.record);
const hedgeLabels = readHedgeLabels(join(data, 'hedging', 'labels-dev.csv'));

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
// Each round is timed on its own, so the spread across rounds shows how steady the figure is.
const perCpuSecond = [];
const perWallSecond = [];
let n = 0;
for (let k = 0; k < rounds; k++) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (const r of rows) { classifyText({ prompt: r.prompt, text: r.completion }); n++; }
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  perCpuSecond.push(rows.length / ((cpu.user + cpu.system) / 1e6 || 1e-6)); // a round can take under 1 ms of CPU
  perWallSecond.push(rows.length / wall);
}
console.log(`\nSpeed: ${n} answers (mean ${Math.round(chars / rows.length)} chars), ${rounds} rounds of ${rows.length}; answers/s, median (IQR, sd):`);
console.log(`  per CPU second (one core): ${formatSummary(describe(perCpuSecond), { digits: 0 })}`);
console.log(`  per wall second:           ${formatSummary(describe(perWallSecond), { digits: 0 })}  (load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
