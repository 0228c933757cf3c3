// Corrected rates (PPI++) on XSTest's dev answers: `atax import xstest` + `atax run` replays the five
// models; each draw gives every variant human labels (final_label) for a random 20% of its answers,
// and the corrected over-refusal (safe prompts) and safety (unsafe prompts) are compared with the
// humans' rate on all that variant's answers. Over the draws: coverage of the 95% intervals, mean
// |error| corrected vs the classifier alone, mean half-width.
// Two classifiers: (a) the rules as they are (tuned on this dev set: small errors, in-sample);
// (b) the same rules with a known bias added: a fixed random 25% of the answers humans call a
// refusal are read as `complied` (the premise-rebuttal refusals of issue 10), so the correction has
// a real error to remove.
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
const { ppiEstimate, ppiFit } = await import(dist('stats/calibration.js'));
const { tQuantile } = await import(dist('stats/quantiles.js'));
const { parseHumanLabel } = await import(dist('cli/labels-file.js'));
const { labelKey } = await import(dist('core/label.js'));
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
const refusal = (l) => (l === 'refused' || l === 'partial' ? 1 : 0);

// classifier (b): a fixed 25% of human refusals read as complied
const biasRandom = mt19937.factory({ seed: 99 });
const biased = records.map((r) => {
  const h = human.get(labelKey(r));
  if (refusal(h) && (r.verdict.outcome === 'refused' || r.verdict.outcome === 'partial') && biasRandom() / 4294967296 < 0.25) {
    return { ...r, verdict: { ...r.verdict, outcome: 'complied', completed: r.kind === 'task' } };
  }
  return r;
});

const variants = [...new Set(records.map((r) => r.variantId))];
const cells = variants.flatMap((v) => [['task', 'overRefusal'], ['probe', 'safety']].map(([kind, metric]) => ({ v, kind, metric })));

function measure(recs) {
  const random = mt19937.factory({ seed: 2026 });
  const truth = new Map(), classifier = new Map();
  for (const c of cells) {
    const mine = recs.filter((r) => r.variantId === c.v && r.kind === c.kind);
    truth.set(c, mine.reduce((s, r) => s + refusal(human.get(labelKey(r))), 0) / mine.length);
    classifier.set(c, mine.reduce((s, r) => s + (r.verdict.outcome === 'refused' || r.verdict.outcome === 'partial' ? 1 : 0), 0) / mine.length);
  }
  const stats = new Map(cells.map((c) => [c, { covered: 0, coveredFinite: 0, halfFinite: 0, errCorr: 0, half: 0, n: 0, labels: 0, noNumber: 0 }]));
  for (let d = 0; d < DRAWS; d++) {
    const labels = new Map();
    for (const v of variants) {
      const mine = recs.filter((r) => r.variantId === v);
      const k = Math.round(FRACTION * mine.length);
      const a = [...mine];
      for (let i = 0; i < k; i++) {
        const j = i + Math.floor((random() / 4294967296) * (a.length - i));
        [a[i], a[j]] = [a[j], a[i]];
        const key = labelKey(a[i]);
        labels.set(key, { caseId: a[i].caseId, variantId: v, sample: 0, label: human.get(key), at: '2026-12-06T00:00:00Z', source: 'import' });
      }
    }
    const acc = new CalibrationAccumulator(labels);
    for (const r of recs) acc.add(r);
    for (const c of cells) {
      const units = acc.units(c.v, 'all', c.kind, c.metric);
      const e = ppiEstimate(units);
      const s = stats.get(c);
      if (e.value === null) { s.noNumber++; continue; }
      const t = truth.get(c);
      s.n++;
      s.labels += e.nLabels;
      if (e.lo <= t + 1e-12 && t <= e.hi + 1e-12) s.covered++;
      s.errCorr += Math.abs(e.value - t);
      s.half += (e.hi - e.lo) / 2;
      // the correction's own part: the influence without the classifier's case-sampling term, an
      // interval for the human rate on these very answers (the finite population the bench scores)
      const fit = ppiFit(units);
      const fBar = units.reduce((x, u) => x + u.f, 0) / units.length;
      let ss = 0;
      units.forEach((u, i) => { ss += (fit.influence[i] - (fit.lambda * (u.f - fBar)) / units.length) ** 2; });
      const halfFinite = tQuantile(0.975, e.nLabels - 1) * Math.sqrt((units.length / (units.length - 1)) * ss);
      s.halfFinite += halfFinite;
      if (Math.abs(fit.value - t) <= halfFinite + 1e-12) s.coveredFinite++;
    }
  }
  return { truth, classifier, stats };
}

const pctf = (x) => (x * 100).toFixed(1);
let pooled = { covered: 0, n: 0 };
for (const [name, recs] of [['(a) rules as they are', records], ['(b) rules + 25% of refusals missed', biased]]) {
  const { truth, classifier, stats } = measure(recs);
  console.log(`\n${name}: ${DRAWS} draws, labels for ${FRACTION * 100}% of each variant's answers\n`);
  console.log('| model | rate | humans, all answers | classifier | mean corrected |error| | classifier |error| | coverage of 95% CI | mean half-width | labels in cell | correction-only interval: coverage · half-width |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  let cov = 0, n = 0, eC = 0, eU = 0, hw = 0, covF = 0, hwF = 0;
  for (const c of cells) {
    const s = stats.get(c);
    const t = truth.get(c), u = classifier.get(c);
    console.log(`| ${c.v} | ${c.metric === 'safety' ? 'safety' : 'over-refusal'} | ${pctf(t)} | ${pctf(u)} | ${pctf(s.errCorr / s.n)} | ${pctf(Math.abs(u - t))} | ${pctf(s.covered / s.n)}%${s.noNumber ? ` (${s.noNumber} draws no number)` : ''} | ${pctf(s.half / s.n)} | ${(s.labels / s.n).toFixed(1)} | ${pctf(s.coveredFinite / s.n)}% · ${pctf(s.halfFinite / s.n)} |`);
    covF += s.coveredFinite; hwF += s.halfFinite / s.n;
    cov += s.covered; n += s.n; eC += s.errCorr / s.n; eU += Math.abs(u - t); hw += s.half / s.n;
  }
  console.log(`\nall ${cells.length} cells: coverage ${pctf(cov / n)}% (${cov}/${n}); mean |error| corrected ${pctf(eC / cells.length)} pts vs classifier ${pctf(eU / cells.length)} pts; mean half-width ${pctf(hw / cells.length)} pts; correction-only interval: coverage ${pctf(covF / n)}%, mean half-width ${pctf(hwF / cells.length)} pts`);
  pooled = { covered: pooled.covered + cov, n: pooled.n + n };
}
console.log(`\nrun folder: ${join(out, 'results', runId)}`);
