/**
 * `anthropic:MODEL` — Anthropic's Messages API (POST {baseUrl}/v1/messages).
 *
 * options:
 *   baseUrl     default https://api.anthropic.com (a trailing /v1 is accepted)
 *   apiKeyEnv   environment variable holding the key, default ANTHROPIC_API_KEY; sent as `x-api-key`;
 *               not required when baseUrl is loopback
 *   version     the `anthropic-version` header, default 2023-06-01
 *   stream      true: stream the answer as server-sent events (content_block_delta …)
 *   headers     extra request headers (e.g. `anthropic-beta`), values may use ${ENV}
 *   (runner)    timeoutMs, rpm, concurrency, maxAttempts
 * params: temperature (capped at 1, the API maximum), topP → top_p, maxTokens → max_tokens (default
 * 1024: the API requires it),
 * stop → stop_sequences; seed is not supported by the API and is ignored.
 * System messages become the top-level `system` field. The answer is the text blocks of `content`
 * joined; stop_reason and usage (input_tokens / output_tokens) are kept.
 */
import { ProviderError, type Backend, type Provider, type ProviderFactory, type ProviderRequest, type ProviderSpec } from './types.js';
import { apiKeyFor, expandEnv, missingKeyEnv, referencedValues, trimSlash } from './env.js';
import { attempt, badResponse } from './errors.js';
import { jsonHeaders, send, sendForJson, type HttpResponse } from './http-client.js';
import { anthropicRateLimit, report, type Headers } from './ratelimit.js';
import { splitSystem } from './messages.js';
import { stringMapOption, stringOption } from './options.js';
import { readSseEvents, unstreamedAnswer } from './sse.js';

type Answer = Awaited<ReturnType<Provider['complete']>>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, read defensively

export const DEFAULT_ANTHROPIC_BASE_URL = 'https://api.anthropic.com';
const DEFAULT_MAX_TOKENS = 1024;

/**
 * Where and how an anthropic variant connects: the API root (`…/v1`, a trailing /v1 in baseUrl
 * accepted), headers with its key and version, and what to redact.
 */
export function anthropicConnection(spec: ProviderSpec): { baseUrl: string; apiRoot: string; headers: Record<string, string>; secrets: (string | undefined)[] } {
  const baseUrl = trimSlash(stringOption(spec, 'baseUrl') ?? DEFAULT_ANTHROPIC_BASE_URL);
  const key = apiKeyFor(spec, 'ANTHROPIC_API_KEY', baseUrl);
  const rawHeaders = stringMapOption(spec, 'headers');
  const extra = Object.fromEntries(Object.entries(rawHeaders).map(([k, v]) => [k, expandEnv(v, spec, `options.headers.${k}`)]));
  const headers = jsonHeaders({
    'anthropic-version': stringOption(spec, 'version') ?? '2023-06-01',
    ...(key ? { 'x-api-key': key } : {}),
    ...extra,
  });
  const apiRoot = baseUrl.endsWith('/v1') ? baseUrl : `${baseUrl}/v1`;
  return { baseUrl, apiRoot, headers, secrets: [key, ...referencedValues(Object.values(rawHeaders), spec.env)] };
}

export const createAnthropicProvider: ProviderFactory = (spec) => {
  const { baseUrl, apiRoot, headers, secrets } = anthropicConnection(spec);
  const url = `${apiRoot}/messages`;
  const stream = spec.options.stream === true;
  const label = `anthropic:${spec.model} (${url})`;

  const call = async (req: ProviderRequest): Promise<Answer> => {
    const body = JSON.stringify(requestBody(spec.model, req, stream));
    const http = { label, url, headers, body, signal: req.signal, secrets, onHeaders: req.onRateLimit && ((h: Headers) => report(req, anthropicRateLimit(h))) };
    if (stream) return readStream(await send(http), label);
    const { json, text } = await sendForJson(http);
    return answerFromJson(json as Json, label, text);
  };
  return {
    id: `anthropic:${spec.model}`,
    queueKey: `anthropic ${baseUrl}`,
    cacheable: true,
    complete: (req) => attempt(req, label, secrets, () => call(req)),
  };
};

