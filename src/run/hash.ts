import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth, so the same value hashes the same in every process
 * regardless of the order keys were written in the YAML. `undefined` members are dropped, as JSON does.
 */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // built by concatenation: a plan hash stringifies every case, and parts arrays + join cost twice as much
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += value[i] === undefined ? 'null' : stableStringify(value[i]);
    }
    return out + ']';
  }
  const obj = value as Record<string, unknown>;
  let out = '{';
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += JSON.stringify(k) + ':' + stableStringify(v);
  }
  return out + '}';
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** sha256 of a value's stable JSON form. */
export const hashValue = (value: unknown): string => sha256(stableStringify(value));
