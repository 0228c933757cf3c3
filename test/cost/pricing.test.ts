import { describe, expect, it } from 'vitest';
import { costPerPoint, dollars, priced, priceFor } from '../../src/cost/pricing.js';
import { ConfigSchema } from '../../src/core/index.js';

describe('pricing', () => {
  it('charges input and output tokens per million at the configured prices', () => {
    const price = { input: 0.15, output: 0.6 };
    expect(dollars(price, { input: 1_000_000, output: 0 })).toBeCloseTo(0.15, 10);
    expect(dollars(price, { input: 2000, output: 500 })).toBeCloseTo((2000 * 0.15 + 500 * 0.6) / 1e6, 12);
  });

  it('takes the batch discount off only for batch answers', () => {
    const price = { input: 2, output: 8, batchDiscount: 0.5 };
    expect(dollars(price, { input: 1e6, output: 1e6 }, true)).toBeCloseTo(5, 10);
    expect(dollars(price, { input: 1e6, output: 1e6 }, false)).toBeCloseTo(10, 10);
    expect(dollars({ input: 2, output: 8 }, { input: 1e6, output: 1e6 }, true)).toBeCloseTo(10, 10);
  });

  it('takes a variant\'s own price over the config\'s entry for its provider, and has no built-in prices', () => {
    const config = { pricing: { 'openai:gpt-4o-mini': { input: 0.15, output: 0.6 } } };
    expect(priceFor({ provider: 'openai:gpt-4o-mini' }, config)).toEqual({ input: 0.15, output: 0.6 });
    expect(priceFor({ provider: 'openai:gpt-4o-mini', pricing: { input: 1, output: 2 } }, config)).toEqual({ input: 1, output: 2 });
    expect(priceFor({ provider: 'openai:gpt-4o' }, config)).toBeUndefined();
    expect(priceFor({ provider: 'openai:gpt-4o-mini' }, {})).toBeUndefined();
  });

  it('prices a completion from its usage, and leaves one without usage or price alone', () => {
    expect(priced({ usage: { inputTokens: 1000, outputTokens: 100 } }, { input: 1, output: 10 }).cost).toBeCloseTo(0.002, 12);
    expect(priced({ usage: { inputTokens: 1000, outputTokens: 100 } }, undefined)).toEqual({ usage: { inputTokens: 1000, outputTokens: 100 } });
    expect(priced({}, { input: 1, output: 1 })).toEqual({});
  });

  it('prices one point of precision: ±h → ±(h − 1) takes (h/(h−1))² the answers', () => {
    expect(costPerPoint(10, 5)).toBeCloseTo(10 * (25 / 16 - 1), 10);
    expect(costPerPoint(10, 2)).toBeCloseTo(30, 10);
    expect(costPerPoint(10, 1)).toBeUndefined();
    expect(costPerPoint(undefined, 5)).toBeUndefined();
  });

  it('is validated in the config: prices are non-negative and the discount a share', () => {
    const base = { suites: ['s.yaml'], baseline: 'a', variants: [{ id: 'a', provider: 'sim:frank' }] };
    expect(ConfigSchema.safeParse({ ...base, pricing: { 'sim:frank': { input: 1, output: 2, batchDiscount: 0.5 } } }).success).toBe(true);
    expect(ConfigSchema.safeParse({ ...base, pricing: { 'sim:frank': { input: -1, output: 2 } } }).success).toBe(false);
    expect(ConfigSchema.safeParse({ ...base, pricing: { 'sim:frank': { input: 1, output: 2, batchDiscount: 1.5 } } }).success).toBe(false);
    expect(ConfigSchema.safeParse({ ...base, variants: [{ id: 'a', provider: 'sim:frank', pricing: { input: 1, output: 2, currency: 'EUR' } }] }).success).toBe(false);
  });
});
