// Turning every way a model call can fail into one typed ProviderError, so the runner can decide
// what to retry and the record says what happened, without ever repeating a secret.
import { ProviderError, type ProviderRequest } from './types.js';

const EXCERPT_CHARS = 200;

/**
 * Replaces every copy of a secret in `text` with `***`. Keys come back in error bodies and in URLs
 * a server reflects, so each is looked for as written and in the forms a URL or a JSON string
 * gives it (`a&b c/d` → `a%26b%20c%2Fd`, `a%26b+c%2Fd`, …), longest first.
 */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const s of secretForms(secrets)) out = out.split(s).join('***');
  return out;
}

/** Every form of each secret (of four or more characters) that may appear in text, longest first. */
export function secretForms(secrets: readonly (string | undefined)[]): string[] {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (!s || s.length < 4) continue;
    const component = encodeURIComponent(s);
    for (const f of [s, component, component.replace(/%20/g, '+'), encodeURI(s), JSON.stringify(s).slice(1, -1)]) forms.add(f);
    // percent-escapes in lower case, as some servers write them
    forms.add(component.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
  }
  return [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
}

/** A one-line excerpt of a response body: the API's own error message when it has one. */
export function bodyExcerpt(body: string): string {
  let text = body;
  try {
    const json = JSON.parse(body) as unknown;
    const message = errorMessageIn(json);
    if (message) text = message;
  } catch { /* not JSON: keep the raw text */ }
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS)}…` : line;
}

function errorMessageIn(json: unknown): string | undefined {
  if (!json || typeof json !== 'object') return undefined;
  const o = json as Record<string, unknown>;
  if (typeof o.error === 'string') return o.error;
  if (o.error && typeof o.error === 'object' && typeof (o.error as Record<string, unknown>).message === 'string') {
    return (o.error as Record<string, unknown>).message as string;
  }
  return typeof o.message === 'string' ? o.message : undefined;
}

/**
 * Milliseconds to wait from `Retry-After` (seconds or an HTTP-date) or OpenAI's `retry-after-ms`.
 * Undefined when absent or unreadable; never negative.
 */
export function parseRetryAfter(retryAfter: string | undefined, retryAfterMs?: string, now = Date.now()): number | undefined {
  if (retryAfterMs !== undefined && retryAfterMs.trim() !== '') {
    const ms = Number(retryAfterMs);
    if (Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  }
  if (retryAfter === undefined || retryAfter.trim() === '') return undefined;
  const value = retryAfter.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The error for a non-2xx response: kind from the status, message with status and a body excerpt. */
export function errorForStatus(
  label: string,
  status: number,
  body: string,
  headers: Record<string, string | string[] | undefined>,
  secrets: readonly (string | undefined)[] = [],
): ProviderError {
  const excerpt = redact(bodyExcerpt(body), secrets);
  const message = `${label}: HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`;
  const header = (name: string) => { const v = headers[name]; return Array.isArray(v) ? v[0] : v; };
  if (status === 401 || status === 403) return new ProviderError('auth', message, { status, retryable: false });
  if (status === 429) {
    return new ProviderError('rate-limit', message, { status, retryAfterMs: parseRetryAfter(header('retry-after'), header('retry-after-ms')) });
  }
  if (status === 408) return new ProviderError('timeout', message, { status });
  if (status >= 500) return new ProviderError('server', message, { status, retryAfterMs: parseRetryAfter(header('retry-after'), header('retry-after-ms')) });
  // 400, 404, 422…: the request itself is wrong (unknown model, bad parameter): retrying cannot help
  return new ProviderError('config', message, { status, retryable: false });
}

/** A 2xx answer we cannot read. */
export function badResponse(label: string, what: string, body?: string): ProviderError {
  const excerpt = body === undefined ? '' : `: ${bodyExcerpt(body)}`;
  return new ProviderError('bad-response', `${label}: ${what}${excerpt}`, { retryable: false });
}

const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
  'UND_ERR_SOCKET', 'UND_ERR_CLOSED', 'UND_ERR_DESTROYED', 'UND_ERR_REQ_CONTENT_LENGTH_MISMATCH', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function errorCode(err: unknown): string | undefined {
  if (!err || typeof err !== 'object') return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown[] };
  if (typeof e.code === 'string') return e.code;
  // Node's happy-eyeballs connect reports an AggregateError; fetch wraps the real error in `cause`
  if (Array.isArray(e.errors) && e.errors.length) return errorCode(e.errors[0]);
  return e.cause ? errorCode(e.cause) : undefined;
}

/**
 * The error an aborted signal means: `timeout` for AbortSignal.timeout, the reason's own kind when
 * the caller aborted with a ProviderError, else `aborted`.
 */
export function abortError(label: string, signal: AbortSignal): ProviderError {
  const reason = signal.reason as { name?: string } | undefined;
  if (reason instanceof ProviderError) {
    return new ProviderError(reason.kind, `${label}: ${reason.message}`, { status: reason.status, retryable: reason.retryable, cause: reason });
  }
  if (reason && typeof reason === 'object' && reason.name === 'TimeoutError') {
    return new ProviderError('timeout', `${label}: timed out`, { cause: signal.reason });
  }
  return new ProviderError('aborted', `${label}: aborted`, { cause: signal.reason, retryable: false });
}

/** Any thrown value → ProviderError (ProviderErrors pass through; abort is judged by the signal). */
export function toProviderError(err: unknown, label: string, signal?: AbortSignal, secrets: readonly (string | undefined)[] = []): ProviderError {
  // an aborted signal explains whatever the interrupted read threw (socket closed, stream cut short)
  if (signal?.aborted) return abortError(label, signal);
  if (err instanceof ProviderError) return err;
  const code = errorCode(err);
  const detail = redact(err instanceof Error ? err.message : String(err), secrets);
  if (code && TIMEOUT_CODES.has(code)) return new ProviderError('timeout', `${label}: ${code}: ${detail}`, { cause: err });
  if (code && NETWORK_CODES.has(code)) return new ProviderError('network', `${label}: ${code}: ${detail}`, { cause: err });
  if (err instanceof SyntaxError) return new ProviderError('bad-response', `${label}: ${detail}`, { cause: err, retryable: false });
  return new ProviderError('network', `${label}: ${detail}`, { cause: err });
}

/**
 * Runs one provider attempt; whatever it throws leaves as a ProviderError carrying the request's
 * variant and case, so an error record always says whose it is.
 */
export async function attempt<T>(req: ProviderRequest, label: string, secrets: readonly (string | undefined)[], fn: () => Promise<T>): Promise<T> {
  if (req.signal?.aborted) throw tag(abortError(label, req.signal), req);
  try {
    return await fn();
  } catch (err) {
    throw tag(toProviderError(err, label, req.signal, secrets), req);
  }
}

function tag(e: ProviderError, req: ProviderRequest): ProviderError {
  e.variantId ??= req.variantId;
  e.caseId ??= req.case.id;
  return e;
}
