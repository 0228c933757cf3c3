// A generic JSON endpoint (POST /generate) for the `http:` provider: it reads `prompt`, `input` or
// `messages` from whatever body the client sends and answers `{ "result": { "text": … } }`.
import { startProtocolServer } from './core.mjs';

/** @typedef {import('./core.mjs').ServerOptions} ServerOptions */
/** @typedef {import('./core.mjs').TestServer} TestServer */

/** @param {any} body */
function messagesOf(body) {
  if (Array.isArray(body?.messages)) return body.messages;
  const prompt = body?.prompt ?? body?.input ?? body?.query;
  return [
    ...(typeof body?.system === 'string' && body.system ? [{ role: 'system', content: body.system }] : []),
    { role: 'user', content: typeof prompt === 'string' ? prompt : JSON.stringify(body) },
  ];
}

/** @type {import('./core.mjs').Protocol} */
export const genericProtocol = {
  basePath: '/generate',
  matches: (method, path) => (method === 'POST' || method === 'PUT') && path === '/generate',
  parseInput: (body) => ({ model: String(body?.model ?? ''), messages: messagesOf(body), stream: false }),
  authOk: (headers, key) => headers.authorization === `Bearer ${key}` || headers['x-api-key'] === key,
  errorBody: (status, message) => ({ error: { status, message } }),
  malformed: () => ({ contentType: 'application/json', body: '{"result": {"text": "Hel' }),
  render: (input, reply) => ({
    contentType: 'application/json',
    chunks: [JSON.stringify({ result: { text: reply.text, finish: reply.finishReason }, usage: { in: reply.inputTokens, out: reply.outputTokens } })],
  }),
};

/**
 * Starts the generic JSON endpoint; `url` is the full endpoint URL (…/generate).
 * @param {ServerOptions} [opts]
 * @returns {Promise<TestServer>}
 */
export function startGenericServer(opts) {
  return startProtocolServer(genericProtocol, opts);
}
