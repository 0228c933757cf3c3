// `${NAME}` references to environment variables in provider options (URLs, headers, bodies), and
// the loopback rule: a server on this machine needs no API key.
import { UserError } from '../src/errors.js';
import type { ProviderOptions } from '../src/core/index.js';
import type { ProviderSpec } from './types.js';

const ENV_REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The names of the variables `text` refers to, in order of first use. */
export function envRefs(text: string): string[] {
  return [...new Set([...text.matchAll(ENV_REF)].map((m) => m[1]))];
}

/** Expands `${NAME}` from `env`; a reference to an unset variable is a UserError naming it. */
export function expandEnv(text: string, spec: Pick<ProviderSpec, 'env' | 'variantId' | 'backend' | 'model'>, where: string, encode: (value: string) => string = (v) => v): string {
  return text.replace(ENV_REF, (_, name: string) => {
    const value = spec.env[name];
    if (value === undefined || value === '') {
      throw new UserError(
        `variant "${spec.variantId}" (${spec.backend}:${spec.model}): ${where} uses \${${name}} but ${name} is not set`,
        `export ${name}=… before running, or remove the reference`,
      );
    }
    return encode(value);
  });
}

/** Values of the variables `texts` refer to: they are secrets as far as error messages go. */
export function referencedValues(texts: readonly string[], env: NodeJS.ProcessEnv): string[] {
  return texts.flatMap(envRefs).map((name) => env[name]).filter((v): v is string => !!v);
}

/** True for http(s) URLs on 127.0.0.0/8, ::1 or localhost: local servers that need no key. */
export function isLoopbackUrl(url: string | undefined): boolean {
  if (!url) return false;
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Strips trailing slashes so paths can be appended with one `/`. */
export function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The API key a backend sends: read from the variable `options.apiKeyEnv` names (or the backend's
 * default). Missing is a UserError unless the base URL is a loopback server, which needs none.
 */
export function apiKeyFor(spec: ProviderSpec, defaultEnv: string | undefined, baseUrl: string): string | undefined {
  const name = spec.options.apiKeyEnv ?? defaultEnv;
  if (!name) return undefined;
  const key = spec.env[name];
  if (key) return key;
  if (!missingKeyEnv(spec.options, spec.env, defaultEnv, baseUrl)) return undefined;
  throw new UserError(
    `variant "${spec.variantId}" (${spec.backend}:${spec.model}) needs an API key in ${name}, which is not set`,
    `export ${name}=…, set options.apiKeyEnv to the variable that holds the key, or point options.baseUrl at a local server`,
  );
}

/**
 * The key variable a variant needs but `env` lacks, by the rule apiKeyFor applies when the provider
 * is built: `options.apiKeyEnv` or the backend's default, not needed for a loopback server.
 */
export function missingKeyEnv(options: ProviderOptions, env: NodeJS.ProcessEnv, defaultEnv: string | undefined, baseUrl: string | undefined): string | undefined {
  const name = options.apiKeyEnv ?? defaultEnv;
  if (!name || env[name] || isLoopbackUrl(baseUrl)) return undefined;
  return name;
}
