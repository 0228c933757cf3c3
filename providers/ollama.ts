/**
 * `ollama:MODEL` — Ollama's native chat API (POST {host}/api/chat).
 *
 * options:
 *   baseUrl     the Ollama host; default the OLLAMA_HOST variable (`host:port` or a URL), else
 *               http://127.0.0.1:11434
 *   stream      true: read the answer as NDJSON chunks; default false (one JSON answer)
 *   apiKeyEnv   optional: a variable whose value is sent as `Authorization: Bearer …` (for an Ollama
 *               behind an authenticating proxy); required only when set and the host is not loopback
 *   keepAlive   passed as `keep_alive` (how long Ollama keeps the model loaded, e.g. "10m")
 *   (runner)    timeoutMs, rpm, concurrency, maxAttempts
 * params: temperature, topP → top_p, maxTokens → num_predict, seed, stop (all under `options`).
 * The answer is message.content; done_reason and usage (prompt_eval_count / eval_count) are kept.
 */
import { ProviderError, type Backend, type Provider, type ProviderFactory, type ProviderRequest } from './types.js';
import { UserError } from '../src/errors.js';
import { apiKeyFor, missingKeyEnv, trimSlash } from './env.js';
import { attempt, badResponse } from './errors.js';
import { jsonHeaders, send, sendForJson, type HttpResponse } from './http-client.js';
import { stringOption } from './options.js';
import { readLines } from './sse.js';

type Answer = Awaited<ReturnType<Provider['complete']>>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, read defensively

export const DEFAULT_OLLAMA_HOST = 'http://127.0.0.1:11434';

/** OLLAMA_HOST may be `0.0.0.0:11434` or a bare host (the ollama CLI's forms): make it a URL to call. */
export function ollamaHost(baseUrl: string | undefined, env: NodeJS.ProcessEnv): string {
  const raw = (baseUrl ?? env.OLLAMA_HOST ?? '') || DEFAULT_OLLAMA_HOST;
  const hasScheme = /^https?:\/\//i.test(raw);
  let url: URL;
  try {
    url = new URL(hasScheme ? raw : `http://${raw}`);
  } catch {
    throw new UserError(`ollama host "${raw}" is not a URL`, 'set options.baseUrl or OLLAMA_HOST to e.g. http://127.0.0.1:11434');
  }
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  // a bare `host` without scheme or port means Ollama's default port, as the ollama CLI reads it
  if (!hasScheme && !url.port) url.port = '11434';
  return trimSlash(url.toString());
}

export const createOllamaProvider: ProviderFactory = (spec) => {
  const host = ollamaHost(stringOption(spec, 'baseUrl'), spec.env);
  const url = `${host}/api/chat`;
  const key = apiKeyFor(spec, undefined, host);
  const headers = jsonHeaders(key ? { authorization: `Bearer ${key}` } : {});
  const stream = spec.options.stream === true;
  const keepAlive = stringOption(spec, 'keepAlive');
  const label = `ollama:${spec.model} (${url})`;

  const call = async (req: ProviderRequest): Promise<Answer> => {
    const body = JSON.stringify({ ...requestBody(spec.model, req, stream), ...(keepAlive && { keep_alive: keepAlive }) });
    const http = { label, url, headers, body, signal: req.signal, secrets: [key] };
    if (stream) return readNdjson(await send(http), label);
    const { json, text } = await sendForJson(http);
    return answerFromJson(json as Json, label, text);
  };
  return {
    id: `ollama:${spec.model}`,
    queueKey: `ollama ${host}`,
    cacheable: true,
    complete: (req) => attempt(req, label, [key], () => call(req)),
  };
};

function requestBody(model: string, req: ProviderRequest, stream: boolean): Json {
  const p = req.params;
  const options = {
    ...(p.temperature !== undefined && { temperature: p.temperature }),
    ...(p.topP !== undefined && { top_p: p.topP }),
    ...(p.maxTokens !== undefined && { num_predict: p.maxTokens }),
    ...(p.seed !== undefined && { seed: p.seed }),
    ...(p.stop?.length && { stop: p.stop }),
  };
  return { model, messages: req.messages.map((m) => ({ role: m.role, content: m.content })), stream, options };
}

function usageOf(json: Json): Answer['usage'] {
  if (json.prompt_eval_count === undefined && json.eval_count === undefined) return undefined;
  return { inputTokens: json.prompt_eval_count, outputTokens: json.eval_count };
}

function answerFromJson(json: Json, label: string, raw: string): Answer {
  if (typeof json?.error === 'string') throw new ProviderError('server', `${label}: ${json.error.slice(0, 200)}`);
  const content = json?.message?.content;
  if (typeof content !== 'string') throw badResponse(label, 'no message.content in the response', raw);
  return { text: content, finishReason: json.done_reason ?? undefined, usage: usageOf(json) };
}

async function readNdjson(res: HttpResponse, label: string): Promise<Answer> {
  let text = '';
  for await (const line of readLines(res.body)) {
    if (line.trim() === '') continue;
    let chunk: Json;
    try { chunk = JSON.parse(line); } catch { throw badResponse(label, 'a stream line is not valid JSON', line); }
    if (typeof chunk.error === 'string') throw new ProviderError('server', `${label}: error in stream: ${chunk.error.slice(0, 200)}`);
    if (typeof chunk.message?.content === 'string') text += chunk.message.content;
    if (chunk.done === true) return { text, finishReason: chunk.done_reason ?? undefined, usage: usageOf(chunk) };
  }
  throw new ProviderError('network', `${label}: the stream ended before done: true`);
}

/** The ollama backend: a bearer key only when options.apiKeyEnv names one, and never for a loopback host. */
export const ollamaBackend: Backend = {
  create: createOllamaProvider,
  missingEnv: (options, env) => {
    let host: string | undefined;
    try { host = ollamaHost(typeof options.baseUrl === 'string' ? options.baseUrl : undefined, env); } catch { host = undefined; } // a bad host is the factory's error
    return missingKeyEnv(options, env, undefined, host);
  },
};
