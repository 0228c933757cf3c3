import { describe, expect, it } from 'vitest';
import { estimatePlan, PLAN_PSI, priorOutputMeans } from '../../src/cost/estimate.js';
import { estimateLine, planText } from '../../src/cost/estimate-text.js';
import { loadTokenizer, messageTokens, DEFAULT_OUTPUT_TOKENS } from '../../src/cost/tokens.js';
import { buildMessages, buildPlan } from '../../src/run/index.js';
import { mdePaired } from '../../src/stats/power.js';
import type { TaxReport } from '../../src/core/index.js';
import { makeCase, makeLoaded, makeVariant } from '../run/helpers.js';

const cases = [
  ...Array.from({ length: 30 }, (_, i) => makeCase(`t${i}`, { prompt: `How do I safely store medication number ${i} at home?` })),
  ...Array.from({ length: 10 }, (_, i) => makeCase(`p${i}`, { kind: 'probe', prompt: `Harmful request ${i}` })),
];
const variants = [
  makeVariant('base', { provider: 'openai:gpt-4o-mini', params: { maxTokens: 200 }, options: { rpm: 60, tpm: 100_000 } }),
  makeVariant('guarded', { provider: 'openai:gpt-4o-mini', system: 'Refuse anything risky.', params: { maxTokens: 200 }, options: { rpm: 60, tpm: 100_000 } }),
  makeVariant('other', { provider: 'anthropic:claude-x', pricing: { input: 1, output: 5 } }),
];
const loaded = makeLoaded(cases, variants, { samples: 2, pricing: { 'openai:gpt-4o-mini': { input: 0.15, output: 0.6 } } });

describe('estimatePlan (atax plan)', () => {
  it('counts requests and prompt tokens per variant, and outputs from maxTokens or the default', async () => {
    const count = await loadTokenizer();
    const e = await estimatePlan(buildPlan(loaded, {}), loaded.config);
    expect(e.requests).toBe(40 * 2 * 3);
    const base = e.variants.find((v) => v.variant === 'base')!;
    const input = cases.reduce((n, c) => n + messageTokens(count, buildMessages(variants[0], c)), 0) * 2;
    expect(base).toMatchObject({ requests: 80, inputTokens: input, outputTokens: 80 * 200, outputFrom: 'maxTokens' });
    expect(base.cost).toBeCloseTo((input * 0.15 + 80 * 200 * 0.6) / 1e6, 12);
    const guarded = e.variants.find((v) => v.variant === 'guarded')!;
    expect(guarded.inputTokens).toBeGreaterThan(base.inputTokens); // its system prompt is sent every time
    const other = e.variants.find((v) => v.variant === 'other')!;
    expect(other).toMatchObject({ outputTokens: 80 * DEFAULT_OUTPUT_TOKENS, outputFrom: 'default' });
    expect(other.cost).toBeCloseTo((other.inputTokens * 1 + other.outputTokens * 5) / 1e6, 12);
    expect(e.cost).toBeCloseTo(base.cost! + guarded.cost! + other.cost!, 12);
  });

  it('derives the time from the lane\'s configured limits: variants on one endpoint share them', async () => {
    const e = await estimatePlan(buildPlan(loaded, {}), loaded.config);
    const openai = e.lanes.find((l) => l.lane === 'openai')!;
    expect(openai.requests).toBe(160);
    expect(openai).toMatchObject({ rpm: 60, tpm: 100_000, boundBy: 'rpm' });
    expect(openai.minutes).toBeCloseTo(160 / 60, 10);
    expect(e.lanes.find((l) => l.lane === 'anthropic')!.minutes).toBeUndefined();
    expect(e.minutes).toBeCloseTo(160 / 60, 10);
  });

  it('reaches the MDE of its paired tasks and probes', async () => {
    const e = await estimatePlan(buildPlan(loaded, {}), loaded.config);
    expect(e).toMatchObject({ tasks: 30, probes: 10 });
    expect(e.mdeTasks).toBe(mdePaired(30, PLAN_PSI));
    expect(e.mdeTasks!).toBeGreaterThan(0);
  });

  it('takes a prior run\'s mean output per answer when maxTokens is unset', async () => {
    const prior = priorOutputMeans({ cost: { variants: [{ variant: 'other', answers: 10, outputTokens: 1234, inputTokens: 0, cached: 0, estimated: 0, cost: null, halfWidth: null, costPerPoint: null }], total: {} } } as unknown as TaxReport);
    const e = await estimatePlan(buildPlan(loaded, {}), loaded.config, prior);
    expect(e.variants.find((v) => v.variant === 'other')).toMatchObject({ outputFrom: 'prior run', outputTokens: 80 * 123 });
  });

  it('prints a row per variant, the time, the MDE and its assumptions; run prints one line of the same', async () => {
    const e = await estimatePlan(buildPlan(loaded, {}), loaded.config);
    const text = planText(e);
    expect(text).toMatch(/^variant\s+provider\s+requests/);
    for (const v of ['base', 'guarded', 'other']) expect(text).toMatch(new RegExp(`^${v}\\s`, 'm'));
    expect(text).toContain('Time on openai: 160 requests');
    expect(text).toContain('at least 2m40s (bound by rpm)');
    expect(text).toContain('on 30 tasks');
    expect(estimateLine(e)).toMatch(/^240 requests · .* in \+ .* out tokens \(estimated\) · \$\d/);
    expect(estimateLine(e)).toContain('≥ 2m40s at the configured limits');
  });
});