export function requestBody(model: string, req: Pick<ProviderRequest, 'messages' | 'params'>, stream: boolean): Json {
  const p = req.params;
  const { system, rest } = splitSystem(req.messages);
  return {
    model,
    max_tokens: p.maxTokens ?? DEFAULT_MAX_TOKENS,
    ...(system !== undefined && { system }),
    messages: rest.map((m) => ({ role: m.role, content: m.content })),
    ...(p.temperature !== undefined && { temperature: Math.min(p.temperature, 1) }),
    ...(p.topP !== undefined && { top_p: p.topP }),
    ...(p.stop?.length && { stop_sequences: p.stop }),
    ...(stream && { stream: true }),
  };
}

function usageOf(u: Json | undefined, previous?: Answer['usage']): Answer['usage'] {
  if (!u || typeof u !== 'object') return previous;
  return { inputTokens: u.input_tokens ?? previous?.inputTokens, outputTokens: u.output_tokens ?? previous?.outputTokens };
}

export function answerFromJson(json: Json, label: string, raw: string): Answer {
  if (!Array.isArray(json?.content)) throw badResponse(label, 'no `content` list in the response', raw);
  const text = json.content.filter((b: Json) => b?.type === 'text' && typeof b.text === 'string').map((b: Json) => b.text).join('');
  return { text, finishReason: json.stop_reason ?? undefined, usage: usageOf(json.usage) };
}

async function readStream(res: HttpResponse, label: string): Promise<Answer> {
  const whole = await unstreamedAnswer(res, label, answerFromJson);
  if (whole) return whole;
  let text = '';
  let finishReason: string | undefined;
  let usage: Answer['usage'];
  let stopped = false;
  for await (const event of readSseEvents(res.body)) {
    let data: Json;
    try { data = JSON.parse(event.data); } catch { throw badResponse(label, `a stream event (${event.event}) is not valid JSON`, event.data); }
    const type = data.type ?? event.event;
    if (type === 'error') throw streamError(label, data.error ?? {});
    if (type === 'message_start') usage = usageOf(data.message?.usage);
    else if (type === 'content_block_delta' && data.delta?.type === 'text_delta') text += String(data.delta.text ?? '');
    else if (type === 'message_delta') {
      if (data.delta?.stop_reason) finishReason = data.delta.stop_reason;
      usage = usageOf(data.usage, usage);
    } else if (type === 'message_stop') { stopped = true; break; }
  }
  if (!stopped) throw new ProviderError('network', `${label}: the stream ended before message_stop`);
  return { text, finishReason, usage };
}

/** Anthropic reports failures after the stream started as an `error` event (e.g. overloaded_error). */
function streamError(label: string, error: Json): ProviderError {
  const message = `${label}: ${error.type ?? 'error'} in stream: ${String(error.message ?? '').slice(0, 200)}`;
  if (error.type === 'rate_limit_error') return new ProviderError('rate-limit', message);
  if (error.type === 'authentication_error' || error.type === 'permission_error') return new ProviderError('auth', message, { retryable: false });
  if (error.type === 'invalid_request_error') return new ProviderError('config', message, { retryable: false });
  return new ProviderError('server', message);
}

/** The anthropic backend: its key is ANTHROPIC_API_KEY (or options.apiKeyEnv), not needed on loopback. */
export const anthropicBackend: Backend = {
  create: createAnthropicProvider,
  missingEnv: (options, env) => missingKeyEnv(options, env, 'ANTHROPIC_API_KEY', (typeof options.baseUrl === 'string' ? options.baseUrl : undefined) ?? DEFAULT_ANTHROPIC_BASE_URL),
};
