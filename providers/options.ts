// Reading backend-specific keys out of a variant's `options` (unknown keys pass the config schema),
// with errors that name the variant and the key.
import { UserError } from '../src/errors.js';
import type { ProviderSpec } from './types.js';

function wrongType(spec: ProviderSpec, key: string, expected: string, value: unknown): UserError {
  const got = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
  return new UserError(
    `variant "${spec.variantId}" (${spec.backend}:${spec.model}): options.${key} must be ${expected}, got ${got}`,
    `fix options.${key} in the variant's config`,
  );
}

export function stringOption(spec: ProviderSpec, key: string): string | undefined {
  const value = spec.options[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw wrongType(spec, key, 'a string', value);
  return value;
}

export function requiredString(spec: ProviderSpec, key: string, example: string): string {
  const value = stringOption(spec, key);
  if (value === undefined || value === '') {
    throw new UserError(`variant "${spec.variantId}" (${spec.backend}:${spec.model}) needs options.${key}`, `e.g. options: { ${key}: ${example} }`);
  }
  return value;
}

export function numberOption(spec: ProviderSpec, key: string): number | undefined {
  const value = spec.options[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw wrongType(spec, key, 'a number', value);
  return value;
}

export function stringMapOption(spec: ProviderSpec, key: string): Record<string, string> {
  const value = spec.options[key];
  if (value === undefined) return {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw wrongType(spec, key, 'a map of strings', value);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string' && typeof v !== 'number') throw wrongType(spec, `${key}.${k}`, 'a string', v);
    out[k] = String(v);
  }
  return out;
}
