// A real node:http server on 127.0.0.1 that speaks one model wire protocol, for tests and benchmarks.
// Each protocol (openai.mjs, anthropic.mjs, ollama.mjs, generic.mjs) supplies how to read a request
// and how to render an answer; this file owns everything they share: request recording, in-flight
// counting, delays, a deterministic default responder and a queue of injected faults.
import http from 'node:http';

/**
 * A fault applied to the next request that arrives (one fault per request, in order).
 * - `{ status, retryAfter?, retryAfterMs?, message? }`: an error status in the protocol's error shape;
 *   `retryAfter` goes out as `Retry-After` (seconds, or an HTTP-date string), `retryAfterMs` as `retry-after-ms`
 * - `{ type: 'reset' }`: destroy the socket before any response byte
 * - `{ type: 'cut' }`: send the status line and the first part of a success body, then destroy the socket
 * - `{ type: 'malformed' }`: status 200 with a body that is not valid JSON (or a broken stream line)
 * - `{ type: 'stall', ms? }`: answer nothing for `ms` (default 60 s), then destroy the socket
 * - `{ type: 'delay', ms }`: answer normally after an extra `ms`
 * @typedef {{ status: number, retryAfter?: string | number, retryAfterMs?: number, message?: string }
 *   | { type: 'reset' } | { type: 'cut' } | { type: 'malformed' } | { type: 'stall', ms?: number }
 *   | { type: 'delay', ms: number }} Fault
 */

/**
 * What a responder sees: the parsed request in protocol-neutral form.
 * @typedef {{ model: string, messages: { role: string, content: string }[], prompt: string,
 *   system: string, stream: boolean, body: any, headers: http.IncomingHttpHeaders, index: number, url: string }} ResponderInput
 *   (`url`: the request's path and query as sent, for servers that reflect it)
 */

/**
 * A responder's answer: plain text, or text with finish reason and token counts.
 * `refusal` (OpenAI only) answers with a structured refusal: content null, message.refusal set.
 * `{ fault }` answers this request with a fault instead: deterministic per-prompt failures that do
 * not depend on arrival order (e.g. "the first two attempts at case 7 get 429").
 * @typedef {string | { text: string, finishReason?: string, inputTokens?: number, outputTokens?: number, delayMs?: number, refusal?: string }
 *   | { fault: Fault }} Reply
 * @typedef {(input: ResponderInput) => Reply | Promise<Reply>} Responder
 */

/**
 * How one wire protocol reads requests and renders answers.
 * @typedef {object} Protocol
 * @property {(method: string, path: string) => boolean} matches
 * @property {(body: any) => { model: string, messages: { role: string, content: string }[], stream: boolean }} parseInput
 * @property {(input: ResponderInput, reply: NormalReply) => { contentType: string, chunks: string[] }} render
 * @property {(status: number, message: string) => unknown} errorBody
 * @property {(input: ResponderInput) => { contentType: string, body: string }} malformed
 * @property {(headers: http.IncomingHttpHeaders, apiKey: string) => boolean} authOk
 * @property {string} basePath the path suffix of the base URL clients are given (e.g. `/v1`)
 */

/** @typedef {{ text: string, finishReason: string, inputTokens: number, outputTokens: number, delayMs: number, refusal?: string }} NormalReply */

/**
 * @typedef {object} ServerOptions
 * @property {number} [port] default 0 (any free port)
 * @property {number} [delayMs] added before every answer
 * @property {number} [chunkDelayMs] between streamed chunks
 * @property {Responder} [responder] default: echo of the last user message
 * @property {string} [apiKey] when set, requests without this key get 401
 * @property {boolean} [record] keep every request in `requests` (default true; off for benchmarks)
 * @property {ReturnType<typeof import('./ratelimit.mjs').createLimiter>} [limiter] rate limits enforced
 *   with 429s, and their headers sent on every answer (see ratelimit.mjs)
 */

/**
 * @typedef {object} RecordedRequest
 * @property {string} method
 * @property {string} path
 * @property {http.IncomingHttpHeaders} headers
 * @property {any} body parsed JSON, or the raw text when it is not JSON
 */

