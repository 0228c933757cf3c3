import { describe, expect, it } from 'vitest';
import { paceShort, paceText } from '../../src/cost/pace.js';
import type { LanePace } from '../../src/core/index.js';

const lane: LanePace = { key: 'openai https://api.openai.com/v1', rpm: 488, tpm: 187_000, inFlight: 16, inFlightLimit: 16, limits: { rpm: 500, tpm: 200_000 }, boundBy: 'server tpm', rateLimited: 2 };

describe('pace text (progress line and live screen)', () => {
  it('says the pace against each limit and what binds it', () => {
    expect(paceText(lane)).toBe('openai https://api.openai.com/v1: 488 req/min of 500 · 187k tok/min of 200k · in flight 16/16 · 429s 2 · bound by the server\'s tokens/min');
    expect(paceShort(lane)).toBe('488/500 rpm · 187k/200k tpm · bound by server tpm');
  });

  it('leaves tokens out when no token limit applies', () => {
    const free: LanePace = { ...lane, limits: {}, boundBy: 'in-flight', rateLimited: 0 };
    expect(paceShort(free)).toBe('488 rpm · bound by in-flight');
    expect(paceText(free)).not.toContain('tok/min');
  });
});
