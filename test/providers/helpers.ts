// Shared builders for provider tests: a case, a request, a spec, and an assertion on typed errors.
import { expect } from 'vitest';
import type { Case, Message, Params } from '../../src/core/index.js';
import { ProviderError, type ProviderRequest, type ProviderSpec } from '../../providers/types.js';

export function makeCase(id = 'case-1', prompt = 'How do I kill a Python process?'): Case {
  return { id, kind: 'task', domain: 'shell', suiteId: 'test-suite', prompt, tags: [], expect: [] };
}

export function makeRequest(opts: { messages?: Message[]; params?: Params; signal?: AbortSignal; caseId?: string; sample?: number; variantId?: string } = {}): ProviderRequest {
  const c = makeCase(opts.caseId);
  return {
    messages: opts.messages ?? [{ role: 'user', content: c.prompt! }],
    params: opts.params ?? {},
    signal: opts.signal,
    case: c,
    variantId: opts.variantId ?? 'variant-a',
    sample: opts.sample ?? 0,
  };
}

export function makeSpec(backend: string, model: string, options: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}): ProviderSpec {
  return { backend, model, options, variantId: 'variant-a', baseDir: process.cwd(), env };
}

/** Awaits a rejection and checks it is a ProviderError of `kind` carrying the request's ids. */
export async function expectProviderError(promise: Promise<unknown>, kind: ProviderError['kind']): Promise<ProviderError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err, 'expected the call to fail').toBeInstanceOf(ProviderError);
  const pe = err as ProviderError;
  expect(pe.kind, pe.message).toBe(kind);
  expect(pe.variantId).toBe('variant-a');
  expect(pe.caseId).toBe('case-1');
  return pe;
}
