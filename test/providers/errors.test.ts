import { describe, expect, it } from 'vitest';
import { abortError, bodyExcerpt, errorForStatus, parseRetryAfter, redact, toProviderError } from '../../providers/errors.js';
import { ProviderError } from '../../providers/types.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads seconds, fractional seconds and HTTP-dates', () => {
    expect(parseRetryAfter('7', undefined, now)).toBe(7000);
    expect(parseRetryAfter('0.5', undefined, now)).toBe(500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', undefined, now)).toBe(30_000);
  });
  it('prefers retry-after-ms, clamps past dates to 0 and ignores garbage', () => {
    expect(parseRetryAfter('7', '1200', now)).toBe(1200);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', undefined, now)).toBe(0);
    expect(parseRetryAfter('soon', undefined, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, undefined, now)).toBeUndefined();
  });
});

describe('errorForStatus', () => {
  it('maps statuses to kinds with the right retryability', () => {
    const kinds = [401, 403, 429, 408, 500, 503, 400, 404].map((s) => {
      const e = errorForStatus('x', s, '', {});
      return `${s}:${e.kind}:${e.retryable}`;
    });
    expect(kinds).toEqual(['401:auth:false', '403:auth:false', '429:rate-limit:true', '408:timeout:true', '500:server:true', '503:server:true', '400:config:false', '404:config:false']);
  });
  it('quotes the API’s own error message, shortened, with secrets removed', () => {
    const e = errorForStatus('openai:m', 429, JSON.stringify({ error: { message: `slow down, key sk-abcdef ${'x'.repeat(400)}` } }), { 'retry-after': '3' }, ['sk-abcdef']);
    expect(e.message.startsWith('openai:m: HTTP 429: slow down, key *** xxx')).toBe(true);
    expect(e.message.length).toBeLessThan(260);
    expect(e.retryAfterMs).toBe(3000);
  });
});

describe('toProviderError', () => {
  it('types socket errors as network and undici timeouts as timeout', () => {
    expect(toProviderError(Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }), 'x').kind).toBe('network');
    expect(toProviderError(new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })]), 'x').kind).toBe('network');
    expect(toProviderError(Object.assign(new Error('t'), { code: 'UND_ERR_HEADERS_TIMEOUT' }), 'x').kind).toBe('timeout');
  });
  it('lets the aborted signal explain the failure', () => {
    const ctl = new AbortController();
    ctl.abort();
    expect(toProviderError(new Error('socket closed'), 'x', ctl.signal).kind).toBe('aborted');
    expect(abortError('x', AbortSignal.abort(new DOMException('late', 'TimeoutError'))).kind).toBe('timeout');
    expect(abortError('x', AbortSignal.abort(new ProviderError('timeout', 'no answer within 5 ms'))).kind).toBe('timeout');
    expect(abortError('x', AbortSignal.abort(new ProviderError('timeout', 'no answer within 5 ms'))).message).toBe('x: no answer within 5 ms');
  });
  it('passes ProviderErrors through', () => {
    const e = new ProviderError('missing', 'm', { retryable: false });
    expect(toProviderError(e, 'x')).toBe(e);
  });
});

describe('redact and bodyExcerpt', () => {
  it('removes every occurrence of each secret and ignores empty ones', () => {
    expect(redact('a KEY1234 b KEY1234', ['KEY1234', undefined, ''])).toBe('a *** b ***');
  });
  it('collapses whitespace of non-JSON bodies', () => {
    expect(bodyExcerpt('<html>\n  Bad   gateway\n</html>')).toBe('<html> Bad gateway </html>');
  });
});
