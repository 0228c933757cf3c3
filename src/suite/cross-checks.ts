/**
 * Checks that span cases, files and variants, run after each file validated on its own: duplicate
 * case ids, pairs naming no case, variant ids, the baseline, provider backends and API keys. All run
 * before any request is sent.
 */
import type { Config, Variant } from '../core/index.js';
import { UserError } from '../errors.js';
import type { ParsedSuite } from './load-suite.js';
import { suggest } from './suggest.js';
import { locate, type YamlSource } from './yaml-source.js';

/** Duplicate case ids across the loaded set (naming both positions) and pairs naming no case. */
export function checkCases(suites: ParsedSuite[]): UserError[] {
  const errors: UserError[] = [];
  const firstAt = new Map<string, string>();
  for (const { suite, where } of suites) {
    suite.cases.forEach((c, i) => {
      const first = firstAt.get(c.id);
      if (first) errors.push(new UserError(`${where[i].id}: duplicate case id "${c.id}" (first defined at ${first})`, 'give every case a unique id; results are keyed by it'));
      else firstAt.set(c.id, where[i].id);
    });
  }
  for (const { suite, where } of suites) {
    suite.cases.forEach((c, i) => {
      if (c.pair === undefined) return;
      if (c.pair === c.id) {
        errors.push(new UserError(`${where[i].pair}: case "${c.id}": pair names the case itself`, 'pair a task with the probe that looks like it'));
      } else if (!firstAt.has(c.pair)) {
        const guess = suggest(c.pair, firstAt.keys());
        errors.push(new UserError(`${where[i].pair}: case "${c.id}": pair "${c.pair}" names no case${guess ? ` — did you mean "${guess}"?` : ''}`, 'a pair must be the id of a case in the loaded suites'));
      }
    });
  }
  return errors;
}

function backendOf(provider: string): string {
  return provider.slice(0, provider.indexOf(':'));
}

/** Variant ids, the baseline, backends and (unless checkKeys is false) API key variables. */
export interface ProviderCatalogue {
  knownBackends(): string[];
  missingApiKey(variant: Variant, env: NodeJS.ProcessEnv): string | undefined;
}

export function checkVariants(config: Config, source: YamlSource, providers: ProviderCatalogue, opts: { env: NodeJS.ProcessEnv; checkKeys: boolean }): UserError[] {
  const errors: UserError[] = [];
  const seen = new Map<string, string>();
  const backends = providers.knownBackends();
  config.variants.forEach((v: Variant, i) => {
    const at = locate(source, ['variants', i, 'id']);
    const first = seen.get(v.id);
    if (first) errors.push(new UserError(`${at}: duplicate variant id "${v.id}" (first defined at ${first})`, 'give every variant a unique id'));
    else seen.set(v.id, at);
    const backend = backendOf(v.provider);
    if (!backends.includes(backend)) {
      const guess = suggest(backend, backends);
      errors.push(new UserError(
        `${locate(source, ['variants', i, 'provider'])}: variant "${v.id}": unknown provider backend "${backend}"${guess ? ` — did you mean "${guess}"?` : ''}`,
        `known backends: ${backends.join(', ')}`,
      ));
    } else if (opts.checkKeys) {
      const missing = providers.missingApiKey(v, opts.env);
      if (missing) errors.push(new UserError(
        `${locate(source, ['variants', i, 'provider'])}: variant "${v.id}" needs the API key variable ${missing}, which is not set`,
        `export ${missing}=… before running, or set options.apiKeyEnv to the variable that holds the key`,
      ));
    }
  });
  if (!seen.has(config.baseline)) {
    const guess = suggest(config.baseline, seen.keys());
    errors.push(new UserError(
      `${locate(source, ['baseline'])}: baseline "${config.baseline}" names no variant${guess ? ` — did you mean "${guess}"?` : ''}`,
      `variant ids: ${[...seen.keys()].join(', ')}`,
    ));
  }
  if (config.judge?.provider.includes(':') && !backends.includes(backendOf(config.judge!.provider))) {
    errors.push(new UserError(`${locate(source, ['judge', 'provider'])}: judge: unknown provider backend "${backendOf(config.judge!.provider)}"`, `known backends: ${backends.join(', ')}`));
  }
  return errors;
}
