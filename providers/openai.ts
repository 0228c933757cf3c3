/**
 * `openai:MODEL` — OpenAI chat completions, and any OpenAI-compatible server (vLLM, llama.cpp
 * server, LM Studio, Together, OpenRouter, Ollama's /v1) through `baseUrl`.
 *
 * options:
 *   baseUrl     API base URL, default https://api.openai.com/v1 (requests go to {baseUrl}/chat/completions)
 *   apiKeyEnv   environment variable holding the key, default OPENAI_API_KEY; sent as
 *               `Authorization: Bearer …`; not required when baseUrl is loopback (127.x, localhost, ::1)
 *   stream      true: stream the answer over SSE (usage requested with stream_options.include_usage)
 *   headers     extra request headers, values may use ${ENV} (e.g. OpenRouter's HTTP-Referer)
 *   maxTokensParam  `max_tokens` (default) or `max_completion_tokens` (OpenAI's reasoning models)
 *   (runner)    timeoutMs, rpm, concurrency, maxAttempts
 * params: temperature, topP → top_p, maxTokens → max_tokens, seed, stop.
 * The answer is choices[0].message.content (or .refusal when the model answers with a refusal
 * object); finish_reason and usage (prompt_tokens / completion_tokens) are kept.
 */
import { ProviderError, type Backend, type Provider, type ProviderFactory, type ProviderRequest, type ProviderSpec } from './types.js';
import { UserError } from '../src/errors.js';
import { apiKeyFor, expandEnv, missingKeyEnv, referencedValues, trimSlash } from './env.js';
import { attempt, badResponse } from './errors.js';
import { jsonHeaders, send, sendForJson, type HttpResponse } from './http-client.js';
import { openaiRateLimit, report, type Headers } from './ratelimit.js';
import { stringMapOption, stringOption } from './options.js';
import { readSseEvents, unstreamedAnswer } from './sse.js';

type Answer = Awaited<ReturnType<Provider['complete']>>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, read defensively

export const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** Where and how an openai variant connects: base URL, headers with its key, and what to redact. */
export function openaiConnection(spec: ProviderSpec): { baseUrl: string; headers: Record<string, string>; secrets: (string | undefined)[] } {
  const baseUrl = trimSlash(stringOption(spec, 'baseUrl') ?? DEFAULT_OPENAI_BASE_URL);
  const key = apiKeyFor(spec, 'OPENAI_API_KEY', baseUrl);
  const rawHeaders = stringMapOption(spec, 'headers');
  const extra = Object.fromEntries(Object.entries(rawHeaders).map(([k, v]) => [k, expandEnv(v, spec, `options.headers.${k}`)]));
  const headers = jsonHeaders({ ...(key ? { authorization: `Bearer ${key}` } : {}), ...extra });
  return { baseUrl, headers, secrets: [key, ...referencedValues(Object.values(rawHeaders), spec.env)] };
}

export const createOpenAIProvider: ProviderFactory = (spec) => {
  const { baseUrl, headers, secrets } = openaiConnection(spec);
  const url = `${baseUrl}/chat/completions`;
  const stream = spec.options.stream === true;
  const maxTokensParam = stringOption(spec, 'maxTokensParam') ?? 'max_tokens';
  if (maxTokensParam !== 'max_tokens' && maxTokensParam !== 'max_completion_tokens') {
    throw new UserError(`variant "${spec.variantId}": options.maxTokensParam must be max_tokens or max_completion_tokens`);
  }
  const label = `openai:${spec.model} (${url})`;

  const call = async (req: ProviderRequest): Promise<Answer> => {
    const body = JSON.stringify(requestBody(spec.model, req, stream, maxTokensParam));
    const http = { label, url, headers, body, signal: req.signal, secrets, onHeaders: req.onRateLimit && ((h: Headers) => report(req, openaiRateLimit(h))) };
    if (stream) return readStream(await send(http), label);
    const { json, text } = await sendForJson(http);
    return answerFromJson(json as Json, label, text);
  };
  return {
    id: `openai:${spec.model}`,
    queueKey: `openai ${baseUrl}`,
    cacheable: true,
    complete: (req) => attempt(req, label, secrets, () => call(req)),
  };
};

