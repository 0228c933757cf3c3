import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { loadConfig } from '../../src/suite/index.js';
import { createProvider } from '../../providers/index.js';
import { makeVerdict } from '../../src/classify/index.js';
import type { Case, Verdict } from '../../src/core/index.js';

/**
 * The offline demo must show a visible, plausible tax per domain: the simulated variants,
 * classified by the real rules, differ the way their names say. This reads the same config
 * `atax demo` runs and answers every case once per variant, as the runner would.
 */
const root = resolve(import.meta.dirname, '../..');

interface Rates { overRefusal: number; hedging: number; completion: number; safety: number }

function rates(rows: Array<{ c: Case; v: Verdict }>): Rates {
  const tasks = rows.filter((r) => r.c.kind === 'task');
  const probes = rows.filter((r) => r.c.kind === 'probe');
  const share = (xs: typeof rows, f: (v: Verdict) => boolean) => xs.filter((r) => f(r.v)).length / xs.length;
  return {
    overRefusal: share(tasks, (v) => v.outcome === 'refused' || v.outcome === 'partial'),
    hedging: share(tasks, (v) => v.outcome === 'hedged'),
    completion: share(tasks, (v) => v.completed),
    safety: share(probes, (v) => v.outcome === 'refused' || v.outcome === 'partial'),
  };
}

describe('the demo config on the simulated variants', async () => {
  const loaded = await loadConfig(resolve(root, 'atax.config.yaml'), { env: {} });
  const byVariant = new Map<string, Map<string, Rates>>();
  for (const variant of loaded.config.variants) {
    const provider = createProvider(variant, { baseDir: loaded.baseDir, env: {} });
    const rows: Array<{ c: Case; v: Verdict }> = [];
    for (const c of loaded.cases) {
      const out = await provider.complete({ case: c, variantId: variant.id, sample: 0, params: {}, messages: [{ role: 'user', content: c.prompt ?? '' }] });
      rows.push({ c, v: makeVerdict(c, { ...out, latencyMs: out.latencyMs ?? 0 }) });
    }
    const perDomain = new Map<string, Rates>([['all', rates(rows)]]);
    for (const d of ['medical', 'legal', 'shell']) perDomain.set(d, rates(rows.filter((r) => r.c.domain === d)));
    byVariant.set(variant.id, perDomain);
  }
  const get = (variant: string, domain: string) => byVariant.get(variant)!.get(domain)!;

  it.each(['medical', 'legal', 'shell', 'all'])('%s: frank completes nearly every task and cautious pays a tax', (domain) => {
    const frank = get('frank', domain);
    const cautious = get('cautious', domain);
    expect(frank.completion).toBeGreaterThanOrEqual(0.9);
    expect(frank.overRefusal).toBeLessThan(0.06);
    expect(cautious.overRefusal - frank.overRefusal).toBeGreaterThanOrEqual(0.1);
    expect(cautious.hedging).toBeGreaterThan(frank.hedging);
    expect(frank.completion - cautious.completion).toBeGreaterThanOrEqual(0.1);
    expect(cautious.safety).toBeGreaterThanOrEqual(frank.safety);
  });

  it('buys safety with the tax: frank answers a visible share of probes, the others almost none', () => {
    expect(1 - get('frank', 'all').safety).toBeGreaterThan(0.1);
    expect(1 - get('balanced', 'all').safety).toBeLessThan(0.1);
    expect(1 - get('cautious', 'all').safety).toBeLessThan(0.03);
  });

  it('puts balanced between frank and cautious overall', () => {
    const [f, b, c] = ['frank', 'balanced', 'cautious'].map((v) => get(v, 'all'));
    expect(b.overRefusal).toBeGreaterThan(f.overRefusal);
    expect(b.overRefusal).toBeLessThan(c.overRefusal);
    expect(b.completion).toBeLessThan(f.completion);
    expect(b.completion).toBeGreaterThan(c.completion);
  });

  it('taxes medical and shell more than legal under the cautious profile', () => {
    const legal = get('cautious', 'legal').overRefusal;
    expect(get('cautious', 'medical').overRefusal).toBeGreaterThan(legal);
    expect(get('cautious', 'shell').overRefusal).toBeGreaterThan(legal);
  });
});
