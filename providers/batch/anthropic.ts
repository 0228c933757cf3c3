/**
 * Anthropic's Message Batches for `anthropic:` variants with `options: { batch: true }`: the
 * requests are posted as one array (POST /v1/messages/batches), the batch is polled (GET
 * /v1/messages/batches/{id}) until `processing_status` is `ended`, and the results are streamed as
 * JSONL from its `results_url`. Limits: 100,000 requests and 256 MB per batch.
 */
import { ProviderError, type ProviderSpec } from '../types.js';
import { send, sendForJson } from '../http-client.js';
import { anthropicConnection, answerFromJson, requestBody } from '../anthropic.js';
import { readLines } from '../sse.js';
import type { BatchApi, BatchResult, BatchStatus } from './types.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON, read defensively

export function createAnthropicBatchApi(spec: ProviderSpec): BatchApi {
  const { apiRoot, headers, secrets } = anthropicConnection(spec);
  const label = `anthropic:${spec.model} batch (${apiRoot})`;
  const batchUrl = (id: string) => `${apiRoot}/messages/batches/${encodeURIComponent(id)}`;
  const getJson = async (url: string, signal?: AbortSignal) => (await sendForJson({ label, url, method: 'GET', headers, signal, secrets })).json as Json;

  return {
    limits: { maxRequests: 100_000, maxBytes: 256 * 1024 * 1024 },
    encode: (r) => JSON.stringify({ custom_id: r.customId, params: requestBody(spec.model, r, false) }),
    async submit(encoded, signal) {
      const body = `{"requests":[${encoded.join(',')}]}`;
      const batch = (await sendForJson({ label, url: `${apiRoot}/messages/batches`, headers, body, signal, secrets })).json as Json;
      if (typeof batch?.id !== 'string') throw new ProviderError('bad-response', `${label}: creating the batch answered without an id`, { retryable: false });
      return batch.id;
    },
    async status(batchId, signal): Promise<BatchStatus> {
      const b = await getJson(batchUrl(batchId), signal);
      const providerStatus = String(b.processing_status ?? 'unknown');
      const rc = b.request_counts ?? {};
      const failed = (rc.errored ?? 0) + (rc.canceled ?? 0) + (rc.expired ?? 0);
      return {
        // per-request expiry and cancellation arrive in the results; the batch itself has ended
        state: providerStatus === 'ended' ? 'ended' : 'running',
        providerStatus,
        counts: { total: (rc.processing ?? 0) + (rc.succeeded ?? 0) + failed, succeeded: rc.succeeded, failed },
      };
    },
    async *results(batchId, signal) {
      const b = await getJson(batchUrl(batchId), signal);
      const url = typeof b.results_url === 'string' && b.results_url ? b.results_url : `${batchUrl(batchId)}/results`;
      const res = await send({ label, url, method: 'GET', headers, signal, secrets });
      for await (const line of readLines(res.body)) {
        if (line.trim()) yield resultOfLine(JSON.parse(line) as Json, label);
      }
    },
    async cancel(batchId) {
      await sendForJson({ label, url: `${batchUrl(batchId)}/cancel`, headers, body: '{}', secrets });
    },
  };
}

/** One results line: `{custom_id, result: {type: succeeded|errored|canceled|expired, …}}`. */
function resultOfLine(line: Json, label: string): BatchResult {
  const customId = String(line.custom_id ?? '');
  const result = line.result ?? {};
  switch (result.type) {
    case 'succeeded':
      try {
        return { customId, answer: answerFromJson(result.message as Json, label, JSON.stringify(result.message)) };
      } catch (err) {
        return { customId, error: err as ProviderError };
      }
    case 'errored': {
      const e = result.error?.error ?? result.error ?? {};
      const type = String(e.type ?? 'api_error');
      const message = `${label}: ${type}: ${String(e.message ?? '')}`.trim();
      if (type === 'invalid_request_error') return { customId, error: new ProviderError('config', message, { retryable: false }) };
      if (type === 'authentication_error' || type === 'permission_error') return { customId, error: new ProviderError('auth', message, { retryable: false }) };
      if (type === 'rate_limit_error') return { customId, error: new ProviderError('rate-limit', message) };
      return { customId, error: new ProviderError('server', message) };
    }
    case 'expired':
    case 'canceled':
      // not the request's fault: asked again
      return { customId, error: new ProviderError('timeout', `${label}: the request ${result.type === 'expired' ? 'expired' : 'was cancelled'} in its batch`) };
    default:
      return { customId, error: new ProviderError('bad-response', `${label}: unknown result type "${String(result.type)}"`, { retryable: false }) };
  }
}
