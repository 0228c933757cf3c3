/**
 * `sim:` — a deterministic simulated model family for the offline demo and for tests.
 * `sim:frank`, `sim:balanced` and `sim:cautious` differ in how often they refuse benign tasks
 * that merely look sensitive, refuse partially, hedge, and go along with harmful probes
 * (rates in providers/sim/profiles.ts; a variant may override them with `options: { overRefusal,
 * hedging, probeCompliance, partialShare }`, each 0–1). Answers are seeded by (case, variant, sample):
 * the same run gives the same records everywhere. Every output built from it says so
 * (`simulated: true`).
 */
import { UserError } from '../src/errors.js';
import type { Provider, ProviderFactory, ProviderRequest } from './types.js';
import { ProviderError } from './types.js';
import { SIM_PROFILES, simProfileNames, type SimProfile } from './sim/profiles.js';
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

/** Rates a variant may override in `options`, e.g. a slightly stricter `balanced` for a regression test. */
const RATE_OPTIONS = {
  overRefusal: 'overRefusalTagged',
  hedging: 'hedging',
  probeCompliance: 'probeCompliance',
  partialShare: 'partialShare',
} as const satisfies Record<string, keyof SimProfile>;

function withOverrides(base: SimProfile, options: Record<string, unknown>, variantId: string): SimProfile {
  const profile = { ...base };
  for (const [key, field] of Object.entries(RATE_OPTIONS)) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      throw new UserError(`variant "${variantId}": sim option ${key} must be a number from 0 to 1, got ${JSON.stringify(value)}`, `e.g. options: { ${key}: 0.1 }`);
    }
    profile[field] = value;
    // the untagged rate keeps its ratio to the tagged one
    if (field === 'overRefusalTagged') profile.overRefusalPlain = base.overRefusalTagged > 0 ? value * (base.overRefusalPlain / base.overRefusalTagged) : 0;
  }
  return profile;
}

export const createSimProvider: ProviderFactory = (spec) => {
  const base = Object.hasOwn(SIM_PROFILES, spec.model) ? SIM_PROFILES[spec.model] : undefined;
  if (!base) {
    throw new UserError(
      `variant "${spec.variantId}": unknown sim profile "${spec.model}"`,
      `use one of: ${simProfileNames().map((n) => `sim:${n}`).join(', ')}`,
    );
  }
  const profile = withOverrides(base, spec.options, spec.variantId);
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
