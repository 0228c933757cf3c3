import type { Case, Message, Suite, Variant } from '../core/index.js';
import type { LoadedConfig } from '../suite/index.js';
import { UserError } from '../errors.js';
import { createHash } from 'node:crypto';
import { stableStringify } from './hash.js';
import { scrubSecrets } from './secrets.js';

/** Which part of the config to run: the CLI's --suite / --variant / --cases / --samples. */
export interface PlanSelection {
  suites?: string[];
  variants?: string[];
  cases?: string[];
  samples?: number;
  /** first sample index (a later run can add samples 3..5 to one that ran 0..2) */
  sampleOffset?: number;
  /** run only slice `index` (1-based) of `count`: `--shard i/n` */
  shard?: Shard;
}

/** One of `count` deterministic slices of a plan (`--shard index/count`, index from 1). */
export interface Shard {
  index: number;
  count: number;
}

/** Plan = cases × variants × samples, held as its factors (items are generated, never stored). */
export interface Plan {
  suites: Suite[];
  cases: Case[];
  variants: Variant[];
  samples: number;
  sampleOffset: number;
  /** set when this process runs one slice of the plan */
  shard?: Shard;
  /** items this process runs (the shard's, when sharded) */
  size: number;
  /** items per variant this process runs */
  perVariant: Record<string, number>;
  /** sha256 over the whole plan's identity (the same for every shard); a resume must match it */
  hash: string;
}

export interface PlanItem {
  case: Case;
  variant: Variant;
  sample: number;
}

/** Plans already built for a loaded config: the CLI and executeRun both plan the same run. */
const built = new WeakMap<LoadedConfig, Map<string, Plan>>();

export function buildPlan(loaded: LoadedConfig, sel: PlanSelection = {}): Plan {
  const key = JSON.stringify([sel.suites, sel.variants, sel.cases, sel.samples, sel.sampleOffset, sel.shard]);
  let plans = built.get(loaded);
  if (!plans) built.set(loaded, (plans = new Map()));
  let plan = plans.get(key);
  if (!plan) plans.set(key, (plan = planFor(loaded, sel)));
  return plan;
}

function planFor(loaded: LoadedConfig, sel: PlanSelection): Plan {
  const suites = pick(loaded.suites, sel.suites, (s) => s.id, 'suite', '--suite');
  const suiteIds = new Set(suites.map((s) => s.id));
  const inSuites = loaded.cases.filter((c) => suiteIds.has(c.suiteId));
  const cases = sel.cases?.length ? pickCases(inSuites, sel.cases) : inSuites;
  const variants = pick(loaded.config.variants, sel.variants, (v) => v.id, 'variant', '--variant');
  const samples = sel.samples ?? loaded.config.samples;
  if (!Number.isInteger(samples) || samples < 1) throw new UserError(`--samples must be a whole number ≥ 1, got ${samples}`);
  const sampleOffset = sel.sampleOffset ?? 0;
  const usedSuites = suites.filter((s) => cases.some((c) => c.suiteId === s.id));
  const shard = sel.shard && checkShard(sel.shard);
  const perVariant = Object.fromEntries(variants.map((v) => [v.id, shard ? 0 : cases.length * samples]));
  if (shard) for (const item of planItems({ cases, samples, sampleOffset, shard }, variants)) perVariant[item.variant.id]++;
  return {
    suites: usedSuites, cases, variants, samples, sampleOffset,
    ...(shard && { shard }),
    size: Object.values(perVariant).reduce((a, b) => a + b, 0),
    perVariant,
    hash: planHash(cases, variants, samples, sampleOffset),
  };
}

function checkShard(shard: Shard): Shard {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count) {
    throw new UserError(`--shard ${index}/${count}: expected i/n with 1 ≤ i ≤ n`, 'e.g. --shard 1/3, --shard 2/3 and --shard 3/3 on three machines, then atax merge');
  }
  return { index, count };
}

