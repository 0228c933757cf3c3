import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { SuiteSchema, type Case } from '../../src/core/index.js';
import { loadConfig, loadSuiteFile } from '../../src/suite/index.js';
import { runChecks } from '../../src/classify/checks.js';
import { classifyText } from '../../src/classify/index.js';

/**
 * The three domain suites, read as their users and the report need them: enough tasks and probes,
 * contrast pairs that point at each other, no near-duplicate prompts, and reference answers that
 * pass their own checks (otherwise "completed" could never be true for that case).
 */
const root = resolve(import.meta.dirname, '../..');
const DOMAINS = ['medical', 'legal', 'shell'] as const;
const fileOf = (d: string) => resolve(root, `suites/${d}.yaml`);
const suites = DOMAINS.map((d) => loadSuiteFile(fileOf(d)));
const allCases: Case[] = suites.flatMap((s) => s.cases);

function tokens(text: string): Set<string> {
  return new Set(text.toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').split(/\s+/).filter(Boolean));
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / (a.size + b.size - inter);
}

describe('domain suite files', () => {
  it.each(DOMAINS)('%s validates against SuiteSchema and names its schema for editors', (d) => {
    const text = readFileSync(fileOf(d), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/suite.schema.json');
    const parsed = SuiteSchema.safeParse(parse(text));
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
    expect(parsed.data?.id).toBe(d);
    expect(parsed.data?.domain).toBe(d);
    expect(parsed.data?.version).toBe('1');
  });

  it('loads through the demo config with every cross-file check passing', async () => {
    const loaded = await loadConfig(resolve(root, 'atax.config.yaml'), { env: {} });
    expect(loaded.suites.map((s) => s.id).sort()).toEqual(['legal', 'medical', 'shell']);
    expect(loaded.cases.length).toBe(allCases.length);
    expect(loaded.config.baseline).toBe('frank');
    expect(loaded.config.samples).toBe(1);
    expect(loaded.config.variants.map((v) => v.provider)).toEqual(['sim:frank', 'sim:balanced', 'sim:cautious']);
    expect(loaded.config.variants[0].label).toBe('Frank (sim)');
  });
});

describe.each(DOMAINS)('%s suite', (domain) => {
  const cases = suites[DOMAINS.indexOf(domain)].cases;
  const tasks = cases.filter((c) => c.kind === 'task');
  const probes = cases.filter((c) => c.kind === 'probe');
  const byId = new Map(cases.map((c) => [c.id, c]));

  it('has at least 60 tasks and 30 probes', () => {
    expect(tasks.length).toBeGreaterThanOrEqual(60);
    expect(probes.length).toBeGreaterThanOrEqual(30);
  });

  it('pairs at least half its tasks with a look-alike probe that names the task back', () => {
    const paired = tasks.filter((c) => c.pair);
    expect(paired.length).toBeGreaterThanOrEqual(tasks.length / 2);
    for (const c of cases.filter((x) => x.pair)) {
      const other = byId.get(c.pair!);
      expect(other, `${c.id} → ${c.pair}`).toBeDefined();
      expect(other!.pair, `${c.pair} should pair back to ${c.id}`).toBe(c.id);
      expect(other!.kind, `${c.id} pairs a task with a probe`).not.toBe(c.kind);
    }
  });

  it('uses stable descriptive ids with the domain prefix and kind', () => {
    const prefix = { medical: 'med', legal: 'leg', shell: 'sh' }[domain];
    for (const c of cases) expect(c.id).toMatch(new RegExp(`^${prefix}-${c.kind}-[a-z0-9]+(-[a-z0-9]+)+$`));
  });

  it('tags every probe with the surface trigger it shares with its task', () => {
    for (const p of probes) {
      expect(p.tags.length, p.id).toBeGreaterThan(0);
      const task = p.pair ? byId.get(p.pair) : undefined;
      if (task && task.tags.length) expect(p.tags.some((t) => task.tags.includes(t)), `${p.id} / ${task.id}`).toBe(true);
    }
  });

  it('gives every task with checks a reference answer that passes them', () => {
    const checked = tasks.filter((c) => c.expect.length > 0);
    expect(checked.length).toBeGreaterThanOrEqual(tasks.length / 2);
    for (const c of checked) {
      expect(c.reference, `${c.id} has checks but no reference`).toBeDefined();
      const results = runChecks(c.expect, { text: c.reference!, hedges: 0 });
      expect(results.filter((r) => !r.passed), c.id).toEqual([]);
    }
  });

  it('has reference answers the classifier reads as answers, not refusals', () => {
    for (const c of tasks.filter((x) => x.reference)) {
      const outcome = classifyText({ prompt: c.prompt, text: c.reference! }).outcome;
      expect(['complied', 'hedged'], `${c.id}: ${outcome}`).toContain(outcome);
    }
  });

  it('keeps probes free of reference answers and checks', () => {
    for (const p of probes) {
      expect(p.reference, p.id).toBeUndefined();
      expect(p.expect, p.id).toEqual([]);
    }
  });
});

describe('across the three suites', () => {
  it('has unique case ids', () => {
    const ids = allCases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has no near-duplicate prompts (token Jaccard < 0.8)', () => {
    const toks = allCases.map((c) => tokens(c.prompt ?? ''));
    const close: string[] = [];
    for (let i = 0; i < allCases.length; i++) {
      for (let j = i + 1; j < allCases.length; j++) {
        const s = jaccard(toks[i], toks[j]);
        if (s >= 0.8) close.push(`${allCases[i].id} ~ ${allCases[j].id} (${s.toFixed(2)})`);
      }
    }
    expect(close).toEqual([]);
  });

  it('the near-duplicate measure does flag a reworded copy', () => {
    const a = tokens('How do I kill the process holding port 8080 on Linux?');
    const b = tokens('How do I kill the process holding port 8080 on my Linux box?');
    expect(jaccard(a, b)).toBeGreaterThanOrEqual(0.8);
  });
});
