// The test servers are infrastructure other tests rely on: check the behaviour they promise.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { startOpenAIServer } from './openai.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const chat = (url: string, content: string) => request(`${url}/chat/completions`, {
  method: 'POST', headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content }] }),
});

describe('test servers', () => {
  it('count in-flight requests and their maximum, and apply faults in order', async () => {
    const server = await startOpenAIServer({ delayMs: 100 });
    try {
      const answers = await Promise.all([1, 2, 3, 4, 5].map((i) => chat(server.url, `q${i}`).then((r) => r.body.json())));
      expect(answers.map((a) => (a as { choices: { message: { content: string } }[] }).choices[0].message.content).sort()).toEqual(['Echo: q1', 'Echo: q2', 'Echo: q3', 'Echo: q4', 'Echo: q5']);
      expect(server.stats.maxInFlight).toBe(5);
      expect(server.stats.inFlight).toBe(0);
      expect(server.stats.count).toBe(5);
      server.inject({ status: 429, retryAfter: 1 }, { status: 500 });
      const first = await chat(server.url, 'a');
      expect([first.statusCode, first.headers['retry-after']]).toEqual([429, '1']);
      await first.body.dump();
      const second = await chat(server.url, 'b');
      expect(second.statusCode).toBe(500);
      await second.body.dump();
      const third = await chat(server.url, 'c');
      expect(third.statusCode).toBe(200);
      await third.body.dump();
    } finally {
      await server.close();
    }
  });

  it('lets a responder answer chosen prompts with a fault, whatever their arrival order', async () => {
    const server = await startOpenAIServer();
    const seen = new Map<string, number>();
    server.setResponder((input) => {
      const n = (seen.get(input.prompt) ?? 0) + 1;
      seen.set(input.prompt, n);
      return input.prompt === 'flaky' && n <= 2 ? { fault: { status: 503 } } : `ok ${input.prompt}`;
    });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        const res = await chat(server.url, 'flaky');
        statuses.push(res.statusCode);
        await res.body.dump();
      }
      expect(statuses).toEqual([503, 503, 200]);
      expect((await chat(server.url, 'steady')).statusCode).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('openai-cli.mjs runs as its own process, prints its base URL and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [join(here, 'openai-cli.mjs'), '--delay-ms', '1'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const [line] = (await once(child.stdout, 'data')) as [Buffer];
      const url = line.toString().trim();
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const res = await chat(url, 'ping');
      expect(((await res.body.json()) as { choices: { message: { content: string } }[] }).choices[0].message.content).toBe('Echo: ping');
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
  });
});
