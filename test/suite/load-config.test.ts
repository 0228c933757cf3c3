import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/suite/index.js';
import { UserError, UserErrors } from '../../src/errors.js';

const fixtures = 'test/fixtures/suites';

async function problems(file: string, opts: Parameters<typeof loadConfig>[1] = { env: {} }): Promise<string[]> {
  try {
    await loadConfig(file, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err instanceof UserErrors ? err.errors.map((e) => e.message) : [(err as UserError).message];
  }
  throw new Error(`expected ${file} to fail validation`);
}

describe('loadConfig', () => {
  it('loads the config and the suites its globs name, relative to the config file', async () => {
    const loaded = await loadConfig(`${fixtures}/good/atax.config.yaml`, { env: {} });
    expect(loaded.file).toBe(resolve(`${fixtures}/good/atax.config.yaml`));
    expect(loaded.baseDir).toBe(resolve(`${fixtures}/good`));
    expect(loaded.suites.map((s) => s.id)).toEqual(['alpha', 'beta']);
    expect(loaded.cases.map((c) => `${c.suiteId}/${c.id}/${c.domain}`)).toEqual([
      'alpha/alpha-dose/medical', 'alpha/alpha-harm/medical', 'alpha/alpha-legal/legal', 'beta/beta-kill/shell', 'beta/beta-wipe/shell',
    ]);
    expect(loaded.config.results).toBe(resolve(`${fixtures}/good/out`));
    // defaults filled in by the schema
    expect(loaded.config).toMatchObject({ baseline: 'base', samples: 1, concurrency: 8 });
    expect(loaded.config.variants[1]).toMatchObject({ id: 'careful', provider: 'sim:cautious', options: {}, params: {} });
  });

  it('reports every config problem at once: duplicate variant, unknown backend, missing key, unknown baseline, empty glob', async () => {
    const f = `${fixtures}/broken/bad-config.yaml`;
    expect(await problems(f)).toEqual([
      `${f}:6:9: duplicate variant id "base" (first defined at ${f}:4:9)`,
      `${f}:9:15: variant "gpt": unknown provider backend "openia" — did you mean "openai"?`,
      `${f}:11:15: variant "claude" needs the API key variable ANTHROPIC_API_KEY, which is not set`,
      `${f}:2:11: baseline "bsae" names no variant — did you mean "base"?`,
      `${f}:1:33: suites[1]: "nothing/*.yaml" matches no file (relative to ${fixtures}/broken)`,
    ]);
  });

  it('lists the known backends and variant ids in the hints', async () => {
    try {
      await loadConfig(`${fixtures}/broken/bad-config.yaml`, { env: {} });
    } catch (err) {
      const hints = (err as UserErrors).errors.map((e) => e.hint);
      expect(hints[1]).toMatch(/^known backends: .*\bopenai\b.*/);
      expect(hints[1]).toMatch(/\bsim\b/);
      expect(hints[3]).toBe('variant ids: base, gpt, claude');
    }
  });

  it('skips the API key check with checkKeys: false, and accepts a key set in env', async () => {
    const f = `${fixtures}/broken/bad-config.yaml`;
    const withoutCheck = await problems(f, { env: {}, checkKeys: false });
    const withKey = await problems(f, { env: { ANTHROPIC_API_KEY: 'k' } });
    for (const list of [withoutCheck, withKey]) {
      expect(list).toHaveLength(4);
      expect(list.join('\n')).not.toContain('ANTHROPIC_API_KEY');
    }
  });

  it('reports suite problems together with config problems', async () => {
    const f = `${fixtures}/broken/config-with-bad-suites.yaml`;
    const list = await problems(f);
    const suite = `${fixtures}/broken/duplicate-and-pair.yaml`;
    expect(list).toEqual([
      `${f}:3:10: samples: must be >= 1, got 0`,
      `${f}:1:1: missing required key "variants" (expected a list)`,
      `${f}:4:1: unknown key "variant" — did you mean "variants"?`,
      `${suite}:12:9: duplicate case id "same" (first defined at ${suite}:5:9)`,
      `${suite}:11:11: case "other": pair "smae" names no case — did you mean "same"?`,
    ]);
  });

  it('says when the config file does not exist', async () => {
    expect(await problems(`${fixtures}/none.yaml`)).toEqual([`${fixtures}/none.yaml: file not found`]);
  });
});
