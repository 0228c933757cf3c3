import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { createSimProvider, SIM_PROFILES, simulateAnswer } from '../../providers/sim.js';
import { intentRates } from '../../providers/sim/profiles.js';
import { allHedgeSentences } from '../../providers/sim/hedges.js';
import { allRefusalSentences } from '../../providers/sim/refusals.js';
import { seededRng, hashString } from '../../providers/sim/random.js';
import { classifyText } from '../../src/classify/index.js';
import { loadSuiteFile } from '../../src/suite/index.js';
import { UserError } from '../../src/errors.js';
import type { Case } from '../../src/core/index.js';
import type { ProviderRequest } from '../../providers/types.js';

const root = resolve(import.meta.dirname, '../..');
const suiteCases: Case[] = ['medical', 'legal', 'shell'].flatMap((d) => loadSuiteFile(resolve(root, `suites/${d}.yaml`)).cases);

function spec(model: string, variantId = model) {
  return { backend: 'sim', model, options: {}, variantId, baseDir: root, env: {} };
}

function request(c: Case, variantId: string, sample = 0): ProviderRequest {
  return { case: c, variantId, sample, params: {}, messages: [{ role: 'user', content: c.prompt ?? '' }] };
}

function share<T>(items: T[], pred: (x: T) => boolean): number {
  return items.filter(pred).length / items.length;
}

describe('seeded random source', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = seededRng('case-1', 'v', 0);
    const b = seededRng('case-1', 'v', 0);
    const c = seededRng('case-1', 'v', 1);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
  });

  it('is roughly uniform and stays in [0, 1)', () => {
    const rng = seededRng('uniform');
    const draws = Array.from({ length: 20000 }, () => rng.next());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
    expect(share(draws, (x) => x < 0.1)).toBeCloseTo(0.1, 1);
  });

  it('spreads near-identical ids apart', () => {
    expect(hashString('med-task-1')).not.toBe(hashString('med-task-2'));
  });

  it('samples distinct items', () => {
    const picked = seededRng('s').sample(['a', 'b', 'c', 'd', 'e'], 3);
    expect(new Set(picked).size).toBe(3);
  });
});

describe('createSimProvider', () => {
  it('builds frank, balanced and cautious, marked simulated and not cacheable', () => {
    for (const name of ['frank', 'balanced', 'cautious']) {
      const p = createSimProvider(spec(name));
      expect(p.id).toBe(`sim:${name}`);
      expect(p.simulated).toBe(true);
      expect(p.cacheable).toBe(false);
      expect(p.queueKey).toBe('sim');
    }
  });

  it('rejects an unknown profile with a UserError naming the known ones', () => {
    expect(() => createSimProvider(spec('reckless', 'v1'))).toThrow(UserError);
    try {
      createSimProvider(spec('reckless', 'v1'));
    } catch (err) {
      const e = err as UserError;
      expect(e.message).toContain('"reckless"');
      expect(e.message).toContain('v1');
      expect(e.hint).toContain('sim:frank');
      expect(e.hint).toContain('sim:cautious');
    }
  });

  it('lets a variant override the profile rates through options', async () => {
    const tasks = suiteCases.filter((c) => c.kind === 'task');
    const probes = suiteCases.filter((c) => c.kind === 'probe');
    const never = createSimProvider({ ...spec('cautious', 'never'), options: { overRefusal: 0, hedging: 0 } });
    for (const c of tasks) {
      const text = (await never.complete(request(c, 'never'))).text;
      expect(classifyText({ prompt: c.prompt, text }).outcome, c.id).toBe('complied');
    }
    const pushover = createSimProvider({ ...spec('cautious', 'pushover'), options: { probeCompliance: 1 } });
    for (const c of probes) {
      const outcome = classifyText({ prompt: c.prompt, text: (await pushover.complete(request(c, 'pushover'))).text }).outcome;
      expect(['complied', 'hedged'], c.id).toContain(outcome);
    }
    expect(() => createSimProvider({ ...spec('frank', 'bad'), options: { hedging: 1.5 } })).toThrow(/hedging must be a number from 0 to 1/);
    expect(() => createSimProvider({ ...spec('frank', 'bad'), options: { overRefusal: 'high' } })).toThrow(UserError);
  });

  it('answers deterministically per (case, variant, sample) with a small latency', async () => {
    const p = createSimProvider(spec('cautious'));
    const c = suiteCases[0];
    const first = await p.complete(request(c, 'cautious', 0));
    const again = await p.complete(request(c, 'cautious', 0));
    expect(again.text).toBe(first.text);
    expect(again.latencyMs).toBe(first.latencyMs);
    expect(first.latencyMs).toBeGreaterThanOrEqual(0);
    expect(first.latencyMs).toBeLessThanOrEqual(5);
    expect(first.finishReason).toBe('stop');
    expect(first.usage?.outputTokens).toBeGreaterThan(0);
    const texts = new Set<string>();
    for (let s = 0; s < 20; s++) texts.add((await p.complete(request(suiteCases[3], 'cautious', s))).text);
    expect(texts.size).toBeGreaterThan(1);
  });

  it('honours an aborted signal', async () => {
    const p = createSimProvider(spec('frank'));
    const ctl = new AbortController();
    ctl.abort();
    await expect(p.complete({ ...request(suiteCases[0], 'frank'), signal: ctl.signal })).rejects.toMatchObject({ kind: 'aborted' });
  });
});

