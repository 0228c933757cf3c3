// Corrected rates (PPI++) on XSTest's dev answers. `atax import xstest` + `atax run` replay the five
// models; in every draw each variant gets human labels (final_label) for 20% of its answers, and the
// corrected over-refusal (safe prompts) and safety (unsafe prompts) of its `all` row are compared with
// the humans' rate on all that variant's answers. Over the draws: coverage of the 95% intervals, mean
// and root-mean-square error of the corrected figure next to the classifier's own, mean half-width.
//
// The classifier a user has never saw their model's answers, so the headline uses the rules as they
// would be had they been written without that model: for each model, each of the four leave-models-out
// splits that hold it out (src/classify/leave-models-out.ts: alternatives only the held-out models
// trigger are removed) relabels its answers, and the draws are spread over those four. In-sample rules
// and a classifier with a known bias added (a fixed random 25% of the answers humans call refusals read
// as `complied`) are measured the same way.
//
// Two label designs, both 20% of each variant's answers: a simple random sample, and the sample the
// tool itself draws for `atax label` / `atax labels export` (src/stats/label-sample.ts: stratified by
// kind × the classifier's outcome, unsure answers first, labels weighted by 1/inclusion probability).
//
// Usage: npm run build && node bench/calibration.mjs [--draws 100] [--fraction 0.2]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { draws: { type: 'string', default: '100' }, fraction: { type: 'string', default: '0.2' } } });
const DRAWS = Number(values.draws), FRACTION = Number(values.fraction);
const root = resolve(import.meta.dirname, '..');
const dist = (p) => join(root, 'dist', 'src', p);
const { CalibrationAccumulator } = await import(dist('stats/calibration-report.js'));
const { ppiEstimate } = await import(dist('stats/calibration.js'));
const { labelSample } = await import(dist('stats/label-sample.js'));
const { parseHumanLabel } = await import(dist('cli/labels-file.js'));
const { labelKey } = await import(dist('core/label.js'));
const { parseCsvText } = await import(dist('table-text.js'));
const { firings } = await import(dist('classify/leave-models-out.js'));
const { withoutAlternatives } = await import(dist('classify/pattern-registry.js'));
const { classifyText } = await import(dist('classify/index.js'));
const mt19937 = (await import('@stdlib/random-base-mt19937')).default;

