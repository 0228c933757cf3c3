// One provider lane's pace as one line of text: the progress line and the live screen show the same.
import type { LanePace } from '../core/index.js';

const BOUND_WORDS: Record<LanePace['boundBy'], string> = {
  rpm: 'bound by rpm (config)',
  tpm: 'bound by tpm (config)',
  'server rpm': 'bound by the server\'s requests/min',
  'server tpm': 'bound by the server\'s tokens/min',
  'retry-after': 'paused by Retry-After',
  'in-flight': 'bound by the in-flight limit',
  none: 'bound by the provider\'s speed',
};

/** 1234 → "1.2k", 2500000 → "2.5M". */
export function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(n >= 1e4 ? 0 : 1)}k`;
  return String(Math.round(n));
}

/** e.g. `openai http://…/v1: 588 req/min of 600 · 31k tok/min of 40k · in flight 8/16 · 429s 2 · bound by the server's requests/min` */
export function paceText(p: LanePace): string {
  const of = (limit?: number) => (limit ? ` of ${compact(limit)}` : '');
  // tokens per minute are what the budgets are charged (prompt + output budget): shown under a token limit only
  const tokens = p.limits.tpm ? ` · ${compact(p.tpm)} tok/min${of(p.limits.tpm)}` : '';
  const limited = p.rateLimited ? ` · 429s ${p.rateLimited}` : '';
  return `${p.key}: ${compact(p.rpm)} req/min${of(p.limits.rpm)}${tokens} · in flight ${p.inFlight}/${p.inFlightLimit}${limited} · ${BOUND_WORDS[p.boundBy]}`;
}

const BOUND_SHORT: Record<LanePace['boundBy'], string> = {
  rpm: 'rpm', tpm: 'tpm', 'server rpm': 'server rpm', 'server tpm': 'server tpm', 'retry-after': 'Retry-After', 'in-flight': 'in-flight', none: 'provider',
};

/** The progress line's form: `588/600 rpm · 31k/40k tpm · bound by server rpm`. */
export function paceShort(p: LanePace): string {
  const of = (limit?: number) => (limit ? `/${compact(limit)}` : '');
  const tokens = p.limits.tpm ? ` · ${compact(p.tpm)}${of(p.limits.tpm)} tpm` : '';
  return `${compact(p.rpm)}${of(p.limits.rpm)} rpm${tokens} · bound by ${BOUND_SHORT[p.boundBy]}`;
}
