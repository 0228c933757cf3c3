// The provider catalogue: a plain backend name → factory map. A new backend is one file here and
// one line in `backends`.
import type { Variant } from '../src/core/index.js';
import { UserError } from '../src/errors.js';
import { anthropicBackend } from './anthropic.js';
import { httpBackend } from './http.js';
import { ollamaBackend } from './ollama.js';
import { openaiBackend } from './openai.js';
import { promptfooBackend } from './promptfoo.js';
import { createReplayProvider } from './replay.js';
import { createSimProvider } from './sim.js';
import type { Backend, Provider } from './types.js';

export { ProviderError } from './types.js';
export type { Backend, Provider, ProviderFactory, ProviderRequest, ProviderSpec } from './types.js';

/** Each backend's factory and environment rule live in its own file; this only names them. */
export const backends: Record<string, Backend> = {
  openai: openaiBackend,
  anthropic: anthropicBackend,
  ollama: ollamaBackend,
  http: httpBackend,
  promptfoo: promptfooBackend,
  replay: { create: createReplayProvider },
  sim: { create: createSimProvider },
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
  const entry = Object.hasOwn(backends, backend) ? backends[backend] : undefined;
  if (!entry) throw unknownBackend(backend, variant);
  return entry.create({ backend, model, options: variant.options ?? {}, variantId: variant.id, baseDir: ctx.baseDir, env: ctx.env ?? process.env });
}

/**
 * The environment variable a variant needs but `env` lacks, or undefined, by its backend's own rule
 * (sim and replay need none; a loopback base URL needs no key; http needs every `${VAR}` it uses).
 */
export function missingApiKey(variant: Variant, env: NodeJS.ProcessEnv): string | undefined {
  const colon = variant.provider.indexOf(':');
  const backend = colon > 0 ? variant.provider.slice(0, colon) : variant.provider;
  const entry = Object.hasOwn(backends, backend) ? backends[backend] : undefined;
  return entry?.missingEnv?.(variant.options ?? {}, env);
}
