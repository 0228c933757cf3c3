/**
 * `http:NAME` — any JSON-over-HTTP endpoint (a guardrail service, an in-house gateway). NAME is a
 * free label for the model; it is also available to the body template as {{model}}.
 *
 * options:
 *   url           endpoint URL (required); may use ${ENV} (the value is URL-encoded where it goes in)
 *   method        default POST
 *   headers       request headers; values may use ${ENV} (e.g. `Authorization: Bearer ${MY_KEY}`);
 *                 content-type defaults to application/json
 *   body          the request body template, an object or a JSON string, default { prompt: "{{prompt}}" }.
 *                 Placeholders: {{prompt}} (last user message), {{system}} (system messages joined),
 *                 {{messages}} (the whole list as a JSON array of {role, content}), {{model}}.
 *                 Substitution is JSON-safe: in a string template, text placeholders are escaped for
 *                 use inside a JSON string ("{{prompt}}"), and {{messages}} (quoted or not) becomes
 *                 the array; in an object template, a value that is exactly "{{messages}}" becomes the
 *                 array. ${ENV} in the template is expanded once, before any prompt text goes in.
 *   responsePath  dotted path to the answer text in the JSON response, e.g. `choices.0.message.content`
 *                 (`choices[0]` works too). Without it the response must be a JSON string or plain text.
 *   (runner)      timeoutMs, rpm, concurrency, maxAttempts
 * Rate-limit headers, when the endpoint sends them, pace requests like OpenAI's and Anthropic's:
 * OpenAI's x-ratelimit-* (which many gateways copy) or the IETF draft's RateLimit-Limit/-Remaining/-Reset.
 * The key in a variable referenced by ${ENV} never appears in error messages.
 */
import type { Message } from '../src/core/index.js';
import { UserError } from '../src/errors.js';
import type { Backend, Provider, ProviderFactory, ProviderRequest, ProviderSpec } from './types.js';
import { envRefs, expandEnv, missingKeyEnv, referencedValues } from './env.js';
import { attempt, badResponse, redact } from './errors.js';
import { send } from './http-client.js';
import { httpRateLimit, report } from './ratelimit.js';
import { lastUserText, splitSystem } from './messages.js';
import { requiredString, stringMapOption, stringOption } from './options.js';

type Answer = Awaited<ReturnType<Provider['complete']>>;

const PLACEHOLDER = /("?)\{\{\s*(prompt|system|messages|model)\s*\}\}("?)/g;
const DEFAULT_BODY = { prompt: '{{prompt}}' };

interface TemplateValues { prompt: string; system: string; messages: Message[]; model: string }

/** Fills a string template that is JSON text: escapes text for a JSON string, inlines {{messages}}. */
export function fillStringTemplate(template: string, v: TemplateValues): string {
  return template.replace(PLACEHOLDER, (whole, open: string, name: string, close: string) => {
    if (name === 'messages') {
      const array = JSON.stringify(v.messages);
      return open && close ? array : `${open}${array}${close}`;
    }
    const text = v[name as 'prompt' | 'system' | 'model'];
    return `${open}${JSON.stringify(text).slice(1, -1)}${close}`;
  });
}

/** Fills an object template: strings get the text, a value of exactly "{{messages}}" gets the array. */
export function fillObjectTemplate(template: unknown, v: TemplateValues): unknown {
  if (typeof template === 'string') {
    if (/^\{\{\s*messages\s*\}\}$/.test(template)) return v.messages;
    return template.replace(PLACEHOLDER, (_w, open: string, name: string, close: string) =>
      `${open}${name === 'messages' ? JSON.stringify(v.messages) : v[name as 'prompt' | 'system' | 'model']}${close}`);
  }
  if (Array.isArray(template)) return template.map((x) => fillObjectTemplate(x, v));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, x]) => [k, fillObjectTemplate(x, v)]));
  }
  return template;
}

/** Reads `a.b.0.c` (or `a.b[0].c`) from parsed JSON; undefined when any step is missing. */
export function readPath(value: unknown, path: string): unknown {
  const steps = path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
  let cur: unknown = value;
  for (const step of steps) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[step];
  }
  return cur;
}

