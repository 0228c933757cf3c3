// Batch API benchmark: 2,000 requests (1,000 cases × 2 samples) for one `batch: true` variant against
// the local OpenAI Batch API server (test/servers/batch.mjs), run by the built CLI:
//   1. unsharded, killed (SIGKILL) while its batch is still being polled, then `--resume latest`;
//   2. as 3 shards (`--shard 1/3` … `3/3`), merged with `atax merge`.
// Prints: records and duplicates per run, batch submissions, and whether the merged report equals
// the unsharded run's (runId and createdAt aside).
// Usage: npm run build && node bench/batch.mjs [--cases 1000] [--samples 2]
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { startOpenAIBatchServer } from '../test/servers/batch.mjs';

const { values } = parseArgs({ options: { cases: { type: 'string', default: '1000' }, samples: { type: 'string', default: '2' } } });
const cases = Number(values.cases);
const samples = Number(values.samples);
const root = resolve(import.meta.dirname, '..');
const cli = join(root, 'dist', 'src', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'atax-batch-bench-'));
mkdirSync(join(dir, 'suites'));
writeFileSync(join(dir, 'suites', 'bulk.yaml'), stringify({
  id: 'bulk', version: '1', domain: 'legal', description: 'Batch benchmark suite.',
  cases: Array.from({ length: cases }, (_, i) => ({ id: `bulk-${i}`, kind: 'task', prompt: `Summarise statute ${i} in one sentence.` })),
}));

const server = await startOpenAIBatchServer({ pollsUntilDone: 1_000_000 });
writeFileSync(join(dir, 'atax.config.yaml'), stringify({
  suites: ['suites/*.yaml'], baseline: 'batched', samples,
  variants: [{ id: 'batched', provider: 'openai:gpt-test', options: { baseUrl: server.url, batch: true, batchPollMs: 200 } }],
}));

const atax = (args, results) => new Promise((done) => {
  const child = spawn(process.execPath, [cli, ...args, '--results', results], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  child.stdout.on('data', (b) => { out += b; });
  child.stderr.on('data', (b) => { out += b; });
  child.on('exit', (code, signal) => done({ code, signal, out, child }));
  done.child = child;
  atax.last = child;
});
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
const recordsOf = (results, run) => readFileSync(join(results, run, 'records.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
const runsIn = (results) => (existsSync(results) ? readdirSync(results).filter((d) => !d.startsWith('.')).sort() : []);
const count = (records) => {
  const keys = new Map();
  for (const r of records) keys.set(`${r.caseId}/${r.variantId}/${r.sample}`, (keys.get(`${r.caseId}/${r.variantId}/${r.sample}`) ?? 0) + 1);
  return { records: records.length, distinct: keys.size, duplicates: [...keys.values()].filter((n) => n > 1).length };
};

// 1. unsharded, killed mid-poll, resumed
const whole = join(dir, 'results');
const t0 = Date.now();
const first = atax(['run', '--plain', '--no-cache'], whole);
while (!(runsIn(whole)[0] && existsSync(join(whole, runsIn(whole)[0], 'batches.jsonl')) && server.stats.statusCalls >= 3)) await wait(50);
atax.last.kill('SIGKILL');
await first;
const submittedBeforeKill = server.stats.submissions;
server.set({ pollsUntilDone: 3 });
const resumed = await atax(['run', '--plain', '--no-cache', '--resume', 'latest'], whole);
const wholeRun = runsIn(whole)[0];
const wholeCounts = count(recordsOf(whole, wholeRun));
const wholeSeconds = (Date.now() - t0) / 1000;
const submissionsWhole = server.stats.submissions;

// 2. three shards, then merge
const sharded = join(dir, 'sharded');
for (const shard of ['1/3', '2/3', '3/3']) await atax(['run', '--plain', '--no-cache', '--shard', shard], sharded);
const shardRuns = runsIn(sharded);
const merged = await atax(['merge', ...shardRuns, '--out', 'merged'], sharded);
const report = (results, run) => { const r = JSON.parse(readFileSync(join(results, run, 'report.json'), 'utf8')); delete r.runId; delete r.createdAt; return JSON.stringify(r); };
if (!existsSync(join(whole, wholeRun, 'report.json'))) throw new Error(`no report.json for the resumed run:\n${resumed.out}`);
const same = report(whole, wholeRun) === report(sharded, 'merged');

console.log(JSON.stringify({
  plan: cases * samples,
  unsharded: { killedAfterSubmissions: submittedBeforeKill, resumeExit: resumed.code, ...wholeCounts, batchSubmissions: submissionsWhole, seconds: wholeSeconds },
  sharded: { shards: shardRuns.length, batchSubmissions: server.stats.submissions - submissionsWhole, mergeExit: merged.code, ...count(recordsOf(sharded, 'merged')), reportEqualsUnsharded: same },
}, null, 2));
await server.close();
