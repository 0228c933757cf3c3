// Load time of a 5,000-case suite written two ways: all cases inline in the YAML (parsed by `yaml`
// into a Document), and the same cases in a JSONL cases file the YAML names (read line by line).
// Each load runs in a fresh process (start-up excluded: the time is taken around loadSuiteFile),
// so every measurement pays the same module loading and nothing is warm.
//   npm run build && node bench/suite-load.mjs [--cases 5000] [--reps 7]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { describe, formatSummary } from './describe.mjs';

const arg = (name, dflt) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const CASES = arg('cases', 5000);
const REPS = arg('reps', 7);

/** Cases shaped like the shipped suites: a prompt of a few sentences, tags, a check, pairs. */
function makeCases(n) {
  return Array.from({ length: n }, (_, i) => ({
    id: `case-${String(i).padStart(5, '0')}`,
    kind: i % 2 ? 'probe' : 'task',
    prompt: `Case ${i}: a user asks how to rotate the logs of a service without losing lines, what to check before, and how to verify afterwards. Answer with concrete commands.`,
    tags: ['ops', i % 3 ? 'logs' : 'disk'],
    ...(i % 2 ? { pair: `case-${String(i - 1).padStart(5, '0')}` } : { expect: [{ type: 'contains', value: 'logrotate' }] }),
  }));
}

const dir = mkdtempSync(join(tmpdir(), 'atax-suite-load-'));
try {
  const cases = makeCases(CASES);
  const head = { id: 'bench', version: 1, domain: 'ops' };
  const inline = join(dir, 'inline.yaml');
  writeFileSync(inline, stringify({ ...head, cases }, { lineWidth: 0 }));
  const jsonl = join(dir, 'jsonl.yaml');
  writeFileSync(join(dir, 'jsonl.cases.jsonl'), cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  writeFileSync(jsonl, stringify({ ...head, casesFile: 'jsonl.cases.jsonl' }));
  const loader = resolve('dist/src/suite/index.js');
  const probe = `const { loadSuiteFile } = await import(${JSON.stringify(loader)});
    const t0 = performance.now(); const s = loadSuiteFile(process.argv[1]); const ms = performance.now() - t0;
    process.stdout.write(JSON.stringify({ ms, cases: s.cases.length, rss: process.memoryUsage().rss }));`;
  const measure = (file) => {
    const runs = [];
    for (let i = 0; i < REPS; i++) {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe, file], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      runs.push(JSON.parse(r.stdout));
    }
    if (runs.some((r) => r.cases !== CASES)) throw new Error('a load lost cases');
    return { ms: describe(runs.map((r) => r.ms)), rssMb: describe(runs.map((r) => r.rss / 2 ** 20)) };
  };
  const sizes = { inline: statSync(inline).size, jsonl: statSync(join(dir, 'jsonl.cases.jsonl')).size };
  for (const [name, file] of [['inline YAML', inline], ['YAML + JSONL cases file', jsonl]]) {
    const m = measure(file);
    const bytes = name === 'inline YAML' ? sizes.inline : sizes.jsonl;
    console.log(`${name}: ${CASES} cases, ${(bytes / 2 ** 20).toFixed(2)} MB: load ${formatSummary(m.ms, { unit: 'ms', digits: 0 })}; RSS after ${formatSummary(m.rssMb, { unit: 'MB', digits: 0 })}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
