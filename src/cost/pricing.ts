// Dollars from tokens, at the prices the user put in the config (no built-in table: prices change).
import type { Config, Price, Variant } from '../core/index.js';

/** A variant's price: its own `pricing`, else the config's entry for its provider id, else none. */
export function priceFor(variant: Pick<Variant, 'provider' | 'pricing'>, config: Pick<Config, 'pricing'>): Price | undefined {
  return variant.pricing ?? config.pricing?.[variant.provider];
}

/** Whether a variant answers through its provider's batch API (and so pays the batch price). */
export function isBatch(variant: Pick<Variant, 'options'>): boolean {
  return variant.options?.batch === true;
}

/** US dollars for `input` and `output` tokens at `price`, with its batch discount when `batch`. */
export function dollars(price: Price, tokens: { input: number; output: number }, batch = false): number {
  const factor = batch ? 1 - (price.batchDiscount ?? 0) : 1;
  return ((tokens.input * price.input + tokens.output * price.output) / 1e6) * factor;
}

/**
 * What narrowing an interval by one point costs: at ±h points for `cost` dollars, the half-width
 * shrinks as 1/√n, so ±(h − 1) needs (h / (h − 1))² times the answers. Undefined at h ≤ 1 point
 * (a single point would take the interval to nothing) or without a cost.
 */
export function costPerPoint(cost: number | undefined, halfWidthPoints: number | undefined): number | undefined {
  if (cost === undefined || halfWidthPoints === undefined || !(halfWidthPoints > 1)) return undefined;
  return cost * ((halfWidthPoints / (halfWidthPoints - 1)) ** 2 - 1);
}

/** The completion with its `cost` in dollars, when it has token counts and the variant a price. */
export function priced<T extends { usage?: { inputTokens?: number; outputTokens?: number }; cost?: number }>(completion: T, price: Price | undefined, batch = false): T & { cost?: number } {
  const u = completion.usage;
  if (!price || !u || (u.inputTokens === undefined && u.outputTokens === undefined)) return completion;
  return { ...completion, cost: dollars(price, { input: u.inputTokens ?? 0, output: u.outputTokens ?? 0 }, batch) };
}
