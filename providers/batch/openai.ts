/**
 * OpenAI's Batch API for `openai:` variants with `options: { batch: true }`: the requests go up as a
 * JSONL file (POST /v1/files, purpose `batch`), a batch is created on it (POST /v1/batches, endpoint
 * /v1/chat/completions, 24 h window), polled (GET /v1/batches/{id}), and its output and error files
 * are streamed back (GET /v1/files/{id}/content). Limits: 50,000 requests and 200 MB per file.
 */
import { FormData } from 'undici';
import { ProviderError, type ProviderSpec } from '../types.js';
import { errorForStatus } from '../errors.js';
import { send, sendForJson } from '../http-client.js';
import { answerFromJson, openaiConnection, requestBody } from '../openai.js';
import { stringOption } from '../options.js';
import { readLines } from '../sse.js';
import type { BatchApi, BatchResult, BatchState, BatchStatus } from './types.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, read defensively

const STATES: Record<string, BatchState> = {
  validating: 'running', in_progress: 'running', finalizing: 'running', cancelling: 'running',
  completed: 'ended', expired: 'expired', cancelled: 'cancelled', failed: 'failed',
};

export function createOpenAIBatchApi(spec: ProviderSpec): BatchApi {
  const { baseUrl, headers, secrets } = openaiConnection(spec);
  const maxTokensParam = stringOption(spec, 'maxTokensParam') ?? 'max_tokens';
  const label = `openai:${spec.model} batch (${baseUrl})`;
  const { 'content-type': _json, ...uploadHeaders } = headers;
  const getJson = async (path: string, signal?: AbortSignal) => (await sendForJson({ label, url: `${baseUrl}${path}`, method: 'GET', headers, signal, secrets })).json as Json;
  const postJson = async (path: string, body: unknown, signal?: AbortSignal) => (await sendForJson({ label, url: `${baseUrl}${path}`, headers, body: JSON.stringify(body), signal, secrets })).json as Json;

  async function* fileResults(fileId: string, signal?: AbortSignal): AsyncGenerator<BatchResult> {
    const res = await send({ label, url: `${baseUrl}/files/${encodeURIComponent(fileId)}/content`, method: 'GET', headers, signal, secrets });
    for await (const line of readLines(res.body)) {
      if (!line.trim()) continue;
      yield resultOfLine(JSON.parse(line) as Json, label, secrets);
    }
  }

  return {
    limits: { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 },
    encode: (r) => JSON.stringify({ custom_id: r.customId, method: 'POST', url: '/v1/chat/completions', body: requestBody(spec.model, r, false, maxTokensParam) }),
    async submit(encoded, signal) {
      const form = new FormData();
      form.append('purpose', 'batch');
      form.append('file', new Blob([encoded.join('\n') + '\n'], { type: 'application/jsonl' }), 'atax-batch.jsonl');
      const file = (await sendForJson({ label, url: `${baseUrl}/files`, headers: uploadHeaders, body: form, signal, secrets })).json as Json;
      if (typeof file?.id !== 'string') throw new ProviderError('bad-response', `${label}: the file upload answered without an id`, { retryable: false });
      const batch = await postJson('/batches', { input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' }, signal);
      if (typeof batch?.id !== 'string') throw new ProviderError('bad-response', `${label}: creating the batch answered without an id`, { retryable: false });
      return batch.id;
    },
    async status(batchId, signal): Promise<BatchStatus> {
      const b = await getJson(`/batches/${encodeURIComponent(batchId)}`, signal);
      const providerStatus = String(b.status ?? 'unknown');
      const rc = b.request_counts ?? {};
      return {
        state: STATES[providerStatus] ?? 'running',
        providerStatus,
        counts: { total: rc.total, succeeded: rc.completed, failed: rc.failed },
        ...(b.errors?.data?.[0]?.message ? { message: String(b.errors.data[0].message) } : {}),
      };
    },
    async *results(batchId, signal) {
      const b = await getJson(`/batches/${encodeURIComponent(batchId)}`, signal);
      for (const fileId of [b.output_file_id, b.error_file_id]) {
        if (typeof fileId === 'string' && fileId) yield* fileResults(fileId, signal);
      }
    },
    async cancel(batchId) {
      await postJson(`/batches/${encodeURIComponent(batchId)}/cancel`, {});
    },
  };
}

/** One line of an output or error file: `{custom_id, response: {status_code, body}, error}`. */
function resultOfLine(line: Json, label: string, secrets: readonly (string | undefined)[]): BatchResult {
  const customId = String(line.custom_id ?? '');
  if (line.error) {
    const code = String(line.error.code ?? '');
    const message = `${label}: ${String(line.error.message ?? code)}`;
    // expired or cancelled inside the batch: not the request's fault, so asked again
    if (/expired|cancel/i.test(code)) return { customId, error: new ProviderError('timeout', message) };
    return { customId, error: new ProviderError('bad-response', message, { retryable: false }) };
  }
  const status = Number(line.response?.status_code);
  const body = line.response?.body;
  if (status >= 200 && status < 300) {
    try {
      return { customId, answer: answerFromJson(body as Json, label, JSON.stringify(body)) };
    } catch (err) {
      return { customId, error: err as ProviderError };
    }
  }
  return { customId, error: errorForStatus(label, Number.isFinite(status) ? status : 500, JSON.stringify(body ?? {}), {}, secrets) };
}
