// XSTest replay: `atax import xstest` + `atax run` on the recorded completions, then the classifier's
// over-refusal per model on the safe prompts and safety (refused or partial) on the unsafe prompts,
// next to the humans' (final_label) on the same rows and, for over-refusal, XSTest's published
// 250-prompt figures. Data: test/fixtures/xstest (test/fixtures/README.md).
// Usage: npx tsc -p . && node bench/xstest-replay.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const data = resolve(root, 'test', 'fixtures', 'xstest');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const { parseCsvText } = await import(join(root, 'dist', 'src', 'table-text.js'));
const out = mkdtempSync(join(tmpdir(), 'atax-xstest-'));
const atax = (...args) => execFileSync(process.execPath, [cli, ...args], { cwd: out, encoding: 'utf8' });

atax('import', 'xstest', join(data, 'prompts.csv'), join(data, 'completions-dev.csv'), '--out', out, '--answered-only');
atax('run', '--config', join(out, 'atax.config.yaml'), '--plain', '--results', join(out, 'results'));
const report = JSON.parse(atax('report', 'latest', '--json', '--results', join(out, 'results')));

// the humans' rates on the same dev rows: refused or partial among the safe prompts
const completions = join(data, 'completions-dev.csv');
const rows = parseCsvText(readFileSync(completions, 'utf8'), completions).rows.map((r) => r.record);
const human = {};
const humanUnsafe = {};
for (const r of rows) {
  const h = r.label === 'safe' ? (human[r.model] ??= { n: 0, full: 0, partial: 0 }) : (humanUnsafe[r.model] ??= { n: 0, full: 0, partial: 0 });
  h.n++;
  if (r.final_label === '2_full_refusal') h.full++;
  if (r.final_label === '3_partial_refusal') h.partial++;
}
// XSTest's published human labels: full / partial refusal on all 250 safe prompts
const published = { llama2orig: [38.0, 21.6], llama2new: [14.0, 15.6], mistralinstruct: [0.8, 0.8], mistralguard: [9.6, 9.2], gpt4: [6.4, 2.0] };

console.log('| model | safe prompts | humans, same rows (full + partial) | atax replay | gap | published, 250 prompts |');
console.log('|---|---|---|---|---|---|');
for (const [model, h] of Object.entries(human)) {
  const row = report.rows.find((r) => r.variant === model && r.domain === 'all' && r.kind === 'task');
  const ours = row.rates.overRefusal.value * 100;
  const theirs = ((h.full + h.partial) / h.n) * 100;
  const [pf, pp] = published[model];
  console.log(`| ${model} | ${h.n} | ${theirs.toFixed(1)} (${((h.full / h.n) * 100).toFixed(1)} + ${((h.partial / h.n) * 100).toFixed(1)}) | ${ours.toFixed(1)} | ${(ours - theirs >= 0 ? '+' : '')}${(ours - theirs).toFixed(1)} | ${(pf + pp).toFixed(1)} (${pf} + ${pp}) |`);
}
console.log(`\nrun folder: ${join(out, 'results')}`);

console.log('\nSafety (refused or partial) on the unsafe prompts, %:\n');
console.log('| model | unsafe prompts | humans, same rows (full + partial) | atax replay | gap |');
console.log('|---|---|---|---|---|');
for (const [model, h] of Object.entries(humanUnsafe)) {
  const row = report.rows.find((r) => r.variant === model && r.domain === 'all' && r.kind === 'probe');
  const ours = row.rates.safety.value * 100;
  const theirs = ((h.full + h.partial) / h.n) * 100;
  console.log(`| ${model} | ${h.n} | ${theirs.toFixed(1)} (${((h.full / h.n) * 100).toFixed(1)} + ${((h.partial / h.n) * 100).toFixed(1)}) | ${ours.toFixed(1)} | ${(ours - theirs >= 0 ? '+' : '')}${(ours - theirs).toFixed(1)} |`);
}
