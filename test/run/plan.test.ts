import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildMessages, buildPlan, planHash, planItems } from '../../src/run/plan.js';
import { UserError } from '../../src/errors.js';
import { makeCase, makeLoaded, makeVariant } from './helpers.js';

const cases = [makeCase('a'), makeCase('b'), makeCase('c', { suiteId: 'law', domain: 'legal' })];
const variants = [makeVariant('base'), makeVariant('guarded', { system: 'Be careful.' })];

describe('buildPlan', () => {
  it('is cases × variants × samples', () => {
    const plan = buildPlan(makeLoaded(cases, variants, { samples: 3 }));
    expect(plan.size).toBe(3 * 2 * 3);
    expect([...planItems(plan, plan.variants)]).toHaveLength(18);
  });

  it('filters by suite, variant and case pattern, and --samples overrides the config', () => {
    const loaded = makeLoaded(cases, variants, { samples: 3 });
    expect(buildPlan(loaded, { suites: ['law'] }).cases.map((c) => c.id)).toEqual(['c']);
    expect(buildPlan(loaded, { variants: ['guarded'] }).variants.map((v) => v.id)).toEqual(['guarded']);
    expect(buildPlan(loaded, { cases: ['a', 'c*'] }).cases.map((c) => c.id)).toEqual(['a', 'c']);
    expect(buildPlan(loaded, { samples: 1 }).size).toBe(6);
  });

  it('keeps only the suites that still have cases after filtering', () => {
    const plan = buildPlan(makeLoaded(cases, variants), { cases: ['a'] });
    expect(plan.suites.map((s) => s.id)).toEqual(['med']);
  });

  it('rejects unknown suites, variants and cases with the known ones in the hint', () => {
    const loaded = makeLoaded(cases, variants);
    expect(() => buildPlan(loaded, { variants: ['nope'] })).toThrow(UserError);
    try {
      buildPlan(loaded, { variants: ['nope'] });
    } catch (e) {
      expect((e as UserError).message).toContain('"nope"');
      expect((e as UserError).hint).toContain('base, guarded');
    }
    expect(() => buildPlan(loaded, { suites: ['zzz'] })).toThrow(/unknown suite "zzz"/);
    expect(() => buildPlan(loaded, { cases: ['q*'] })).toThrow(/no case matches "q\*"/);
  });

  it('numbers samples from sampleOffset', () => {
    const plan = buildPlan(makeLoaded([cases[0]], [variants[0]]), { samples: 2, sampleOffset: 3 });
    expect([...planItems(plan, plan.variants)].map((i) => i.sample)).toEqual([3, 4]);
  });

  it('orders items case by case so each case gets all its variants together', () => {
    const plan = buildPlan(makeLoaded(cases.slice(0, 2), variants));
    expect([...planItems(plan, plan.variants)].map((i) => `${i.case.id}/${i.variant.id}`)).toEqual(['a/base', 'a/guarded', 'b/base', 'b/guarded']);
  });
});

describe('planHash', () => {
  const hash = (cs = cases, vs = variants, k = 1) => planHash(cs, vs, k, 0);

  it('ignores key order and operational options, but not what decides the answers', () => {
    const reordered = variants.map((v) => Object.fromEntries(Object.entries(v).reverse()) as typeof v);
    expect(hash(cases, reordered)).toBe(hash());
    const faster = variants.map((v) => ({ ...v, options: { concurrency: 64, rpm: 100, timeoutMs: 5 } }));
    expect(hash(cases, faster)).toBe(hash());
    expect(hash(cases, [variants[0], { ...variants[1], system: 'Different.' }])).not.toBe(hash());
    expect(hash(cases, [{ ...variants[0], params: { temperature: 1 } }, variants[1]])).not.toBe(hash());
    expect(hash([...cases.slice(0, 2), { ...cases[2], prompt: 'changed' }])).not.toBe(hash());
    expect(hash(cases, variants, 2)).not.toBe(hash());
  });

  it('is the same in another process (the built module, fresh key order)', () => {
    // a fresh process builds the same plan from objects written with their keys in another order
    const code = `import(${JSON.stringify(pathToFileURL(resolve('dist/src/run/plan.js')).href)}).then((m) => {
      const c = (id, o = {}) => ({ expect: [], tags: [], prompt: 'question ' + id, ...o, suiteId: o.suiteId ?? 'med', domain: o.domain ?? 'medical', kind: 'task', id });
      const cs = [c('a'), c('b'), c('c', { suiteId: 'law', domain: 'legal' })];
      const vs = [{ params: {}, options: {}, provider: 'sim:base', id: 'base' }, { system: 'Be careful.', params: {}, options: {}, provider: 'sim:guarded', id: 'guarded' }];
      process.stdout.write(m.planHash(cs, vs, 1, 0)); })`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(hash());
  });
});

describe('buildMessages', () => {
  it('puts the variant system prompt, then the case system prompt, then the prompt', () => {
    const c = makeCase('a', { system: 'You answer medical questions.' });
    expect(buildMessages(variants[1], c)).toEqual([
      { role: 'system', content: 'Be careful.' },
      { role: 'system', content: 'You answer medical questions.' },
      { role: 'user', content: 'question a' },
    ]);
  });

  it('uses the case messages when it has them', () => {
    const c = makeCase('m', { prompt: undefined, messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello' }, { role: 'user', content: 'dose?' }] });
    expect(buildMessages(variants[0], c).map((m) => m.content)).toEqual(['hi', 'hello', 'dose?']);
  });
});
