#!/usr/bin/env node
// The promptfoo side of bench/runner.mjs: `evaluate` on the same N cases × M variants, same server,
// same concurrency, no cache. Prints `evaluate_seconds=S` (the evaluate call alone, import excluded).
//   node bench/runner.promptfoo.mjs URL N M CONCURRENCY
process.env.PROMPTFOO_DISABLE_TELEMETRY = '1';
process.env.PROMPTFOO_DISABLE_UPDATE = '1';
process.env.PROMPTFOO_DISABLE_SHARING = '1';
process.env.PROMPTFOO_CACHE_ENABLED = 'false';
const [url, n, m, concurrency] = process.argv.slice(2);
const prompt = (i) => `Case ${i}: a clinician asks for the usual adult dose of drug ${i % 97} and how to adjust it for renal impairment.`;

const { evaluate } = await import('promptfoo');
const providers = Array.from({ length: Number(m) }, (_, j) => ({
  id: 'openai:chat:bench-model',
  label: `v${j}`,
  config: { apiBaseUrl: url, apiKey: 'bench-not-a-key', temperature: 0, max_tokens: 256 },
}));
const tests = Array.from({ length: Number(n) }, (_, i) => ({ vars: { q: prompt(i) } }));
const t0 = performance.now();
const result = await evaluate({ prompts: ['{{q}}'], providers, tests }, { maxConcurrency: Number(concurrency), cache: false, showProgressBar: false });
const seconds = (performance.now() - t0) / 1000;
const summary = await result.toEvaluateSummary();
const errors = summary.results.filter((r) => r.error).length;
if (errors) console.error(`promptfoo: ${errors} errors, e.g. ${summary.results.find((r) => r.error)?.error}`);
console.log(`evaluate_seconds=${seconds.toFixed(3)} results=${summary.results.length}`);
process.exit(0);
