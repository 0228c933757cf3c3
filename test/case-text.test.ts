import { describe, expect, it } from 'vitest';
import type { Case } from '../src/core/index.js';
import { lastUserTextOf, userTextOf } from '../src/case-text.js';

const base = { id: 'c1', kind: 'task' as const, domain: 'medical', suiteId: 's', tags: [], expect: [] };
const dialogue: Case = {
  ...base,
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'I take warfarin.' },
    { role: 'assistant', content: 'Noted.' },
    { role: 'user', content: 'Can I take ibuprofen?' },
  ],
};

describe('what the user asked in a case', () => {
  it('is the prompt when the case has one', () => {
    const c: Case = { ...base, prompt: 'How do I boil an egg?' };
    expect(lastUserTextOf(c)).toBe('How do I boil an egg?');
    expect(userTextOf(c)).toBe('How do I boil an egg?');
  });

  it('in a dialogue: the last user message is the request; all user messages are its context', () => {
    expect(lastUserTextOf(dialogue)).toBe('Can I take ibuprofen?');
    expect(userTextOf(dialogue)).toBe('I take warfarin.\n\nCan I take ibuprofen?');
  });

  it('is undefined for a dialogue without a user message', () => {
    const c: Case = { ...base, messages: [{ role: 'system', content: 'x' }] };
    expect(lastUserTextOf(c)).toBeUndefined();
    expect(userTextOf(c)).toBeUndefined();
  });
});