/**
 * @typedef {object} TestServer
 * @property {string} url the base URL to give a client (protocol's base path included)
 * @property {string} origin `http://127.0.0.1:PORT`
 * @property {number} port
 * @property {RecordedRequest[]} requests
 * @property {{ count: number, inFlight: number, maxInFlight: number }} stats
 * @property {(...faults: Fault[]) => void} inject
 * @property {(fn: Responder) => void} setResponder
 * @property {(ms: number) => void} setDelay
 * @property {() => void} reset clear recorded requests, stats and pending faults
 * @property {() => Promise<void>} close
 */

/** The default answer: deterministic, derived from the prompt. */
export const echoResponder = (/** @type {ResponderInput} */ input) => `Echo: ${input.prompt}`;

/** Rough whitespace token count, deterministic, good enough for usage fields. */
export const countWords = (/** @type {string} */ s) => (s.trim() === '' ? 0 : s.trim().split(/\s+/).length);

/**
 * Splits text into up to `n` pieces on word boundaries, so streams have several deltas.
 * @param {string} text
 * @param {number} [n]
 */
export function splitIntoPieces(text, n = 4) {
  const words = text.split(/(?<=\s)/);
  const per = Math.max(1, Math.ceil(words.length / n));
  const pieces = [];
  for (let i = 0; i < words.length; i += per) pieces.push(words.slice(i, i + per).join(''));
  return pieces.length ? pieces : [''];
}

const sleep = (/** @type {number} */ ms) => new Promise((r) => setTimeout(r, ms));

/**
 * @param {Protocol} protocol
 * @param {ServerOptions} [opts]
 * @returns {Promise<TestServer>}
 */
