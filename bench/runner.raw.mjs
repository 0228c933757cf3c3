#!/usr/bin/env node
// The ceiling for bench/runner.mjs: `concurrency` workers sending the chat completions atax would
// send, with undici, parsing each JSON answer and nothing else. Imported by runner.mjs (warm, in
// its process) or run on its own (a fresh process, like for like with the whole `atax run`):
//   node bench/runner.raw.mjs URL CASES VARIANTS CONCURRENCY
import { Agent, request } from 'undici';
import { fileURLToPath } from 'node:url';

export const prompt = (i) => `Case ${i}: a clinician asks for the usual adult dose of drug ${i % 97} and how to adjust it for renal impairment.`;

/** (a) the ceiling: `concurrency` workers sending the same requests with undici and parsing the JSON. */
export async function rawLoop(url, n, m, concurrency) {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const total = n * m;
  let next = 0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const worker = async () => {
    while (next < total) {
      const k = next++;
      const body = JSON.stringify({ model: 'bench-model', messages: [{ role: 'user', content: prompt(Math.floor(k / m)) }], temperature: 0, max_tokens: 256 });
      const res = await request(`${url}/chat/completions`, { method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json' }, body });
      const json = await res.body.json();
      if (typeof json.choices?.[0]?.message?.content !== 'string') throw new Error('bad answer');
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  await agent.close();
  return { seconds, cpu: (cpu.user + cpu.system) / 1e6 };
}


if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [url, n, m, concurrency] = process.argv.slice(2);
  const r = await rawLoop(url, Number(n), Number(m), Number(concurrency));
  console.log(`raw_seconds=${r.seconds.toFixed(3)} cpu_seconds=${r.cpu.toFixed(3)}`);
}
