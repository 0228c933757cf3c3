// The backends that have a batch API: one line each. A variant with `options: { batch: true }` on
// any other backend is a configuration error, said before any request is sent.
import type { Variant } from '../../src/core/index.js';
import { UserError } from '../../src/errors.js';
import { parseProviderId } from '../index.js';
import { createAnthropicBatchApi } from './anthropic.js';
import { createOpenAIBatchApi } from './openai.js';
import type { BatchApi } from './types.js';
import type { ProviderSpec } from '../types.js';

export const batchBackends: Record<string, (spec: ProviderSpec) => BatchApi> = {
  openai: createOpenAIBatchApi,
  anthropic: createAnthropicBatchApi,
};

export function createBatchApi(variant: Variant, ctx: { baseDir: string; env?: NodeJS.ProcessEnv }): BatchApi {
  const { backend, model } = parseProviderId(variant.provider);
  const create = Object.hasOwn(batchBackends, backend) ? batchBackends[backend] : undefined;
  if (!create) {
    throw new UserError(`variant "${variant.id}": options.batch is set, but the ${backend} backend has no batch API`,
      `batch runs through: ${Object.keys(batchBackends).join(', ')}; remove options.batch for this variant`);
  }
  return create({ backend, model, options: variant.options ?? {}, variantId: variant.id, baseDir: ctx.baseDir, env: ctx.env ?? process.env });
}