export async function startProtocolServer(protocol, opts = {}) {
  /** @type {Fault[]} */ const faults = [];
  /** @type {RecordedRequest[]} */ const requests = [];
  const stats = { count: 0, inFlight: 0, maxInFlight: 0 };
  /** @type {Set<NodeJS.Timeout>} */ const timers = new Set();
  let responder = opts.responder ?? echoResponder;
  let delayMs = opts.delayMs ?? 0;
  const record = opts.record ?? true;

  const server = http.createServer((req, res) => {
    stats.count += 1;
    stats.inFlight += 1;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.on('close', () => { stats.inFlight -= 1; });
    req.on('error', () => {});
    res.on('error', () => {});
    const index = stats.count - 1;
    readBody(req).then((text) => handle(req, res, text, index)).catch(() => req.socket.destroy());
  });
  server.keepAliveTimeout = 30_000;

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {string} text @param {number} index */
  async function handle(req, res, text, index) {
    const path = (req.url ?? '/').split('?')[0];
    const body = parseJson(text);
    if (record) requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body: body === undefined ? text : body });
    if (!protocol.matches(req.method ?? 'GET', path)) return sendJson(res, 404, protocol.errorBody(404, `no route ${req.method} ${path}`));
    if (body === undefined) return sendJson(res, 400, protocol.errorBody(400, 'request body is not JSON'));
    if (opts.apiKey && !protocol.authOk(req.headers, opts.apiKey)) return sendJson(res, 401, protocol.errorBody(401, 'invalid api key'));
    const parsed = protocol.parseInput(body);
    const input = { ...parsed, prompt: lastUser(parsed.messages), system: systemText(parsed.messages), body, headers: req.headers, index, url: req.url ?? '/' };
    /** @type {Record<string, string>} */ let limitHeaders = {};
    if (opts.limiter) {
      const admitted = opts.limiter.admit(input);
      limitHeaders = admitted.headers;
      if (!admitted.ok) return sendJson(res, 429, protocol.errorBody(429, 'rate limit exceeded'), limitHeaders);
    }
    const fault = faults.shift();
    if (fault && (await applyFault(fault, req, res, input))) return;
    const answer = await responder(input);
    if (typeof answer === 'object' && 'fault' in answer) {
      if (!(await applyFault(answer.fault, req, res, input))) return respond(res, input, normalizeReply(echoResponder(input), input), answer.fault, limitHeaders);
      return;
    }
    return respond(res, input, normalizeReply(answer, input), fault, limitHeaders);
  }

  /** @param {http.ServerResponse} res @param {ResponderInput} input @param {NormalReply} reply @param {Fault | undefined} fault @param {Record<string, string>} [extraHeaders] */
  async function respond(res, input, reply, fault, extraHeaders = {}) {
    const wait = delayMs + reply.delayMs + (fault && 'type' in fault && fault.type === 'delay' ? fault.ms : 0);
    if (wait > 0) await sleep(wait);
    if (res.destroyed) return;
    const { contentType, chunks } = protocol.render(input, reply);
    res.writeHead(200, { 'content-type': contentType, ...extraHeaders });
    for (const chunk of chunks) {
      if (res.destroyed) return;
      res.write(chunk);
      if (opts.chunkDelayMs && chunks.length > 1) await sleep(opts.chunkDelayMs);
    }
    res.end();
  }

  /** @returns {Promise<boolean>} true when the fault answered the request */
  async function applyFault(/** @type {Fault} */ fault, /** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res, /** @type {ResponderInput} */ input) {
    if ('status' in fault) {
      /** @type {Record<string, string>} */ const headers = {};
      if (fault.retryAfter !== undefined) headers['retry-after'] = String(fault.retryAfter);
      if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
      sendJson(res, fault.status, protocol.errorBody(fault.status, fault.message ?? defaultMessage(fault.status)), headers);
      return true;
    }
    switch (fault.type) {
      case 'reset': req.socket.destroy(); return true;
      case 'malformed': {
        const m = protocol.malformed(input);
        res.writeHead(200, { 'content-type': m.contentType });
        res.end(m.body);
        return true;
      }
      case 'cut': {
        const { contentType, chunks } = protocol.render(input, normalizeReply(echoResponder(input), input));
        const all = chunks.join('');
        res.writeHead(200, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(all) + 100) });
        res.write(chunks.length > 1 ? chunks[0] : all.slice(0, Math.floor(all.length / 2)));
        setTimeout(() => req.socket.destroy(), 20);
        return true;
      }
      case 'stall': {
        const timer = setTimeout(() => { timers.delete(timer); req.socket.destroy(); }, fault.ms ?? 60_000);
        timers.add(timer);
        res.on('close', () => { clearTimeout(timer); timers.delete(timer); });
        return true;
      }
      default: return false;
    }
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin + protocol.basePath,
    origin,
    port,
    requests,
    stats,
    inject: (...f) => { faults.push(...f); },
    setResponder: (fn) => { responder = fn; },
    setDelay: (ms) => { delayMs = ms; },
    reset: () => { requests.length = 0; faults.length = 0; stats.count = 0; stats.maxInFlight = stats.inFlight; },
    close: () => new Promise((resolve) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.close(() => resolve(undefined));
      server.closeAllConnections();
    }),
  };
}

/** @param {http.IncomingMessage} req @returns {Promise<string>} */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */ const parts = [];
    req.on('data', (c) => parts.push(c));
    req.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    req.on('error', reject);
  });
}

/** @param {string} text */
function parseJson(text) {
  try { return JSON.parse(text); } catch { return undefined; }
}

/** @param {http.ServerResponse} res @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
function sendJson(res, status, body, headers = {}) {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** @param {number} status */
function defaultMessage(status) {
  if (status === 401) return 'invalid api key';
  if (status === 429) return 'rate limit exceeded';
  if (status >= 500) return 'internal server error';
  return `error ${status}`;
}

/** @param {{ role: string, content: string }[]} messages */
function lastUser(messages) {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].role === 'user') return String(messages[i].content);
  return '';
}

/** @param {{ role: string, content: string }[]} messages */
function systemText(messages) {
  return messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n\n');
}

/** @param {Exclude<Reply, { fault: Fault }>} reply @param {ResponderInput} input @returns {NormalReply} */
function normalizeReply(reply, input) {
  const r = typeof reply === 'string' ? { text: reply } : reply;
  return {
    text: r.text,
    finishReason: r.finishReason ?? 'stop',
    inputTokens: r.inputTokens ?? input.messages.reduce((n, m) => n + countWords(String(m.content)), 0),
    outputTokens: r.outputTokens ?? countWords(r.text),
    delayMs: r.delayMs ?? 0,
    ...(r.refusal !== undefined && { refusal: r.refusal }),
  };
}
