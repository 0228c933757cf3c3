import type { Case } from './core/index.js';
import { lastUserText } from '../providers/messages.js';

/**
 * What the user asked in a case, read two ways. A case has a `prompt` or a `messages` dialogue;
 * code that reads the request (the rules, the simulated models, the judge, the scorecard) asks here
 * rather than walking the messages itself.
 */

/** The request being answered: the prompt, or the last user message of a dialogue. */
export function lastUserTextOf(c: Case): string | undefined {
  return c.prompt ?? (lastUserText(c.messages ?? []) || undefined);
}

/** Everything the user said: the prompt, or every user message, joined by blank lines. */
export function userTextOf(c: Case): string | undefined {
  if (c.prompt !== undefined) return c.prompt;
  const users = (c.messages ?? []).filter((m) => m.role === 'user').map((m) => m.content);
  return users.length ? users.join('\n\n') : undefined;
}
