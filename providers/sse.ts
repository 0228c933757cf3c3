// Line-oriented streaming formats: server-sent events (OpenAI, Anthropic) and NDJSON (Ollama).
// Both read a byte stream incrementally, so a long answer is never buffered twice.
import { badResponse } from './errors.js';
import type { HttpResponse } from './http-client.js';
import { ProviderError } from './types.js';

/**
 * A server that does not stream answers a stream request with one JSON body (its content-type says
 * so): that body parsed by `fromJson`, the provider's non-stream reader. Undefined for a real stream.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wire JSON, read defensively by each provider
export async function unstreamedAnswer<T>(res: HttpResponse, label: string, fromJson: (json: Record<string, any>, label: string, raw: string) => T): Promise<T | undefined> {
  if (!/json/i.test(String(res.headers['content-type'] ?? ''))) return undefined;
  const raw = await res.body.text();
  try {
    return fromJson(JSON.parse(raw) as Record<string, any>, label, raw); // eslint-disable-line @typescript-eslint/no-explicit-any -- as above
  } catch (err) {
    throw err instanceof ProviderError ? err : badResponse(label, 'response is not valid JSON', raw);
  }
}

/** Yields each line of a byte stream (without its `\n` / `\r\n`), including a last unterminated one. */
export async function* readLines(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let newline = buffer.indexOf('\n');
    while (newline !== -1) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
      newline = buffer.indexOf('\n');
    }
  }
  buffer += decoder.decode();
  if (buffer !== '') yield buffer.endsWith('\r') ? buffer.slice(0, -1) : buffer;
}

export interface SseEvent {
  /** the `event:` field, `message` when absent */
  event: string;
  /** the `data:` lines joined with `\n` */
  data: string;
}

/** Yields server-sent events per the WHATWG rules: blank line ends an event, `:` lines are comments. */
export async function* readSseEvents(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  let event = '';
  let data: string[] = [];
  for await (const line of readLines(body)) {
    if (line === '') {
      if (data.length) yield { event: event || 'message', data: data.join('\n') };
      event = '';
      data = [];
      continue;
    }
    if (line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
  }
  // a stream that ends without the final blank line still delivers its last event
  if (data.length) yield { event: event || 'message', data: data.join('\n') };
}
