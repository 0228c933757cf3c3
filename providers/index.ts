// The provider catalogue: a plain backend name → factory map. A new backend is one file here and
// one line in `backends`.
import type { Variant } from '../src/core/index.js';
import { UserError } from '../src/errors.js';
import { createAnthropicProvider } from './anthropic.js';
import { envRefs, isLoopbackUrl } from './env.js';
import { createHttpProvider } from './http.js';
import { createOllamaProvider, ollamaHost } from './ollama.js';
import { createOpenAIProvider, DEFAULT_OPENAI_BASE_URL } from './openai.js';
import { DEFAULT_ANTHROPIC_BASE_URL } from './anthropic.js';
import { createPromptfooProvider } from './promptfoo.js';
import { createReplayProvider } from './replay.js';
import { createSimProvider } from './sim.js';
import type { Provider, ProviderFactory } from './types.js';

export { ProviderError } from './types.js';
export type { Provider, ProviderFactory, ProviderRequest, ProviderSpec } from './types.js';

export const backends: Record<string, ProviderFactory> = {
  openai: createOpenAIProvider,
  anthropic: createAnthropicProvider,
  ollama: createOllamaProvider,
  http: createHttpProvider,
  promptfoo: createPromptfooProvider,
  replay: createReplayProvider,
  sim: createSimProvider,
};

export function knownBackends(): string[] {
  return Object.keys(backends).sort();
}

/** `backend:model`, split at the first colon (`promptfoo:bedrock:…` keeps the rest as the model). */
export function parseProviderId(id: string): { backend: string; model: string } {
  const colon = id.indexOf(':');
  if (colon <= 0 || colon === id.length - 1) {
    throw new UserError(`provider "${id}" is not of the form backend:model`, `e.g. openai:gpt-4o-mini or sim:cautious; known backends: ${knownBackends().join(', ')}`);
  }
  return { backend: id.slice(0, colon), model: id.slice(colon + 1) };
}

function unknownBackend(backend: string, variant: Variant): UserError {
  return new UserError(
    `variant "${variant.id}": unknown provider backend "${backend}" in "${variant.provider}"`,
    `known backends: ${knownBackends().join(', ')}`,
  );
}

/** Builds the provider a variant names. Bad ids, unknown backends and bad options are UserErrors. */
export function createProvider(variant: Variant, ctx: { baseDir: string; env?: NodeJS.ProcessEnv }): Provider {
  const { backend, model } = parseProviderId(variant.provider);
  const factory = Object.hasOwn(backends, backend) ? backends[backend] : undefined;
  if (!factory) throw unknownBackend(backend, variant);
  return factory({ backend, model, options: variant.options ?? {}, variantId: variant.id, baseDir: ctx.baseDir, env: ctx.env ?? process.env });
}

const DEFAULT_KEY_ENV: Record<string, string> = { openai: 'OPENAI_API_KEY', anthropic: 'ANTHROPIC_API_KEY' };

/** The base URL a backend will call, for the loopback rule. */
function baseUrlOf(backend: string, variant: Variant, env: NodeJS.ProcessEnv): string | undefined {
  const baseUrl = typeof variant.options?.baseUrl === 'string' ? variant.options.baseUrl : undefined;
  if (backend === 'openai') return baseUrl ?? DEFAULT_OPENAI_BASE_URL;
  if (backend === 'anthropic') return baseUrl ?? DEFAULT_ANTHROPIC_BASE_URL;
  if (backend === 'ollama') {
    try { return ollamaHost(baseUrl, env); } catch { return undefined; }
  }
  return baseUrl;
}

/**
 * The environment variable a variant needs but `env` lacks, or undefined. sim and replay need none,
 * nor does a loopback base URL; http needs every `${VAR}` its url, headers and body refer to.
 */
export function missingApiKey(variant: Variant, env: NodeJS.ProcessEnv): string | undefined {
  const colon = variant.provider.indexOf(':');
  const backend = colon > 0 ? variant.provider.slice(0, colon) : variant.provider;
  if (backend === 'sim' || backend === 'replay' || !Object.hasOwn(backends, backend)) return undefined;
  const options = variant.options ?? {};
  if (backend === 'http') {
    const texts = [options.url, ...Object.values(asRecord(options.headers)), ...stringsIn(options.body)].filter((t): t is string => typeof t === 'string');
    const refs = texts.flatMap(envRefs);
    const missing = refs.find((name) => !env[name]);
    if (missing) return missing;
  }
  const name = options.apiKeyEnv ?? DEFAULT_KEY_ENV[backend];
  if (!name || env[name]) return undefined;
  return isLoopbackUrl(baseUrlOf(backend, variant, env)) ? undefined : name;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}
