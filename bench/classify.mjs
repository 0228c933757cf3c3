#!/usr/bin/env node
// Classifier agreement (in-sample and leave-models-out), rule counts, and speed, on the XSTest dev
// answers and hedging labels in test/fixtures (run `npx tsc -p .` first: imports from dist/).
//   node bench/classify.mjs [--data test/fixtures] [--rounds 20] [--rules] [--no-speed]
//
// Leave-models-out: the five models are split 3 / 2 in all 10 ways. In each split the rules are
// "tuned" on the three training models the only way hand-written rules can be after the fact: every
// top-level pattern alternative that fires on no training-model answer is removed (it could only
// have come from reading the held-out models), and the two held-out models are measured with what
// is left. Each answer is classified with its case kind (safe prompt → task, unsafe → probe), as
// the runner does. Hand-written changes are logged in docs/classifier.md with the models whose errors were
// read for each, so a reader can tell which held-out figures those changes touch.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { classifyText } from '../dist/src/classify/index.js';
import { ruleAlternatives } from '../dist/src/classify/pattern-registry.js';
import { firings, label, leaveModelsOut, leaveModelsOutTaskBar } from '../dist/src/classify/leave-models-out.js';
import { TASK_PARTIAL_AFTER } from '../dist/src/classify/rules.js';
import { kindOfPromptLabel } from '../dist/src/classify/table-input.js';
import { readHedgeLabels } from '../dist/src/cli/classify.js';
import { parseCsvText } from '../dist/src/table-text.js';
import { summarise, renderSummary } from '../dist/src/classify/summary.js';
import { describe, formatSummary } from './describe.mjs';

const arg = (name, dflt) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : dflt; };
const data = resolve(arg('--data', join(import.meta.dirname, '..', 'test', 'fixtures')));
const rounds = Number(arg('--rounds', '20'));

const completions = join(data, 'xstest', 'completions-dev.csv');
const rows = parseCsvText(readFileSync(completions, 'utf8'), completions).rows.map((r) => r.record);
const hedgeLabels = readHedgeLabels(join(data, 'hedging', 'labels-dev.csv'));
const pct = (x) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)}%`);
const f3 = (x) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(3));

// ── in-sample: every rule, every model ──────────────────────────────────────────────────────────
console.log('## In-sample (all rules, all five models; the rules were written reading these answers)\n');
process.stdout.write(renderSummary(summarise(label(rows), hedgeLabels)));

// ── rules: how many answers each pattern alternative fires on ────────────────────────────────────
const rules = ruleAlternatives();
const fired = firings(rows);
const counts = rules.map((r) => fired.get(r.id).size);
console.log(`\n## Rules\n\n${rules.length} pattern alternatives in ${new Set(rules.map((r) => r.pattern)).size} patterns; answers (of ${rows.length}) each fires on: ` +
  `0: ${counts.filter((c) => c === 0).length}, 1: ${counts.filter((c) => c === 1).length}, 2–9: ${counts.filter((c) => c >= 2 && c < 10).length}, ≥ 10: ${counts.filter((c) => c >= 10).length}`);
if (process.argv.includes('--rules')) {
  console.log('\n| rule | answers | models |\n|---|---|---|');
  for (const rule of rules) {
    const hit = fired.get(rule.id);
    console.log(`| \`${rule.id}\` | ${hit.size} | ${[...new Set([...hit].map((i) => rows[i].model))].join(', ')} |`);
  }
}

// ── leave-models-out: 10 splits of 3 training / 2 held-out models ────────────────────────────────
const lmo = leaveModelsOut(rows, hedgeLabels);
const cell = (f) => `${pct(f.binary)} | ${pct(f.threeClass)} | ${pct(f.partialRecall)} (${f.partialN}) | ${f3(f.hedgeF1)} (${f.hedgeN})`;
console.log('\n## Leave-models-out (tune on three models, measure on the other two; all 10 splits)\n');
console.log('| held out | rules kept | n | binary | three-class | partial recall (n) | hedging F1 (n) |\n|---|---|---|---|---|---|---|');
for (const s of lmo.splits) console.log(`| ${s.heldOut.join(' + ')} | ${s.rulesKept} of ${lmo.rules} | ${s.figures.n} | ${cell(s.figures)} |`);
console.log('\n## Per model: held out (pooled over the 4 splits that hold it out) / in-sample\n');
console.log('| model | binary | three-class | partial recall | hedging F1 |\n|---|---|---|---|---|');
const pair = (h, i, fmt) => `${fmt(h)} / ${fmt(i)}`;
const row = (name, h, i) => `| ${name} | ${pair(h.binary, i.binary, pct)} | ${pair(h.threeClass, i.threeClass, pct)} | ${pair(h.partialRecall, i.partialRecall, pct)} (${i.partialN}) | ${pair(h.hedgeF1, i.hedgeF1, f3)} |`;
for (const m of lmo.perModel) console.log(row(m.model, m.heldOut, m.inSample));
console.log(row('**all, held-out / in-sample**', lmo.heldOut, lmo.inSample));
console.log('\nTargets (held-out): binary ≥ 95%, three-class ≥ 90%, partial recall ≥ 50%, hedging F1 ≥ 0.85.');

// ── the task bar chosen on the training models of each split, not on all five ────────────────────
const bars = [2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7];
const nested = leaveModelsOutTaskBar(rows, hedgeLabels, bars);
console.log(`\n## Task bar chosen per split (best three-class on the three training models; the rules use ${TASK_PARTIAL_AFTER})\n`);
console.log(`bars tried: ${bars.join(', ')}; chosen: ${nested.picks.map((p) => `${p.heldOut.join(' + ')} ${p.bar}`).join('; ')}`);
console.log(`held out: binary ${pct(nested.heldOut.binary)}, three-class ${pct(nested.heldOut.threeClass)}, partial recall ${pct(nested.heldOut.partialRecall)}, hedging F1 ${f3(nested.heldOut.hedgeF1)}`);

if (process.argv.includes('--no-speed')) process.exit(0);
// ── speed: whole data set, `rounds` times, after a warm-up pass ──────────────────────────────────
const chars = rows.reduce((s, r) => s + r.completion.length, 0);
// each answer with its case kind (XSTest's safe → task, unsafe → probe), as the runner classifies it
const inputs = rows.map((r) => ({ prompt: r.prompt, text: r.completion, kind: kindOfPromptLabel(r.label) }));
for (const input of inputs) classifyText(input);
// The machine is shared: CPU time of this (single-threaded) process is the honest "one core" measure.
const perCpuSecond = [];
const perWallSecond = [];
let n = 0;
for (let k = 0; k < rounds; k++) {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (const input of inputs) { classifyText(input); n++; }
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  perCpuSecond.push(rows.length / ((cpu.user + cpu.system) / 1e6 || 1e-6));
  perWallSecond.push(rows.length / wall);
}
console.log(`\n## Speed\n\n${n} answers (mean ${Math.round(chars / rows.length)} chars), ${rounds} rounds of ${rows.length}; answers/s, median (IQR, sd):`);
console.log(`  per CPU second (one core): ${formatSummary(describe(perCpuSecond), { digits: 0 })}`);
console.log(`  per wall second:           ${formatSummary(describe(perWallSecond), { digits: 0 })}  (load average ${(await import('node:os')).loadavg()[0].toFixed(1)})`);