describe('simulated answers', () => {
  const tasks = suiteCases.filter((c) => c.kind === 'task');
  const probes = suiteCases.filter((c) => c.kind === 'probe');
  // several samples per case so rate estimates are tight enough to compare profiles
  const answers = (name: string, cases: Case[], samples = 8) =>
    cases.flatMap((c) => Array.from({ length: samples }, (_, s) => ({ c, a: simulateAnswer(SIM_PROFILES[name], c, name, s) })));

  it('orders the profiles: cautious over-refuses and hedges most, frank complies with probes most', () => {
    const rate = (name: string, cases: Case[], intents: string[]) => share(answers(name, cases), (x) => intents.includes(x.a.intent));
    const over = ['frank', 'balanced', 'cautious'].map((n) => rate(n, tasks, ['refused', 'partial']));
    const hedged = ['frank', 'balanced', 'cautious'].map((n) => rate(n, tasks, ['hedged']));
    const probeComply = ['frank', 'balanced', 'cautious'].map((n) => rate(n, probes, ['hedged', 'complied']));
    expect(over[0]).toBeLessThan(0.06);
    expect(over[1]).toBeGreaterThan(over[0]);
    expect(over[2]).toBeGreaterThan(0.2);
    expect(hedged[0]).toBeLessThan(hedged[1]);
    expect(hedged[2]).toBeGreaterThan(0.35);
    expect(probeComply[0]).toBeGreaterThan(0.15);
    expect(probeComply[1]).toBeLessThan(0.1);
    expect(probeComply[2]).toBeLessThan(0.04);
  });

  it('over-refuses more on medical and shell than on legal under the cautious profile', () => {
    const p = SIM_PROFILES.cautious;
    const tagged = { kind: 'task' as const, tags: ['drug-word'] };
    const med = intentRates(p, { ...tagged, domain: 'medical' });
    const legal = intentRates(p, { ...tagged, domain: 'legal' });
    expect(med.refuse + med.partial).toBeGreaterThan(legal.refuse + legal.partial);
    const untagged = intentRates(p, { kind: 'task', tags: [], domain: 'medical' });
    expect(untagged.refuse).toBeLessThan(med.refuse);
  });

  it('answers with the reference when it answers a task that has one', () => {
    const withRef = answers('frank', tasks.filter((c) => c.reference), 2).filter((x) => x.a.intent === 'complied' || x.a.intent === 'hedged');
    expect(withRef.length).toBeGreaterThan(100);
    for (const { c, a } of withRef) expect(a.text).toContain(c.reference!.trim());
  });

  it('writes varied refusals, partials and hedges', () => {
    const all = answers('cautious', suiteCases, 4);
    const distinct = (intent: string) => new Set(all.filter((x) => x.a.intent === intent).map((x) => x.a.text.split('\n')[0])).size;
    expect(distinct('refused')).toBeGreaterThanOrEqual(12);
    expect(distinct('partial')).toBeGreaterThanOrEqual(4);
    const kinds = new Set(all.flatMap((x) => x.a.hedges));
    expect([...kinds].sort()).toEqual(['caveat', 'disclaimer', 'referral', 'reluctance', 'warning']);
    for (const x of all.filter((y) => y.a.intent === 'hedged')) {
      expect(x.a.hedges.length).toBeGreaterThanOrEqual(1);
      expect(x.a.hedges.length).toBeLessThanOrEqual(3);
    }
  });

  it('never writes operational detail when it goes along with a probe', () => {
    const complied = answers('frank', probes, 4).filter((x) => x.a.intent === 'complied' || x.a.intent === 'hedged');
    expect(complied.length).toBeGreaterThan(10);
    for (const { a } of complied) expect(a.text.split(/\s+/).length).toBeLessThan(120);
  });
});

describe('the classifier recovers what the sim meant', () => {
  // The real rules classifier must label sim refusals as refused, partials as partial, and so on,
  // or the demo's tax figures would describe the classifier rather than the profiles.
  const all = ['frank', 'balanced', 'cautious'].flatMap((name) =>
    suiteCases.flatMap((c) => [0, 1].map((s) => ({ c, name, a: simulateAnswer(SIM_PROFILES[name], c, name, s) }))));

  it('agrees on at least 95% of answers overall and on every intent', () => {
    const byIntent = new Map<string, { n: number; ok: number; misses: string[] }>();
    for (const { c, a } of all) {
      const got = classifyText({ prompt: c.prompt, text: a.text }).outcome;
      const slot = byIntent.get(a.intent) ?? { n: 0, ok: 0, misses: [] };
      slot.n++;
      if (got === a.intent) slot.ok++;
      else if (slot.misses.length < 5) slot.misses.push(`${got}: ${a.text.slice(0, 160)}`);
      byIntent.set(a.intent, slot);
    }
    const total = [...byIntent.values()].reduce((s, x) => s + x.n, 0);
    const ok = [...byIntent.values()].reduce((s, x) => s + x.ok, 0);
    const report = [...byIntent].map(([k, v]) => `${k} ${v.ok}/${v.n}\n  ${v.misses.join('\n  ')}`).join('\n');
    expect(total).toBeGreaterThan(1500);
    expect(ok / total, report).toBeGreaterThanOrEqual(0.95);
    for (const [intent, v] of byIntent) expect(v.ok / v.n, `${intent}\n${report}`).toBeGreaterThanOrEqual(0.9);
  });

  it('reads every refusal phrasing the sim can write as a refusal', () => {
    for (const text of allRefusalSentences()) expect(classifyText({ text }).outcome, text).toBe('refused');
  });

  it('finds every hedge sentence the sim can write', () => {
    for (const { text } of allHedgeSentences()) {
      const answer = `${text}\n\nThe usual adult dose is 500 mg to 1 g every four to six hours, up to 4 g in 24 hours.`;
      const r = classifyText({ text: answer });
      expect(r.outcome, text).toBe('hedged');
    }
  });
});
