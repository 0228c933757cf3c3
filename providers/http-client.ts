// The one HTTP path every HTTP backend uses: a shared keep-alive undici Agent (connections are
// reused across requests and providers), status → ProviderError mapping and body reading.
import { createRequire } from 'node:module';
import type { Agent as UndiciAgent, Dispatcher } from 'undici';
import { badResponse, errorForStatus } from './errors.js';

// undici's index.js loads all of undici (fetch, WebSocket, caches, mocks, cookies: ≈ 110 files, and
// through its globals Node's own bundled copy too), while the providers need an Agent and
// `request`: those two files and what they require are ≈ 25. `request(url, opts)` also parsed the
// URL on every call; the provider's few URLs are parsed once (below).
const require = createRequire(import.meta.url);
const Agent = require('undici/lib/dispatcher/agent.js') as typeof UndiciAgent;
const dispatchRequest = require('undici/lib/api/api-request.js') as (this: Dispatcher, opts: Dispatcher.RequestOptions) => Promise<Dispatcher.ResponseData>;
const { parseURL } = require('undici/lib/core/util.js') as { parseURL: (url: string) => URL };

/**
 * Shared by all providers: keep-alive connections, no per-origin connection cap (the runner's queues
 * bound concurrency). Undici's own header/body timeouts are only a backstop: the runner's per-request
 * AbortSignal is the timeout that counts.
 */
export const httpAgent = new Agent({
  keepAliveTimeout: 30_000,
  keepAliveMaxTimeout: 120_000,
  headersTimeout: 600_000,
  bodyTimeout: 600_000,
});

export interface HttpCall {
  /** names the provider and endpoint in error messages, e.g. `openai (http://…/chat/completions)` */
  label: string;
  url: string;
  method?: string;
  headers: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
  /** values that must never appear in an error message (API keys, expanded env values) */
  secrets?: readonly (string | undefined)[];
}

export type HttpResponse = Dispatcher.ResponseData;

/** Sends one request; a non-2xx status throws the matching ProviderError after reading the body. */
export async function send(call: HttpCall): Promise<HttpResponse> {
  const { origin, path } = target(call.url);
  const res = await dispatchRequest.call(httpAgent, {
    origin,
    path,
    method: (call.method ?? 'POST') as Dispatcher.HttpMethod,
    headers: call.headers,
    body: call.body,
    signal: call.signal,
  });
  if (res.statusCode < 200 || res.statusCode >= 300) {
    const text = await res.body.text().catch(() => '');
    throw errorForStatus(call.label, res.statusCode, text, res.headers, call.secrets);
  }
  return res;
}

const targets = new Map<string, { origin: string; path: string }>();

/** origin and path of a URL as undici's `request(url)` reads them (same checks, same errors), memoised. */
function target(url: string): { origin: string; path: string } {
  let t = targets.get(url);
  if (!t) {
    const u = parseURL(url);
    t = { origin: u.origin, path: u.search ? `${u.pathname}${u.search}` : u.pathname };
    if (targets.size >= 256) targets.clear(); // a handful per run; bounded all the same
    targets.set(url, t);
  }
  return t;
}

/** Sends one request and parses the whole answer as JSON (unparsable → bad-response). */
export async function sendForJson(call: HttpCall): Promise<{ json: unknown; text: string }> {
  const res = await send(call);
  const text = await res.body.text();
  try {
    return { json: JSON.parse(text) as unknown, text };
  } catch {
    throw badResponse(call.label, 'response is not valid JSON', text);
  }
}

/** The JSON request headers every backend starts from. */
export function jsonHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'content-type': 'application/json', accept: 'application/json', ...extra };
}