export function requestBody(model: string, req: Pick<ProviderRequest, 'messages' | 'params'>, stream: boolean, maxTokensParam: string): Json {
  const p = req.params;
  // assigned in the order the API documents them (and earlier builds sent them), without the
  // intermediate objects of conditional spreads: this runs once per request
  const body: Json = { model, messages: req.messages.map((m) => ({ role: m.role, content: m.content })) };
  if (p.temperature !== undefined) body.temperature = p.temperature;
  if (p.topP !== undefined) body.top_p = p.topP;
  if (p.maxTokens !== undefined) body[maxTokensParam] = p.maxTokens;
  if (p.seed !== undefined) body.seed = p.seed;
  if (p.stop?.length) body.stop = p.stop;
  if (stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  return body;
}

function usageOf(u: Json | undefined): Answer['usage'] {
  if (!u || typeof u !== 'object') return undefined;
  return { inputTokens: u.prompt_tokens, outputTokens: u.completion_tokens };
}

export function answerFromJson(json: Json, label: string, raw: string): Answer {
  const message = json?.choices?.[0]?.message;
  if (!message || typeof message !== 'object') throw badResponse(label, 'no choices[0].message in the response', raw);
  const text = typeof message.content === 'string' ? message.content
    : typeof message.refusal === 'string' ? message.refusal
      : message.content === null ? '' : undefined;
  if (text === undefined) throw badResponse(label, 'choices[0].message.content is missing', raw);
  return { text, finishReason: json.choices[0].finish_reason ?? undefined, usage: usageOf(json.usage) };
}

async function readStream(res: HttpResponse, label: string): Promise<Answer> {
  // a server that does not stream answers a stream request with one JSON body: read that instead
  const whole = await unstreamedAnswer(res, label, answerFromJson);
  if (whole) return whole;
  let text = '';
  let finishReason: string | undefined;
  let usage: Answer['usage'];
  let done = false;
  for await (const event of readSseEvents(res.body)) {
    if (event.data === '[DONE]') { done = true; break; }
    let chunk: Json;
    try { chunk = JSON.parse(event.data); } catch { throw badResponse(label, 'a stream event is not valid JSON', event.data); }
    if (chunk.error) throw streamError(label, chunk.error);
    const choice = chunk.choices?.[0];
    if (choice) {
      const delta = choice.delta ?? {};
      if (typeof delta.content === 'string') text += delta.content;
      else if (typeof delta.refusal === 'string') text += delta.refusal;
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
    if (chunk.usage) usage = usageOf(chunk.usage);
  }
  if (!done && finishReason === undefined) throw new ProviderError('network', `${label}: the stream ended before the answer was complete`);
  return { text, finishReason, usage };
}

/** An error object sent inside a 200 stream (the server failed after it started answering). */
function streamError(label: string, error: Json | string): ProviderError {
  const message = typeof error === 'string' ? error : String(error.message ?? JSON.stringify(error));
  const rateLimited = typeof error === 'object' && /rate/i.test(String(error.type ?? error.code ?? ''));
  return new ProviderError(rateLimited ? 'rate-limit' : 'server', `${label}: error in stream: ${message.slice(0, 200)}`);
}

/** The openai backend: its key is OPENAI_API_KEY (or options.apiKeyEnv), not needed on loopback. */
export const openaiBackend: Backend = {
  create: createOpenAIProvider,
  missingEnv: (options, env) => missingKeyEnv(options, env, 'OPENAI_API_KEY', (typeof options.baseUrl === 'string' ? options.baseUrl : undefined) ?? DEFAULT_OPENAI_BASE_URL),
};
