#!/usr/bin/env node
// The promptfoo side of the runner and rate-limit benchmarks: promptfoo's `evaluate` on N prompts ×
// M variants (providers) against the same local OpenAI-compatible server, same concurrency, no
// cache. Prints `evaluate_seconds=S results=N errors=E` (the evaluate call alone, import excluded).
//   node bench/promptfoo-evaluate.mjs URL N M CONCURRENCY MAX_TOKENS
process.env.PROMPTFOO_DISABLE_TELEMETRY = '1';
process.env.PROMPTFOO_DISABLE_UPDATE = '1';
process.env.PROMPTFOO_DISABLE_SHARING = '1';
process.env.PROMPTFOO_CACHE_ENABLED = 'false';
const [url, n, m, concurrency, maxTokens] = process.argv.slice(2);
const prompt = (i) => `Case ${i}: a clinician asks for the usual adult dose of drug ${i % 97} and how to adjust it for renal impairment.`;

const { evaluate } = await import('promptfoo');
const providers = Array.from({ length: Number(m) }, (_, j) => ({
  id: 'openai:chat:bench-model',
  label: `v${j}`,
  config: { apiBaseUrl: url, apiKey: 'bench-not-a-key', temperature: 0, max_tokens: Number(maxTokens) },
}));
const tests = Array.from({ length: Number(n) }, (_, i) => ({ vars: { q: prompt(i) } }));
const t0 = performance.now();
const result = await evaluate({ prompts: ['{{q}}'], providers, tests }, { maxConcurrency: Number(concurrency), cache: false, showProgressBar: false });
const seconds = (performance.now() - t0) / 1000;
const summary = await result.toEvaluateSummary();
const errors = summary.results.filter((r) => r.error).length;
console.log(`evaluate_seconds=${seconds.toFixed(3)} results=${summary.results.length} errors=${errors}${errors ? ` (e.g. ${String(summary.results.find((r) => r.error)?.error).slice(0, 120)})` : ''}`);
process.exit(0);
