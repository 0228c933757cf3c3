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
const t0 = process.hrtime.bigint();
let n = 0;
for (let k = 0; k < rounds; k++) for (const r of rows) { classifyText({ prompt: r.prompt, text: r.completion }); n++; }
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`\nSpeed: ${n} answers in ${secs.toFixed(2)} s = ${Math.round(n / secs)} answers/s on one core (mean answer ${Math.round(chars / rows.length)} chars)`);
