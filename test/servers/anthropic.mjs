// Anthropic Messages API (POST /v1/messages), plain JSON and SSE streaming events, on 127.0.0.1.
import { startProtocolServer, splitIntoPieces } from './core.mjs';

/** @typedef {import('./core.mjs').ServerOptions} ServerOptions */
/** @typedef {import('./core.mjs').TestServer} TestServer */

/** Anthropic's stop reasons for the neutral finish reasons a responder may give. */
const stopReason = (/** @type {string} */ r) => (r === 'stop' ? 'end_turn' : r === 'length' ? 'max_tokens' : r);

const errorType = (/** @type {number} */ status) =>
  status === 401 ? 'authentication_error' : status === 403 ? 'permission_error' : status === 429 ? 'rate_limit_error'
    : status === 529 ? 'overloaded_error' : status >= 500 ? 'api_error' : 'invalid_request_error';

/** @type {import('./core.mjs').Protocol} */
export const anthropicProtocol = {
  basePath: '',
  matches: (method, path) => method === 'POST' && path === '/v1/messages',
  // the top-level `system` field becomes a system message so responders see one shape
  parseInput: (body) => ({
    model: String(body.model ?? ''),
    messages: [...(typeof body.system === 'string' ? [{ role: 'system', content: body.system }] : []), ...(Array.isArray(body.messages) ? body.messages : [])],
    stream: body.stream === true,
  }),
  authOk: (headers, key) => headers['x-api-key'] === key,
  errorBody: (status, message) => ({ type: 'error', error: { type: errorType(status), message } }),
  malformed: (input) => input.stream
    ? { contentType: 'text/event-stream', body: 'event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"text":"Hel\n\n' }
    : { contentType: 'application/json', body: '{"id":"msg_x","content":[{"type":"text","text":"Hel' },
  render: (input, reply) => {
    const id = `msg_${input.index}`;
    if (!input.stream) {
      const body = { id, type: 'message', role: 'assistant', model: input.model, content: [{ type: 'text', text: reply.text }], stop_reason: stopReason(reply.finishReason), stop_sequence: null, usage: { input_tokens: reply.inputTokens, output_tokens: reply.outputTokens } };
      return { contentType: 'application/json', chunks: [JSON.stringify(body)] };
    }
    const event = (/** @type {string} */ name, /** @type {object} */ data) => `event: ${name}\ndata: ${JSON.stringify({ type: name, ...data })}\n\n`;
    const chunks = [
      event('message_start', { message: { id, type: 'message', role: 'assistant', model: input.model, content: [], stop_reason: null, usage: { input_tokens: reply.inputTokens, output_tokens: 1 } } }),
      event('content_block_start', { index: 0, content_block: { type: 'text', text: '' } }),
      event('ping', {}),
    ];
    for (const piece of splitIntoPieces(reply.text)) chunks.push(event('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } }));
    chunks.push(event('content_block_stop', { index: 0 }));
    chunks.push(event('message_delta', { delta: { stop_reason: stopReason(reply.finishReason), stop_sequence: null }, usage: { output_tokens: reply.outputTokens } }));
    chunks.push(event('message_stop', {}));
    return { contentType: 'text/event-stream', chunks };
  },
};

/**
 * Starts an Anthropic Messages server; `url` is the base URL (the origin; the client appends /v1/messages).
 * @param {ServerOptions} [opts]
 * @returns {Promise<TestServer>}
 */
export function startAnthropicServer(opts) {
  return startProtocolServer(anthropicProtocol, opts);
}
