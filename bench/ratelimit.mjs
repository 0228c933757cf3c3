#!/usr/bin/env node
// Rate limits used to the last request: `atax run` and promptfoo's `evaluate`, one after the other,
// against the same local OpenAI-compatible server enforcing token buckets of requests and tokens per
// minute (test/servers/ratelimit.mjs: x-ratelimit-* headers on every answer, 429 + retry-after-ms
// when a request does not fit). Each tool gets a fresh server (full buckets) with the same limits.
//   npm run build && node bench/ratelimit.mjs [--n 900] [--rpm 1200] [--tpm 90000] [--burst 2] [--concurrency 32] [--no-promptfoo]
// Reported per tool: wall time; requests and tokens admitted per minute against the limits; the
// utilisation of the binding limit = admitted ÷ (bucket + refill over the run), i.e. the share of
// what the server would have let through in that time; and the share of requests answered 429.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOpenAIServer } from '../test/servers/openai.mjs';
import { createLimiter } from '../test/servers/ratelimit.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/src/cli/main.js');
const MAX_TOKENS = 64;

function parseArgs(argv) {
  const o = { n: 900, rpm: 1200, tpm: 90_000, burst: 2, concurrency: 32, promptfoo: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--no-promptfoo') o.promptfoo = false;
    else if (['--n', '--rpm', '--tpm', '--burst', '--concurrency'].includes(a)) o[a.slice(2)] = Number(argv[++i]);
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

const prompt = (i) => `Case ${i}: a clinician asks for the usual adult dose of drug ${i % 97} and how to adjust it for renal impairment.`;

function project(n, url, concurrency) {
  const dir = mkdtempSync(join(tmpdir(), 'atax-bench-rl-'));
  mkdirSync(join(dir, 'suites'));
  const cases = Array.from({ length: n }, (_, i) => `  - id: c${i}\n    kind: task\n    prompt: "${prompt(i)}"`).join('\n');
  writeFileSync(join(dir, 'suites/bench.yaml'), `id: bench\nversion: 1\ndomain: medical\ncases:\n${cases}\n`);
  writeFileSync(join(dir, 'atax.config.yaml'), [
    'suites: [suites/*.yaml]', 'baseline: v0', `concurrency: ${concurrency}`, 'maxAttempts: 8', 'variants:',
    `  - id: v0\n    provider: openai:bench-model\n    options: { baseUrl: "${url}" }\n    params: { temperature: 0, maxTokens: ${MAX_TOKENS} }`,
  ].join('\n') + '\n');
  return dir;
}

function run(args, cwd, env = {}) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, seconds: (performance.now() - t0) / 1000, out, err }));
  });
}

/** What the server saw: admitted per minute vs the limits, utilisation of the binding one, 429 share. */
function measure(limiter, o) {
  const { admitted, rejected, admittedAt, tokensAdmitted } = limiter.stats;
  const spanMin = (admittedAt.at(-1) - admittedAt[0]) / 60_000;
  const possible = (perMinute) => perMinute * (o.burst / 60) + perMinute * spanMin;
  const util = { requests: admitted / possible(o.rpm), tokens: tokensAdmitted / possible(o.tpm) };
  const bound = util.tokens > util.requests ? 'tpm' : 'rpm';
  return {
    admitted, rejected,
    rejectedShare: rejected / (admitted + rejected),
    rpm: admitted / spanMin,
    tpm: tokensAdmitted / spanMin,
    bound,
    utilisation: Math.max(util.requests, util.tokens),
    spanSeconds: spanMin * 60,
  };
}

async function withServer(o, fn) {
  const limiter = createLimiter({ rpm: o.rpm, tpm: o.tpm, burstSeconds: o.burst, defaultMaxTokens: MAX_TOKENS });
  const server = await startOpenAIServer({ limiter, record: false });
  try {
    const r = await fn(server.url);
    return { ...r, ...measure(limiter, o) };
  } finally {
    await server.close();
  }
}

const o = parseArgs(process.argv.slice(2));
const rows = [];
const atax = await withServer(o, async (url) => {
  const dir = project(o.n, url, o.concurrency);
  try {
    const r = await run([CLI, 'run', '--config', join(dir, 'atax.config.yaml'), '--plain', '--no-cache', '--results', join(dir, 'results')], dir);
    if (r.code !== 0) throw new Error(`atax run exited ${r.code}: ${r.err.slice(-500)}`);
    const estimate = r.out.split('\n').find((l) => l.startsWith('estimate:'));
    return { seconds: r.seconds, note: estimate };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
rows.push(['atax run', atax]);
if (o.promptfoo) {
  const pf = await withServer(o, async (url) => {
    const configDir = mkdtempSync(join(tmpdir(), 'atax-bench-pf-'));
    try {
      const r = await run([join(ROOT, 'bench/promptfoo-evaluate.mjs'), url, String(o.n), '1', String(o.concurrency), String(MAX_TOKENS)], ROOT, { PROMPTFOO_CONFIG_DIR: configDir });
      return { seconds: r.seconds, note: (r.out + r.err).trim().split('\n').filter((l) => /evaluate_seconds|errors/.test(l)).join('; ') };
    } finally {
      rmSync(configDir, { recursive: true, force: true });
    }
  });
  rows.push(['promptfoo evaluate', pf]);
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;
console.log(`limits: rpm ${o.rpm}, tpm ${o.tpm}, bucket ${o.burst} s; ${o.n} requests (maxTokens ${MAX_TOKENS}), concurrency ${o.concurrency}; node ${process.version}`);
console.log('| tool | wall s | admitted req/min | admitted tok/min | binding limit | utilisation of it | answered 429 |');
console.log('|---|---|---|---|---|---|---|');
for (const [name, r] of rows) {
  console.log(`| ${name} | ${r.seconds.toFixed(1)} | ${Math.round(r.rpm)} | ${Math.round(r.tpm)} | ${r.bound} | ${pct(r.utilisation)} | ${r.rejected} of ${r.admitted + r.rejected} (${pct(r.rejectedShare)}) |`);
}
for (const [name, r] of rows) if (r.note) console.log(`${name}: ${r.note}`);
