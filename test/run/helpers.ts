import type { Case, Config, Suite, Variant } from '../../src/core/index.js';
import type { LoadedConfig } from '../../src/suite/index.js';

/** A case as the loader produces it. */
export function makeCase(id: string, over: Partial<Case> = {}): Case {
  return { id, kind: 'task', domain: 'medical', suiteId: 'med', prompt: `question ${id}`, tags: [], expect: [], ...over };
}

export function makeVariant(id: string, over: Partial<Variant> = {}): Variant {
  return { id, provider: `sim:${id}`, options: {}, params: {}, ...over };
}

/** An in-memory LoadedConfig: the plan only reads these fields. */
export function makeLoaded(cases: Case[], variants: Variant[], config: Partial<Config> = {}): LoadedConfig {
  const suiteIds = [...new Set(cases.map((c) => c.suiteId))];
  const suites: Suite[] = suiteIds.map((id) => ({
    id, version: '1', domain: 'medical', description: '', hash: `hash-${id}`, file: `/x/suites/${id}.yaml`,
    cases: cases.filter((c) => c.suiteId === id),
  }));
  return {
    file: '/x/atax.config.yaml', baseDir: '/x', suites, cases, warnings: [],
    config: { suites: ['suites/*.yaml'], baseline: variants[0].id, samples: 1, concurrency: 8, maxAttempts: 4, timeoutMs: 60000, variants, ...config },
  };
}
