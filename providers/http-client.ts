// The one HTTP path every HTTP backend uses: a shared keep-alive undici Agent (connections are
// reused across requests and providers), status → ProviderError mapping and body reading.
import { Agent, type Dispatcher, type FormData } from 'undici';
import { badResponse, errorForStatus } from './errors.js';

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
  /** JSON text, or a multipart form (a batch file upload: undici sets its content-type and boundary) */
  body?: string | FormData;
  signal?: AbortSignal;
  /** values that must never appear in an error message (API keys, expanded env values) */
  secrets?: readonly (string | undefined)[];
  /** sees the headers of every response, error statuses included (rate-limit headers) */
  onHeaders?: (headers: Record<string, string | string[] | undefined>) => void;
}

export type HttpResponse = Dispatcher.ResponseData;

/** Sends one request; a non-2xx status throws the matching ProviderError after reading the body. */
export async function send(call: HttpCall): Promise<HttpResponse> {
  const { origin, path } = target(call.url);
  const res = await httpAgent.request({
    origin,
    path,
    method: (call.method ?? 'POST') as Dispatcher.HttpMethod,
    headers: call.headers,
    body: call.body,
    signal: call.signal,
  });
  call.onHeaders?.(res.headers);
  if (res.statusCode < 200 || res.statusCode >= 300) {
    const text = await res.body.text().catch(() => '');
    throw errorForStatus(call.label, res.statusCode, text, res.headers, call.secrets);
  }
  return res;
}

const targets = new Map<string, { origin: string; path: string }>();

/** origin and path of a provider URL, parsed once per URL (a handful per run). */
function target(url: string): { origin: string; path: string } {
  let t = targets.get(url);
  if (!t) {
    const u = new URL(url);
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