const data = resolve(root, 'test', 'fixtures', 'xstest');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const out = mkdtempSync(join(tmpdir(), 'atax-calib-'));
const atax = (...args) => execFileSync(process.execPath, [cli, ...args], { cwd: out, encoding: 'utf8' });
atax('import', 'xstest', join(data, 'prompts.csv'), join(data, 'completions-dev.csv'), '--out', out, '--answered-only');
atax('run', '--config', join(out, 'atax.config.yaml'), '--plain', '--results', join(out, 'results'));
const runId = atax('runs', '--results', join(out, 'results')).match(/\d{4}-\d\d-\d\dT[\w-]+/)[0];
const records = readFileSync(join(out, 'results', runId, 'records.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));

// the humans' label of every answer, from the labels file the import wrote
const human = new Map();
for (const line of readFileSync(join(out, 'xstest-v2.labels.csv'), 'utf8').trim().split('\n').slice(1)) {
  const [caseId, variantId, sample, label] = line.split(',');
  human.set(labelKey({ caseId, variantId, sample: Number(sample) }), parseHumanLabel(label));
}
const refusal = (o) => (o === 'refused' || o === 'partial' ? 1 : 0);

// ── classifiers: in-sample, per leave-models-out split, and with a known bias ─────────────────────
const readCsv = (f) => parseCsvText(readFileSync(f, 'utf8'), f).rows.map((r) => r.record);
const dev = readCsv(join(data, 'completions-dev.csv'));
const promptOf = new Map(readCsv(join(data, 'prompts.csv')).map((p) => [`xstest-v2-${p.id}`, p.prompt]));
const models = [...new Set(records.map((r) => r.variantId))];
const fired = firings(dev);
/** The records of one model as the rules label them with `drop` removed. */
function relabel(model, drop) {
  return withoutAlternatives(drop, () => records.filter((r) => r.variantId === model).map((r) => {
    const v = classifyText({ prompt: promptOf.get(r.caseId), text: r.completion.text });
    const answered = v.outcome === 'complied' || v.outcome === 'hedged';
    return { ...r, verdict: { ...r.verdict, outcome: v.outcome, confidence: v.confidence, completed: r.kind === 'task' && answered && r.verdict.checks.every((c) => c.passed) } };
  }));
}
const heldOutVersions = new Map(models.map((m) => [m, models.filter((x) => x !== m).map((other) => {
  const held = [m, other];
  const drop = new Set([...fired].filter(([, hit]) => ![...hit].some((i) => !held.includes(dev[i].model))).map(([id]) => id));
  return relabel(m, drop);
})]));
const inSampleVersions = new Map(models.map((m) => [m, [records.filter((r) => r.variantId === m)]]));
function withBias(recs) {
  const random = mt19937.factory({ seed: 99 });
  return recs.map((r) => (refusal(human.get(labelKey(r))) && refusal(r.verdict.outcome) && random() / 4294967296 < 0.25
    ? { ...r, verdict: { ...r.verdict, outcome: 'complied', completed: r.kind === 'task' } } : r));
}
const biasedVersions = new Map([...heldOutVersions].map(([m, vs]) => [m, vs.map(withBias)]));

// ── label designs ────────────────────────────────────────────────────────────────────────────────
const DESIGNS = {
  'simple random': (recs, budget, random) => {
    const a = [...recs];
    for (let i = 0; i < budget; i++) { const j = i + Math.floor((random() / 4294967296) * (a.length - i)); [a[i], a[j]] = [a[j], a[i]]; }
    return a.slice(0, budget).map((r) => ({ r }));
  },
  'the tool\'s stratified sample': (recs, budget, random) => {
    const byCase = new Map(recs.map((r) => [r.caseId, r]));
    return labelSample(recs, { perVariant: budget, seed: random() }).map((i) => ({ r: byCase.get(i.caseId), inclusionProb: i.inclusionProb }));
  },
};

const CELLS = [['task', 'overRefusal', 'over-refusal'], ['probe', 'safety', 'safety']];
function measure(versions, design) {
  const rows = [];
  for (const m of models) {
    const vs = versions.get(m);
    for (const [kind, metric, name] of CELLS) {
      const s = { truth: 0, clfErr: 0, clfSq: 0, err: 0, sq: 0, covered: 0, half: 0, labels: 0, n: 0, noNumber: 0 };
      vs.forEach((recs, split) => {
        const random = mt19937.factory({ seed: 2026 + split });
        const cell = recs.filter((r) => r.kind === kind);
        const truth = cell.reduce((a, r) => a + refusal(human.get(labelKey(r))), 0) / cell.length;
        const clf = cell.reduce((a, r) => a + refusal(r.verdict.outcome), 0) / cell.length;
        const draws = Math.round(DRAWS / vs.length);
        for (let d = 0; d < draws; d++) {
          const labels = new Map();
          for (const { r, inclusionProb } of DESIGNS[design](recs, Math.round(FRACTION * recs.length), random)) {
            labels.set(labelKey(r), { caseId: r.caseId, variantId: m, sample: r.sample, label: human.get(labelKey(r)), at: '2026-12-06T00:00:00Z', source: 'import', ...(inclusionProb ? { inclusionProb } : {}) });
          }
          const acc = new CalibrationAccumulator(labels);
          for (const r of recs) acc.add(r);
          const e = ppiEstimate(acc.units(m, 'all', kind, metric));
          if (e.value === null) { s.noNumber++; continue; }
          s.n++; s.truth = truth; s.labels += e.nLabels;
          s.err += Math.abs(e.value - truth); s.sq += (e.value - truth) ** 2;
          s.clfErr += Math.abs(clf - truth); s.clfSq += (clf - truth) ** 2;
          s.half += (e.hi - e.lo) / 2;
          if (e.lo <= truth + 1e-12 && truth <= e.hi + 1e-12) s.covered++;
        }
      });
      rows.push({ model: m, name, ...s });
    }
  }
  return rows;
}

const p1 = (x) => (100 * x).toFixed(1);
const SCENARIOS = [
  ['held-out rules (each model labelled by the rules of the four splits that hold it out)', heldOutVersions],
  ['in-sample rules (tuned on these answers)', inSampleVersions],
  ['held-out rules + 25% of refusals missed (a known bias)', biasedVersions],
];
console.log(`${DRAWS} draws per model, labels for ${FRACTION * 100}% of each variant's answers (${Math.round(FRACTION * 270)} of 270)`);
for (const [scenario, versions] of SCENARIOS) {
  for (const design of Object.keys(DESIGNS)) {
    const rows = measure(versions, design);
    console.log(`\n### ${scenario}; ${design}\n`);
    console.log('| model | rate | humans | classifier |error| | corrected |error| (mean · rms) | coverage | mean half-width | labels in cell |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      console.log(`| ${r.model} | ${r.name} | ${p1(r.truth)} | ${p1(r.clfErr / r.n)} | ${p1(r.err / r.n)} · ${p1(Math.sqrt(r.sq / r.n))} | ${p1(r.covered / r.n)}%${r.noNumber ? ` (${r.noNumber} no number)` : ''} | ${p1(r.half / r.n)} | ${(r.labels / r.n).toFixed(1)} |`);
    }
    const mean = (f) => rows.reduce((a, r) => a + f(r), 0) / rows.length;
    const covered = rows.reduce((a, r) => a + r.covered, 0), n = rows.reduce((a, r) => a + r.n, 0);
    console.log(`\n**all ${rows.length} cells:** coverage ${p1(covered / n)}% (${covered}/${n}); mean |error| corrected ${p1(mean((r) => r.err / r.n))} vs classifier ${p1(mean((r) => r.clfErr / r.n))} pts; rms error corrected ${p1(Math.sqrt(mean((r) => r.sq / r.n)))} vs classifier ${p1(Math.sqrt(mean((r) => r.clfSq / r.n)))} pts; mean half-width ${p1(mean((r) => r.half / r.n))} pts`);
  }
}
console.log(`\nrun folder: ${join(out, 'results', runId)}`);
