import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth, so the same value hashes the same in every process
 * regardless of the order keys were written in the YAML. `undefined` members are dropped, as JSON does.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : stableStringify(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const k of Object.keys(obj).sort()) {
    if (obj[k] === undefined) continue;
    parts.push(`${JSON.stringify(k)}:${stableStringify(obj[k])}`);
  }
  return `{${parts.join(',')}}`;
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** sha256 of a value's stable JSON form. */
export const hashValue = (value: unknown): string => sha256(stableStringify(value));
