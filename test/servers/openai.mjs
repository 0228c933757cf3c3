// OpenAI chat completions (POST /v1/chat/completions), plain JSON and SSE streaming, on 127.0.0.1.
import { startProtocolServer, splitIntoPieces } from './core.mjs';

/** @typedef {import('./core.mjs').ServerOptions} ServerOptions */
/** @typedef {import('./core.mjs').TestServer} TestServer */

/** @type {import('./core.mjs').Protocol} */
export const openaiProtocol = {
  basePath: '/v1',
  matches: (method, path) => method === 'POST' && (path === '/v1/chat/completions' || path === '/chat/completions'),
  parseInput: (body) => ({ model: String(body.model ?? ''), messages: Array.isArray(body.messages) ? body.messages : [], stream: body.stream === true }),
  authOk: (headers, key) => headers.authorization === `Bearer ${key}`,
  errorBody: (status, message) => ({ error: { message, type: status === 429 ? 'rate_limit_exceeded' : status === 401 ? 'invalid_request_error' : 'server_error', code: status } }),
  malformed: (input) => input.stream
    ? { contentType: 'text/event-stream', body: 'data: {"id":"chatcmpl-x","choices":[{"delta":{"content":"Hel\n\n' }
    : { contentType: 'application/json', body: '{"id":"chatcmpl-x","choices":[{"message":{"content":"Hel' },
  render: (input, reply) => {
    const id = `chatcmpl-${input.index}`;
    const created = 1700000000;
    const usage = { prompt_tokens: reply.inputTokens, completion_tokens: reply.outputTokens, total_tokens: reply.inputTokens + reply.outputTokens };
    if (!input.stream) {
      const body = { id, object: 'chat.completion', created, model: input.model, choices: [{ index: 0, message: reply.refusal !== undefined ? { role: 'assistant', content: null, refusal: reply.refusal } : { role: 'assistant', content: reply.text }, finish_reason: reply.finishReason }], usage };
      return { contentType: 'application/json', chunks: [JSON.stringify(body)] };
    }
    const chunk = (/** @type {object} */ delta, /** @type {string | null} */ finish) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: input.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    const chunks = [chunk({ role: 'assistant', content: '' }, null)];
    for (const piece of splitIntoPieces(reply.text)) chunks.push(chunk({ content: piece }, null));
    chunks.push(chunk({}, reply.finishReason));
    if (input.body.stream_options?.include_usage) chunks.push(`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: input.model, choices: [], usage })}\n\n`);
    chunks.push('data: [DONE]\n\n');
    return { contentType: 'text/event-stream', chunks };
  },
};

/**
 * Starts an OpenAI-compatible server; `url` is the base URL (ends in /v1).
 * @param {ServerOptions} [opts]
 * @returns {Promise<TestServer>}
 */
export function startOpenAIServer(opts) {
  return startProtocolServer(openaiProtocol, opts);
}
