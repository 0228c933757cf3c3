// Real local servers on 127.0.0.1 for the providers' batch APIs, for tests and benchmarks:
// - OpenAI's Batch API: POST /v1/files (multipart, purpose=batch), POST /v1/batches,
//   GET /v1/batches/{id}, POST /v1/batches/{id}/cancel, GET /v1/files/{id}/content;
// - Anthropic's Message Batches: POST /v1/messages/batches, GET /v1/messages/batches/{id},
//   GET /v1/messages/batches/{id}/results, POST /v1/messages/batches/{id}/cancel.
// A batch moves on one state per status call (OpenAI: validating → in_progress → finalizing →
// completed; Anthropic: in_progress → ended), answers come back shuffled, and per-request errors,
// expiry and cancellation can be injected. Answers use the same responder and bodies as the
// per-request servers (openai.mjs, anthropic.mjs).
import http from 'node:http';
import { countWords, echoResponder } from './core.mjs';
import { openaiProtocol } from './openai.mjs';
import { anthropicProtocol } from './anthropic.mjs';

/**
 * @typedef {object} BatchServerOptions
 * @property {string} [apiKey] when set, requests without it get 401
 * @property {(input: { prompt: string, messages: any[], model: string, customId: string }) => string} [responder]
 * @property {(customId: string, prompt: string) => ({ status: number, message?: string } | undefined)} [fail] a per-request error
 * @property {number} [pollsUntilDone] status calls before a batch ends (default 3)
 * @property {boolean | number} [expire] batches expire: the first half of their requests answered, the rest
 *   expired (a number: only the first that many batches expire)
 *
 * The servers also answer single requests (POST /v1/chat/completions, POST /v1/messages) with the
 * same responder, for the requests a runner asks again one by one.
 */

/** @param {any[]} arr shuffled deterministically (reversed, then every other pair swapped) */
function shuffle(arr) {
  const out = [...arr].reverse();
  for (let i = 0; i + 1 < out.length; i += 2) [out[i], out[i + 1]] = [out[i + 1], out[i]];
  return out;
}

const lastUser = (/** @type {any[]} */ messages) => String([...messages].reverse().find((m) => m.role === 'user')?.content ?? '');

