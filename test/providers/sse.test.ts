import { describe, expect, it } from 'vitest';
import { readLines, readSseEvents } from '../../providers/sse.js';

async function collect<T>(gen: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

/** Feeds bytes in awkward pieces: splits lines and even multi-byte characters across chunks. */
async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

describe('readLines', () => {
  it('splits on \\n and \\r\\n, keeps a last unterminated line and survives split UTF-8', async () => {
    expect(await collect(readLines(chunks('héllo\r\nwörld\n\nlast ✓', 1)))).toEqual(['héllo', 'wörld', '', 'last ✓']);
  });
});

describe('readSseEvents', () => {
  it('joins multi-line data, reads event names, skips comments and tolerates a missing final blank line', async () => {
    const text = ': keep-alive\nevent: content_block_delta\ndata: {"a":\ndata: 1}\n\ndata:no-space\r\n\r\ndata: [DONE]';
    expect(await collect(readSseEvents(chunks(text, 3)))).toEqual([
      { event: 'content_block_delta', data: '{"a":\n1}' },
      { event: 'message', data: 'no-space' },
      { event: 'message', data: '[DONE]' },
    ]);
  });
});
