/**
 * `promptfoo:ID` — any provider in promptfoo's catalogue (`promptfoo:bedrock:…`, `promptfoo:vertex:…`,
 * `promptfoo:openai:chat:gpt-4o-mini`, …) through promptfoo's `loadApiProvider`. promptfoo is loaded
 * only when a variant uses this backend (./promptfoo-module.ts: an optional peer dependency, loaded
 * with telemetry, update checks and sharing switched off).
 *
 * options:
 *   config      the promptfoo provider's `config` object, passed as is (e.g. { region: us-east-1 } for
 *               bedrock, { apiBaseUrl: http://127.0.0.1:8000/v1 } for openai). `maxRetries` defaults to
 *               0 so promptfoo makes one attempt and our runner owns retries; promptfoo's own response
 *               cache is disabled (ours applies).
 *   apiKeyEnv   optional: a variable that must be set before the run starts (validation names it)
 *   (runner)    timeoutMs, rpm, concurrency, maxAttempts
 * params: temperature, topP → top_p, maxTokens → max_tokens, seed, stop are added to config unless
 * config sets them. Several messages (or a system message) are passed as a JSON chat array, which
 * promptfoo's chat providers read; a single user message is passed as plain text. Errors promptfoo
 * reports as text are typed by their wording (401/403 → auth, 429 → rate-limit, 5xx → server, …).
 */
import type { Params } from '../src/core/index.js';
import { UserError } from '../src/errors.js';
import { ProviderError, type Backend, type Provider, type ProviderFactory, type ProviderRequest, type ProviderSpec } from './types.js';
import { abortError, attempt, badResponse } from './errors.js';
import { missingKeyEnv } from './env.js';
import { loadPromptfoo, requirePromptfoo, type PromptfooProvider, type PromptfooResponse } from './promptfoo-module.js';

type Answer = Awaited<ReturnType<Provider['complete']>>;

function configFor(spec: ProviderSpec, params: Params): Record<string, unknown> {
  const config = spec.options.config ?? {};
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new UserError(`variant "${spec.variantId}" (promptfoo:${spec.model}): options.config must be a map`, 'it is passed to the promptfoo provider as its `config`');
  }
  return {
    maxRetries: 0,
    ...(params.temperature !== undefined && { temperature: params.temperature }),
    ...(params.topP !== undefined && { top_p: params.topP }),
    ...(params.maxTokens !== undefined && { max_tokens: params.maxTokens }),
    ...(params.seed !== undefined && { seed: params.seed }),
    ...(params.stop?.length && { stop: params.stop }),
    ...config,
  };
}

/** promptfoo reports failures as text; its wording is all there is to type them by. */
export function errorFromText(label: string, text: string): ProviderError {
  const message = `${label}: ${text.replace(/\s+/g, ' ').slice(0, 300)}`;
  if (/\b(401|403)\b|unauthori[sz]ed|forbidden|api key/i.test(text)) return new ProviderError('auth', message, { retryable: false });
  if (/\b429\b|rate.?limit|too many requests/i.test(text)) return new ProviderError('rate-limit', message);
  if (/timed? ?out|timeout/i.test(text)) return new ProviderError('timeout', message);
  if (/ECONNRESET|ECONNREFUSED|socket|fetch failed|network|other side closed/i.test(text)) return new ProviderError('network', message);
  if (/\b5\d\d\b|internal server error|overloaded|bad gateway|unavailable/i.test(text)) return new ProviderError('server', message);
  if (/\b(400|404|422)\b|not found|invalid/i.test(text)) return new ProviderError('config', message, { retryable: false });
  return new ProviderError('bad-response', message, { retryable: false });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function promptText(req: ProviderRequest): string {
  const only = req.messages.length === 1 ? req.messages[0] : undefined;
  return only && only.role === 'user' ? only.content : JSON.stringify(req.messages);
}

/** Rejects as soon as the signal aborts, even if the promptfoo provider ignores the signal. */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, label: string): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(label, signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function toAnswer(res: PromptfooResponse, label: string): Answer {
  if (res.error) throw errorFromText(label, res.error);
  if (res.output === undefined || res.output === null) throw badResponse(label, 'promptfoo returned no output and no error');
  const text = typeof res.output === 'string' ? res.output : JSON.stringify(res.output);
  const usage = res.tokenUsage && { inputTokens: res.tokenUsage.prompt, outputTokens: res.tokenUsage.completion };
  return { text, ...(res.finishReason && { finishReason: res.finishReason }), ...(usage && { usage }), ...(typeof res.cost === 'number' && { cost: res.cost }) };
}

export const createPromptfooProvider: ProviderFactory = (spec) => {
  const label = `promptfoo:${spec.model}`;
  requirePromptfoo(`variant "${spec.variantId}" (${label})`); // exit 2 before any request
  configFor(spec, {}); // reject a malformed config before any request
  const env = spec.env === process.env ? undefined
    : Object.fromEntries(Object.entries(spec.env).filter((e): e is [string, string] => typeof e[1] === 'string'));
  // one promptfoo provider per distinct config (params are part of it), loaded on first use
  const instances = new Map<string, Promise<PromptfooProvider>>();
  const providerFor = (params: Params) => {
    const config = configFor(spec, params);
    const key = JSON.stringify(config);
    let p = instances.get(key);
    if (!p) {
      p = loadPromptfoo(label)
        .then((pf) => pf.loadApiProvider(spec.model, { options: { config }, ...(env && { env }) }))
        .catch((err: unknown) => {
          throw new ProviderError('config', `${label}: promptfoo cannot load provider "${spec.model}": ${messageOf(err)}`, { retryable: false, cause: err });
        });
      p.catch(() => instances.delete(key));
      instances.set(key, p);
    }
    return p;
  };
  return {
    id: label,
    queueKey: `promptfoo ${spec.model}`,
    cacheable: true,
    complete: (req) => attempt(req, label, [], async () => {
      const provider = await raceAbort(providerFor(req.params), req.signal, label);
      const call = provider.callApi(promptText(req), undefined, { abortSignal: req.signal })
        .catch((err: unknown) => { throw req.signal?.aborted ? err : errorFromText(label, messageOf(err)); });
      const res = await raceAbort(call, req.signal, label);
      return toAnswer(res, label);
    }),
  };
};

/** The promptfoo bridge: promptfoo reads its own keys; options.apiKeyEnv names one that must be set. */
export const promptfooBackend: Backend = {
  create: createPromptfooProvider,
  missingEnv: (options, env) => missingKeyEnv(options, env, undefined, undefined),
};
