// Ollama's native chat API (POST /api/chat), JSON and NDJSON streaming, on 127.0.0.1.
import { startProtocolServer, splitIntoPieces } from './core.mjs';

/** @typedef {import('./core.mjs').ServerOptions} ServerOptions */
/** @typedef {import('./core.mjs').TestServer} TestServer */

const createdAt = '2024-01-01T00:00:00Z';

/** @type {import('./core.mjs').Protocol} */
export const ollamaProtocol = {
  basePath: '',
  matches: (method, path) => method === 'POST' && path === '/api/chat',
  // Ollama streams unless told otherwise
  parseInput: (body) => ({ model: String(body.model ?? ''), messages: Array.isArray(body.messages) ? body.messages : [], stream: body.stream !== false }),
  authOk: (headers, key) => headers.authorization === `Bearer ${key}`,
  errorBody: (_status, message) => ({ error: message }),
  malformed: (input) => input.stream
    ? { contentType: 'application/x-ndjson', body: '{"model":"x","message":{"role":"assistant","content":"Hel\n' }
    : { contentType: 'application/json', body: '{"model":"x","message":{"content":"Hel' },
  render: (input, reply) => {
    const final = { model: input.model, created_at: createdAt, done: true, done_reason: reply.finishReason, total_duration: 1000, prompt_eval_count: reply.inputTokens, eval_count: reply.outputTokens };
    if (!input.stream) {
      return { contentType: 'application/json', chunks: [JSON.stringify({ ...final, message: { role: 'assistant', content: reply.text } })] };
    }
    const chunks = splitIntoPieces(reply.text).map((piece) =>
      JSON.stringify({ model: input.model, created_at: createdAt, message: { role: 'assistant', content: piece }, done: false }) + '\n');
    chunks.push(JSON.stringify({ ...final, message: { role: 'assistant', content: '' } }) + '\n');
    return { contentType: 'application/x-ndjson', chunks };
  },
};

/**
 * Starts an Ollama server; `url` is the host URL (the client appends /api/chat).
 * @param {ServerOptions} [opts]
 * @returns {Promise<TestServer>}
 */
export function startOllamaServer(opts) {
  return startProtocolServer(ollamaProtocol, opts);
}
