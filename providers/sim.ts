/**
 * `sim:` — a deterministic simulated model family for the offline demo and for tests.
 * `sim:frank`, `sim:balanced` and `sim:cautious` differ in how often they refuse benign tasks
 * that merely look sensitive, refuse partially, hedge, and go along with harmful probes
 * (rates in providers/sim/profiles.ts). Answers are seeded by (case, variant, sample):
 * the same run gives the same records everywhere. Every output built from it says so
 * (`simulated: true`).
 */
import { UserError } from '../src/errors.js';
import type { Provider, ProviderFactory, ProviderRequest } from './types.js';
import { ProviderError } from './types.js';
import { SIM_PROFILES, simProfileNames } from './sim/profiles.js';
import { simulateAnswer } from './sim/compose.js';
import { hashString } from './sim/random.js';

export { SIM_PROFILES, simProfileNames } from './sim/profiles.js';
export { simulateAnswer } from './sim/compose.js';

/** 0–5 ms, fixed per request: enough to exercise the runner's concurrency, fast for the demo. */
function latencyFor(req: ProviderRequest): number {
  return hashString(`latency\u241f${req.case.id}\u241f${req.variantId}\u241f${req.sample}`) % 6;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ProviderError('aborted', 'request aborted', { retryable: false }));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ProviderError('aborted', 'request aborted', { retryable: false }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

export const createSimProvider: ProviderFactory = (spec) => {
  const profile = SIM_PROFILES[spec.model];
  if (!profile) {
    throw new UserError(
      `variant "${spec.variantId}": unknown sim profile "${spec.model}"`,
      `use one of: ${simProfileNames().map((n) => `sim:${n}`).join(', ')}`,
    );
  }
  const provider: Provider = {
    id: `sim:${profile.name}`,
    queueKey: 'sim',
    simulated: true,
    cacheable: false,
    async complete(req) {
      const latencyMs = latencyFor(req);
      await sleep(latencyMs, req.signal);
      const answer = simulateAnswer(profile, req.case, req.variantId, req.sample);
      const inputWords = req.messages.reduce((n, m) => n + wordCount(m.content), 0);
      return {
        text: answer.text,
        finishReason: 'stop',
        usage: { inputTokens: Math.ceil(inputWords * 1.3), outputTokens: Math.ceil(wordCount(answer.text) * 1.3) },
        latencyMs,
      };
    },
  };
  return provider;
};
