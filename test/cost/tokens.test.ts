import { describe, expect, it } from 'vitest';
import { DEFAULT_OUTPUT_TOKENS, loadTokenizer, messageTokens, requestTokens, roughTokens, withUsage } from '../../src/cost/tokens.js';

const messages = [{ role: 'system' as const, content: 'Be brief.' }, { role: 'user' as const, content: 'How do I kill a Python process that ignores Ctrl-C?' }];

describe('token estimates', () => {
  it('keeps a provider\'s own usage untouched', async () => {
    const c = { text: 'kill -9 PID', latencyMs: 5, usage: { inputTokens: 30, outputTokens: 5 } };
    expect(await withUsage(c, messages)).toBe(c);
  });

  it('counts missing usage with the tokenizer and marks it estimated', async () => {
    const count = await loadTokenizer();
    const out = await withUsage({ text: 'Use kill -9 with the process id.', latencyMs: 5 }, messages);
    expect(out.usage).toEqual({ inputTokens: messageTokens(count, messages), outputTokens: count('Use kill -9 with the process id.'), estimated: true });
    expect(out.usage!.inputTokens).toBeGreaterThan(10);
  });

  it('fills only the missing half, still marked estimated', async () => {
    const out = await withUsage({ text: 'ok', latencyMs: 1, usage: { inputTokens: 99 } }, messages);
    expect(out.usage).toMatchObject({ inputTokens: 99, estimated: true });
    expect(out.usage!.outputTokens).toBeGreaterThan(0);
  });

  it('estimates nothing for an error answer', async () => {
    const failed = { text: '', latencyMs: 1, error: { kind: 'server' as const, message: 'HTTP 500' } };
    expect(await withUsage(failed, messages)).toBe(failed);
  });

  it('charges a request its prompt plus its output budget (maxTokens, else the default)', async () => {
    const count = await loadTokenizer();
    expect(await requestTokens({ messages, params: { maxTokens: 100 } })).toBe(messageTokens(count, messages) + 100);
    expect(await requestTokens({ messages, params: {} })).toBe(messageTokens(count, messages) + DEFAULT_OUTPUT_TOKENS);
    // the rough count (four characters a token) is of the same size
    const rough = roughTokens({ messages, params: { maxTokens: 100 } });
    expect(Math.abs(rough - (messageTokens(count, messages) + 100))).toBeLessThan(10);
  });
});
