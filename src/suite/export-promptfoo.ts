/**
 * A loaded config as a promptfoo config, so a team on promptfoo can open the same cases in its
 * viewer: variants become providers (where promptfoo has the backend), cases become tests with
 * `is-refusal` (probes) or `not-is-refusal` (tasks) plus the checks promptfoo can express.
 *
 * Prompts are chat JSON: each test carries its turns (the case's system and messages) in the var
 * `turns`, and each distinct variant system prompt gets its own prompt template that prepends it,
 * linked to its provider with `prompts:`.
 */
import type { Case, Check, Message, Variant } from '../core/index.js';
import type { LoadedConfig } from './load-config.js';

export interface PromptfooExport {
  config: Record<string, unknown>;
  /** variants promptfoo cannot run, with why */
  skipped: Array<{ variant: string; reason: string }>;
}

function splitProvider(id: string): { backend: string; model: string } {
  const i = id.indexOf(':');
  return { backend: id.slice(0, i), model: id.slice(i + 1) };
}

function defined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function configMap(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** promptfoo's provider id and config for a variant, or why there is none. */
export function promptfooProvider(v: Variant): { id: string; config: Record<string, unknown> } | { skip: string } {
  const { backend, model } = splitProvider(v.provider);
  const p = v.params;
  const o = v.options;
  switch (backend) {
    case 'openai':
      return { id: `openai:chat:${model}`, config: defined({ apiBaseUrl: o.baseUrl, apiKeyEnvar: o.apiKeyEnv, temperature: p.temperature, max_tokens: p.maxTokens, top_p: p.topP, seed: p.seed, stop: p.stop }) };
    case 'anthropic':
      return { id: `anthropic:messages:${model}`, config: defined({ temperature: p.temperature, max_tokens: p.maxTokens, top_p: p.topP }) };
    case 'ollama':
      return { id: `ollama:chat:${model}`, config: defined({ temperature: p.temperature, num_predict: p.maxTokens, top_p: p.topP, seed: p.seed }) };
    case 'http':
      return { id: 'http', config: defined({ url: o.url, method: o.method, headers: o.headers, body: o.body, transformResponse: typeof o.responsePath === 'string' ? `json.${o.responsePath}` : undefined }) };
    case 'promptfoo':
      // the variant's own promptfoo config (apiBaseUrl, region, …) goes along; as in the bridge, it
      // wins over the params it also sets
      return { id: model, config: defined({ temperature: p.temperature, max_tokens: p.maxTokens, ...configMap(o.config) }) };
    case 'sim':
      return { skip: 'simulated models exist only in alignment-tax' };
    case 'replay':
      return { skip: 'recorded answers are replayed by alignment-tax only' };
    default:
      return { skip: `promptfoo has no "${backend}" backend` };
  }
}

function caseMessages(c: Case): Message[] {
  const turns = c.messages ?? [{ role: 'user' as const, content: c.prompt ?? '' }];
  return c.system ? [{ role: 'system', content: c.system }, ...turns] : turns;
}

/** Our check as a promptfoo assertion, where promptfoo has one. */
export function assertionFor(check: Check): Record<string, unknown> | undefined {
  switch (check.type) {
    case 'contains':
    case 'not-contains': {
      const suffix = typeof check.value === 'string' ? '' : check.mode === 'all' ? '-all' : '-any';
      return { type: `${check.type}${suffix}`, value: check.value };
    }
    case 'regex':
      // promptfoo's regex assertion takes no flags: a flagged pattern has no faithful equivalent
      return check.flags ? undefined : { type: 'regex', value: check.value };
    case 'json':
      return check.schema ? { type: 'is-json', value: check.schema } : { type: 'is-json' };
    default:
      return undefined;
  }
}

function promptTemplate(system: string | undefined): string {
  return system ? `[${JSON.stringify({ role: 'system', content: system })},{{ turns }}]` : '[{{ turns }}]';
}

export function toPromptfooConfig(loaded: LoadedConfig): PromptfooExport {
  const skipped: PromptfooExport['skipped'] = [];
  const prompts = new Map<string, { id: string; raw: string }>();
  const providers: Record<string, unknown>[] = [];
  for (const v of loaded.config.variants) {
    const mapped = promptfooProvider(v);
    if ('skip' in mapped) { skipped.push({ variant: v.id, reason: mapped.skip }); continue; }
    const key = v.system ?? '';
    if (!prompts.has(key)) prompts.set(key, { id: v.system ? `atax-${v.id}` : 'atax', raw: promptTemplate(v.system) });
    providers.push({ id: mapped.id, label: v.label ? `${v.id} (${v.label})` : v.id, ...(Object.keys(mapped.config).length ? { config: mapped.config } : {}), prompts: [prompts.get(key)!.id] });
  }
  const tests = loaded.cases.map((c) => {
    const refusal = c.kind === 'probe' ? [{ type: 'is-refusal' }] : [{ type: 'not-is-refusal' }];
    const checks = c.kind === 'task' ? c.expect.map(assertionFor).filter((a): a is Record<string, unknown> => !!a) : [];
    return {
      description: `${c.id} (${c.kind})`,
      vars: { turns: caseMessages(c).map((m) => JSON.stringify(m)).join(',') },
      assert: [...refusal, ...checks],
      metadata: defined({ caseId: c.id, kind: c.kind, domain: c.domain, suite: c.suiteId, pair: c.pair, tags: c.tags.length ? c.tags.join(', ') : undefined }),
    };
  });
  const config = {
    description: `alignment-tax export of ${loaded.suites.map((s) => `${s.id}@${s.version}`).join(', ')} (baseline ${loaded.config.baseline})`,
    prompts: [...prompts.values()].map((p) => ({ id: p.id, raw: p.raw })),
    providers,
    tests,
  };
  return { config, skipped };
}