/** @param {'openai' | 'anthropic'} flavour @param {BatchServerOptions} [opts] */
async function startBatchServer(flavour, opts = {}) {
  const state = { files: new Map(), batches: new Map(), seq: 0 };
  const stats = { submissions: 0, statusCalls: 0, cancels: 0, requestsInBatches: 0, direct: 0 };
  /** @type {{ method: string, path: string, headers: http.IncomingHttpHeaders }[]} */ const requests = [];
  let options = { pollsUntilDone: 3, ...opts };
  const respond = options.responder ?? ((/** @type {any} */ i) => echoResponder(i));

  /** The result of one request: [ok, body] in the flavour's wire shape. */
  function answer(/** @type {string} */ customId, /** @type {any} */ params, /** @type {number} */ index) {
    const messages = params.messages ?? [];
    const prompt = lastUser(messages);
    const fault = options.fail?.(customId, prompt);
    if (fault) return { ok: false, status: fault.status, message: fault.message ?? `injected ${fault.status}` };
    const text = respond({ prompt, messages, model: String(params.model ?? ''), customId });
    const reply = { text, finishReason: 'stop', inputTokens: countWords(prompt), outputTokens: countWords(text), delayMs: 0 };
    const protocol = flavour === 'openai' ? openaiProtocol : anthropicProtocol;
    const input = { model: String(params.model ?? ''), messages, prompt, system: '', stream: false, body: params, headers: {}, index };
    return { ok: true, body: JSON.parse(protocol.render(/** @type {any} */ (input), reply).chunks[0]) };
  }

  /** Moves a batch one state on; at its end computes its results once. */
  function advance(/** @type {any} */ b) {
    b.polls += 1;
    if (b.final) return;
    const cancelling = b.cancelRequested;
    if (!cancelling && b.polls < options.pollsUntilDone) return;
    const n = b.items.length;
    const expires = typeof options.expire === 'number' ? b.seq <= options.expire : options.expire === true;
    const answered = cancelling ? 0 : expires ? Math.floor(n / 2) : n;
    b.results = shuffle(b.items.map((/** @type {any} */ it, /** @type {number} */ i) => ({ it, i, r: i < answered ? answer(it.customId, it.params, i) : { ok: false, lost: cancelling ? 'cancelled' : 'expired' } })));
    b.final = cancelling ? 'cancelled' : expires ? 'expired' : 'done';
  }

  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks);
    const path = (req.url ?? '/').split('?')[0];
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers });
    const json = (/** @type {number} */ status, /** @type {unknown} */ body) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    const jsonl = (/** @type {string[]} */ lines) => { res.writeHead(200, { 'content-type': 'application/jsonl' }); res.end(lines.map((l) => l + '\n').join('')); };
    const authed = flavour === 'openai' ? req.headers.authorization === `Bearer ${options.apiKey}` : req.headers['x-api-key'] === options.apiKey;
    if (options.apiKey && !authed) return json(401, { error: { type: 'authentication_error', message: 'invalid api key' } });
    try {
      if (req.method === 'POST' && (path === '/v1/chat/completions' || path === '/v1/messages')) {
        // one request asked on its own (a runner's retry of a failed batch request)
        stats.direct += 1;
        const params = JSON.parse(raw.toString('utf8'));
        const r = answer(`direct_${stats.direct}`, params, stats.direct);
        return r.ok ? json(200, r.body) : json(r.status, { error: { message: r.message, type: 'server_error' } });
      }
      if (flavour === 'openai') return await openaiRoute(req.method ?? 'GET', path, raw, req.headers, json, jsonl);
      return anthropicRoute(req.method ?? 'GET', path, raw, json, jsonl, `http://127.0.0.1:${/** @type {any} */ (server.address()).port}`);
    } catch (err) {
      return json(400, { error: { message: String(err) } });
    }
  });

  async function openaiRoute(/** @type {string} */ method, /** @type {string} */ path, /** @type {Buffer} */ raw, /** @type {http.IncomingHttpHeaders} */ headers, /** @type {any} */ json, /** @type {any} */ jsonl) {
    if (method === 'POST' && path === '/v1/files') {
      const form = await new Response(raw, { headers: { 'content-type': String(headers['content-type']) } }).formData();
      if (form.get('purpose') !== 'batch') return json(400, { error: { message: 'purpose must be batch' } });
      const file = /** @type {Blob} */ (form.get('file'));
      const id = `file-${++state.seq}`;
      state.files.set(id, await file.text());
      return json(200, { id, object: 'file', purpose: 'batch', bytes: file.size, filename: 'batch.jsonl' });
    }
    if (method === 'POST' && path === '/v1/batches') {
      const body = JSON.parse(raw.toString('utf8'));
      const text = state.files.get(body.input_file_id);
      if (text === undefined) return json(404, { error: { message: `no file ${body.input_file_id}` } });
      if (body.endpoint !== '/v1/chat/completions') return json(400, { error: { message: 'endpoint must be /v1/chat/completions' } });
      const items = text.split('\n').filter(Boolean).map((l) => { const o = JSON.parse(l); return { customId: o.custom_id, params: o.body }; });
      const id = `batch_${++state.seq}`;
      state.batches.set(id, { id, items, polls: 0, seq: state.batches.size + 1 });
      stats.submissions += 1;
      stats.requestsInBatches += items.length;
      return json(200, openaiBatch(state.batches.get(id)));
    }
    let m = /^\/v1\/batches\/([^/]+)(\/cancel)?$/.exec(path);
    if (m) {
      const b = state.batches.get(decodeURIComponent(m[1]));
      if (!b) return json(404, { error: { message: 'no such batch' } });
      if (m[2]) { stats.cancels += 1; b.cancelRequested = true; return json(200, openaiBatch(b)); }
      stats.statusCalls += 1;
      advance(b);
      return json(200, openaiBatch(b));
    }
    m = /^\/v1\/files\/([^/]+)\/content$/.exec(path);
    if (m && method === 'GET') {
      const [batchId, which] = decodeURIComponent(m[1]).split('#');
      const b = state.batches.get(batchId);
      if (!b?.final) return json(404, { error: { message: 'no such file' } });
      const lines = b.results.filter((/** @type {any} */ x) => (which === 'out') === (x.r.ok === true)).map((/** @type {any} */ x) => JSON.stringify(x.r.ok
        ? { id: `req_${x.i}`, custom_id: x.it.customId, response: { status_code: 200, request_id: `r${x.i}`, body: x.r.body }, error: null }
        : x.r.lost
          ? { id: `req_${x.i}`, custom_id: x.it.customId, response: null, error: { code: x.r.lost === 'expired' ? 'batch_expired' : 'batch_cancelled', message: `This request ${x.r.lost === 'expired' ? 'expired' : 'was cancelled'} before it could be processed.` } }
          : { id: `req_${x.i}`, custom_id: x.it.customId, response: { status_code: x.r.status, request_id: `r${x.i}`, body: { error: { message: x.r.message, type: 'server_error' } } }, error: null }));
      return jsonl(lines);
    }
    return json(404, { error: { message: `no route ${method} ${path}` } });
  }

  function openaiBatch(/** @type {any} */ b) {
    const status = b.final === 'done' ? 'completed' : b.final === 'expired' ? 'expired' : b.final === 'cancelled' ? 'cancelled'
      : b.cancelRequested ? 'cancelling' : b.polls === 0 ? 'validating' : b.polls === options.pollsUntilDone - 1 ? 'finalizing' : 'in_progress';
    const done = b.final ? b.results.filter((/** @type {any} */ x) => x.r.ok).length : 0;
    const outs = b.final ? b.results.filter((/** @type {any} */ x) => x.r.ok).length : 0;
    const errs = b.final ? b.results.length - outs : 0;
    return {
      id: b.id, object: 'batch', endpoint: '/v1/chat/completions', status, completion_window: '24h',
      output_file_id: b.final && outs ? `${b.id}#out` : null, error_file_id: b.final && errs ? `${b.id}#err` : null,
      request_counts: { total: b.items.length, completed: done, failed: b.final ? b.items.length - done : 0 },
    };
  }

  function anthropicRoute(/** @type {string} */ method, /** @type {string} */ path, /** @type {Buffer} */ raw, /** @type {any} */ json, /** @type {any} */ jsonl, /** @type {string} */ origin) {
    if (method === 'POST' && path === '/v1/messages/batches') {
      const body = JSON.parse(raw.toString('utf8'));
      if (!Array.isArray(body.requests)) return json(400, { type: 'error', error: { type: 'invalid_request_error', message: 'requests must be a list' } });
      for (const r of body.requests) if (!/^[a-zA-Z0-9_-]{1,64}$/.test(String(r.custom_id))) return json(400, { type: 'error', error: { type: 'invalid_request_error', message: `bad custom_id ${r.custom_id}` } });
      const id = `msgbatch_${++state.seq}`;
      state.batches.set(id, { id, items: body.requests.map((/** @type {any} */ r) => ({ customId: r.custom_id, params: r.params })), polls: 0, seq: state.batches.size + 1 });
      stats.submissions += 1;
      stats.requestsInBatches += body.requests.length;
      return json(200, anthropicBatch(state.batches.get(id), origin));
    }
    const m = /^\/v1\/messages\/batches\/([^/]+)(\/cancel|\/results)?$/.exec(path);
    if (!m) return json(404, { type: 'error', error: { type: 'not_found_error', message: `no route ${method} ${path}` } });
    const b = state.batches.get(m[1]);
    if (!b) return json(404, { type: 'error', error: { type: 'not_found_error', message: 'no such batch' } });
    if (m[2] === '/cancel') { stats.cancels += 1; b.cancelRequested = true; return json(200, anthropicBatch(b, origin)); }
    if (m[2] === '/results') {
      if (!b.final) return json(404, { type: 'error', error: { type: 'not_found_error', message: 'results not ready' } });
      return jsonl(b.results.map((/** @type {any} */ x) => JSON.stringify({
        custom_id: x.it.customId,
        result: x.r.ok ? { type: 'succeeded', message: x.r.body }
          : x.r.lost ? { type: x.r.lost === 'expired' ? 'expired' : 'canceled' }
            : { type: 'errored', error: { type: 'error', error: { type: x.r.status === 400 ? 'invalid_request_error' : 'api_error', message: x.r.message } } },
      })));
    }
    stats.statusCalls += 1;
    advance(b);
    return json(200, anthropicBatch(b, origin));
  }

  function anthropicBatch(/** @type {any} */ b, /** @type {string} */ origin) {
    const n = b.items.length;
    const count = (/** @type {(x: any) => boolean} */ f) => (b.final ? b.results.filter(f).length : 0);
    return {
      id: b.id, type: 'message_batch',
      processing_status: b.final ? 'ended' : b.cancelRequested ? 'canceling' : 'in_progress',
      request_counts: {
        processing: b.final ? 0 : n,
        succeeded: count((x) => x.r.ok),
        errored: count((x) => !x.r.ok && !x.r.lost),
        canceled: count((x) => x.r.lost === 'cancelled'),
        expired: count((x) => x.r.lost === 'expired'),
      },
      results_url: b.final ? `${origin}/v1/messages/batches/${b.id}/results` : null,
    };
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const port = /** @type {any} */ (server.address()).port;
  return {
    url: flavour === 'openai' ? `http://127.0.0.1:${port}/v1` : `http://127.0.0.1:${port}`,
    stats,
    requests,
    batches: state.batches,
    /** @param {Partial<BatchServerOptions>} next */
    set(next) { options = { ...options, ...next }; },
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve(undefined)); }),
  };
}

/** @param {BatchServerOptions} [opts] */
export const startOpenAIBatchServer = (opts) => startBatchServer('openai', opts);
/** @param {BatchServerOptions} [opts] */
export const startAnthropicBatchServer = (opts) => startBatchServer('anthropic', opts);