/** Expands ${ENV} in every string of an object template, before any prompt text is inserted. */
function expandTemplateEnv(template: unknown, spec: ProviderSpec): unknown {
  if (typeof template === 'string') return expandEnv(template, spec, 'options.body');
  if (Array.isArray(template)) return template.map((x) => expandTemplateEnv(x, spec));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, x]) => [k, expandTemplateEnv(x, spec)]));
  }
  return template;
}

function templateStrings(template: unknown): string[] {
  if (typeof template === 'string') return [template];
  if (template && typeof template === 'object') return Object.values(template).flatMap(templateStrings);
  return [];
}

export const createHttpProvider: ProviderFactory = (spec) => {
  const rawUrl = requiredString(spec, 'url', 'https://example.com/generate');
  // a key with `&`, spaces or `/` must not change the URL's meaning: encoded where it goes in
  const url = expandEnv(rawUrl, spec, 'options.url', encodeURIComponent);
  const method = (stringOption(spec, 'method') ?? 'POST').toUpperCase();
  const rawHeaders = stringMapOption(spec, 'headers');
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  for (const [k, v] of Object.entries(rawHeaders)) headers[k.toLowerCase()] = expandEnv(v, spec, `options.headers.${k}`);
  const rawBody = spec.options.body ?? DEFAULT_BODY;
  if (typeof rawBody !== 'string' && (typeof rawBody !== 'object' || rawBody === null)) {
    throw new UserError(`variant "${spec.variantId}" (http:${spec.model}): options.body must be an object or a string template`);
  }
  const body = expandTemplateEnv(rawBody, spec);
  const responsePath = stringOption(spec, 'responsePath');
  const secrets = referencedValues([rawUrl, ...Object.values(rawHeaders), ...templateStrings(rawBody)], spec.env);
  const label = `http:${spec.model} (${redactedUrl(rawUrl)})`;

  const call = async (req: ProviderRequest): Promise<Answer> => {
    const { system, rest } = splitSystem(req.messages);
    const values = { prompt: lastUserText(rest), system: system ?? '', messages: req.messages, model: spec.model };
    const payload = method === 'GET' || method === 'HEAD' ? undefined
      : typeof body === 'string' ? fillStringTemplate(body, values) : JSON.stringify(fillObjectTemplate(body, values));
    // a gateway's limit headers pace the lane like OpenAI's and Anthropic's do
    const onHeaders = req.onRateLimit && ((h: Record<string, string | string[] | undefined>) => report(req, httpRateLimit(h)));
    const res = await send({ label, url, method, headers, body: payload, signal: req.signal, secrets, onHeaders });
    const text = await res.body.text();
    const contentType = String(res.headers['content-type'] ?? '');
    // a server may reflect the URL (and so the key) in its answer: never store or print it
    return { text: redact(answerText(text, contentType, responsePath, label), secrets) };
  };
  return {
    id: `http:${spec.model}`,
    queueKey: `http ${rawUrl}`,
    cacheable: true,
    complete: (req) => attempt(req, label, secrets, () => call(req)),
  };
};

/** The URL as written, so labels show `${KEY}` rather than its value. */
function redactedUrl(rawUrl: string): string {
  return envRefs(rawUrl).length ? rawUrl : rawUrl.replace(/\?.*$/, '?…');
}

function answerText(raw: string, contentType: string, responsePath: string | undefined, label: string): string {
  const looksJson = /json/i.test(contentType) || (responsePath !== undefined);
  if (!looksJson) return raw;
  let json: unknown;
  try { json = JSON.parse(raw); } catch { throw badResponse(label, 'response is not valid JSON', raw); }
  if (responsePath === undefined) {
    if (typeof json === 'string') return json;
    throw badResponse(label, 'response is a JSON object; set options.responsePath to the answer text (e.g. choices.0.message.content)', raw);
  }
  const value = readPath(json, responsePath);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw badResponse(label, `no text at responsePath "${responsePath}"`, raw);
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
}

/** The http backend needs every `${VAR}` its url, headers and body refer to, then options.apiKeyEnv. */
export const httpBackend: Backend = {
  create: createHttpProvider,
  missingEnv: (options, env) => {
    const missing = stringsIn([options.url, options.headers, options.body]).flatMap(envRefs).find((name) => !env[name]);
    return missing ?? missingKeyEnv(options, env, undefined, typeof options.url === 'string' ? options.url : undefined);
  },
};