/** `i/n` from the command line as a Shard. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new UserError(`--shard "${text}": expected i/n, e.g. 2/3`);
  return checkShard({ index: Number(m[1]), count: Number(m[2]) });
}

/**
 * The shard (1-based) an item belongs to: a hash of its identity, not its position, so slices are
 * balanced and an item stays in its slice when the plan grows (new cases, variants or samples).
 */
export function shardOf(caseId: string, variantId: string, sample: number, count: number): number {
  const digest = createHash('sha256').update(`${caseId}\u0000${variantId}\u0000${sample}`).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

/**
 * Items in case-major order (case, then sample, then variant) so every variant's answers to a case
 * arrive close together: an interrupted run still holds complete pairs for the paired statistics.
 */
export function* planItems(plan: Pick<Plan, 'cases' | 'samples' | 'sampleOffset' | 'shard'>, variants: Variant[]): Generator<PlanItem> {
  const shard = plan.shard;
  for (const c of plan.cases) {
    for (let s = plan.sampleOffset; s < plan.sampleOffset + plan.samples; s++) {
      for (const variant of variants) {
        if (shard && shardOf(c.id, variant.id, s, shard.count) !== shard.index) continue;
        yield { case: c, variant, sample: s };
      }
    }
  }
}

/** What the model is sent: the variant's system prompt, then the case's, then its prompt or messages. */
export function buildMessages(variant: Variant, c: Case): Message[] {
  const messages: Message[] = [];
  if (variant.system) messages.push({ role: 'system', content: variant.system });
  if (c.system) messages.push({ role: 'system', content: c.system });
  if (c.messages) messages.push(...c.messages);
  else if (c.prompt !== undefined) messages.push({ role: 'user', content: c.prompt });
  return messages;
}

/** Options that change how requests are sent but not what is answered: a resume may change them. */
const OPERATIONAL_OPTIONS = new Set(['concurrency', 'rpm', 'tpm', 'timeoutMs', 'maxAttempts', 'stream', 'apiKeyEnv', 'batchPollMs']);

/** The part of a variant that decides its answers. */
export function variantIdentity(v: Variant): unknown {
  const options = Object.fromEntries(Object.entries(v.options ?? {}).filter(([k]) => !OPERATIONAL_OPTIONS.has(k)));
  return { id: v.id, provider: v.provider, params: v.params, system: v.system, options: scrubSecrets(options) };
}

/** Stable across processes and key order: the same config and selection always give the same hash. */
export function planHash(cases: Case[], variants: Variant[], samples: number, sampleOffset: number): string {
  const h = createHash('sha256');
  h.update(stableStringify({ samples, sampleOffset, variants: variants.map(variantIdentity) }));
  for (const c of cases) h.update('\n' + stableStringify(c)); // streamed: large suites are not stringified at once
  return h.digest('hex');
}

function pick<T>(all: T[], wanted: string[] | undefined, id: (t: T) => string, what: string, flag: string): T[] {
  if (!wanted?.length) return all;
  const known = all.map(id);
  const unknown = wanted.filter((w) => !known.includes(w));
  if (unknown.length) {
    throw new UserError(`unknown ${what}${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} in ${flag}`, `known ${what}s: ${known.join(', ')}`);
  }
  return all.filter((t) => wanted.includes(id(t)));
}

/** --cases takes ids or simple `*` patterns (medical-*), in suite order. */
function pickCases(cases: Case[], patterns: string[]): Case[] {
  const tests = patterns.map((p) => ({ p, re: new RegExp(`^${p.split('*').map(escapeRe).join('.*')}$`) }));
  const unmatched = tests.filter((t) => !cases.some((c) => t.re.test(c.id)));
  if (unmatched.length) {
    const sample = cases.slice(0, 5).map((c) => c.id).join(', ');
    throw new UserError(`no case matches ${unmatched.map((t) => `"${t.p}"`).join(', ')} in --cases`, `case ids look like: ${sample}${cases.length > 5 ? ', …' : ''}`);
  }
  return cases.filter((c) => tests.some((t) => t.re.test(c.id)));
}

const escapeRe = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
