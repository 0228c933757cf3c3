/**
 * promptfoo is an optional peer dependency (about 1.4 GB installed): only `promptfoo:` variants and
 * the promptfoo import/export use it, so a plain `npm ci` does not download it. This is the one
 * place that loads it: once per process, with its phone-home features off before its first line
 * runs, and with an exit-2 error that says how to install it when it is missing.
 */
import { createRequire } from 'node:module';
import { UserError } from '../src/errors.js';

/** The version the bridge, the importer and the exporter are written and tested against. */
export const PROMPTFOO_VERSION = '0.121.20';
export const PROMPTFOO_INSTALL = `npm i promptfoo@${PROMPTFOO_VERSION}`;

/** The part of promptfoo's API this project uses (typed here so promptfoo stays a lazy import). */
export interface PromptfooResponse {
  output?: unknown;
  error?: string;
  tokenUsage?: { prompt?: number; completion?: number; total?: number };
  cost?: number;
  finishReason?: string;
}
export interface PromptfooProvider {
  callApi(prompt: string, context?: unknown, options?: { abortSignal?: AbortSignal }): Promise<PromptfooResponse>;
}
interface SafeParse { safeParse(value: unknown): { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } } }
export interface PromptfooModule {
  loadApiProvider(id: string, context?: { options?: { config?: unknown }; env?: Record<string, string> }): Promise<PromptfooProvider>;
  cache?: { disableCache?: () => void };
  UnifiedConfigSchema?: SafeParse;
}

const require = createRequire(import.meta.url);

/** Imported by a name typed as a plain string: the optional package has no types to compile against. */
const PROMPTFOO_PACKAGE: string = 'promptfoo';

/** True when `promptfoo` resolves from here; `resolve` is injectable so the missing case is testable. */
export function promptfooInstalled(resolve: (id: string) => string = require.resolve): boolean {
  try {
    resolve(PROMPTFOO_PACKAGE);
    return true;
  } catch {
    return false;
  }
}

/** The exit-2 error for a feature that needs promptfoo when it is not installed. */
export function promptfooMissing(feature: string): UserError {
  return new UserError(`${feature} needs promptfoo, which is not installed (it is an optional peer dependency)`, `install it with \`${PROMPTFOO_INSTALL}\` (in a clone of alignment-tax itself: \`npm run install-promptfoo\`)`);
}

/** Throws promptfooMissing(feature) unless promptfoo can be loaded. */
export function requirePromptfoo(feature: string, resolve?: (id: string) => string): void {
  if (!promptfooInstalled(resolve)) throw promptfooMissing(feature);
}

let promptfooModule: Promise<PromptfooModule> | undefined;

/** Imports promptfoo once per process, with telemetry, update checks and sharing off. */
export function loadPromptfoo(feature = 'this command'): Promise<PromptfooModule> {
  requirePromptfoo(feature);
  process.env.PROMPTFOO_DISABLE_TELEMETRY = '1';
  process.env.PROMPTFOO_DISABLE_UPDATE = '1';
  process.env.PROMPTFOO_DISABLE_SHARING = '1';
  // promptfoo's console logger reads these once, at import: keep its chatter (info, warnings) off
  // our stdout, where the progress screen lives; errors still reach stderr. Restored after import.
  const saved = { LOG_LEVEL: process.env.LOG_LEVEL, PROMPTFOO_LOG_TO_STDERR: process.env.PROMPTFOO_LOG_TO_STDERR };
  process.env.LOG_LEVEL ??= 'error';
  process.env.PROMPTFOO_LOG_TO_STDERR ??= 'true';
  const restore = () => {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k];
  };
  promptfooModule ??= import(PROMPTFOO_PACKAGE).finally(restore).then((m: unknown) => {
    const mod = ((m as { default?: unknown }).default && !(m as { loadApiProvider?: unknown }).loadApiProvider ? (m as { default: unknown }).default : m) as PromptfooModule;
    mod.cache?.disableCache?.();
    return mod;
  });
  return promptfooModule;
}

/** promptfoo's own reading of a config object: its schema's issues as `path: message` lines. */
export async function promptfooConfigIssues(config: unknown, feature: string): Promise<string[]> {
  const pf = await loadPromptfoo(feature);
  const parsed = pf.UnifiedConfigSchema?.safeParse(config);
  if (!parsed || parsed.success) return [];
  return (parsed.error?.issues ?? []).map((i) => `${i.path.map(String).join('.') || '(top)'}: ${i.message}`);
}
