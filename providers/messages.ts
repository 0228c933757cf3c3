// Views of a request's messages that different wire formats need.
import type { Message } from '../src/core/index.js';

/** System messages joined (Anthropic's top-level `system`, the http template's {{system}}) and the rest. */
export function splitSystem(messages: readonly Message[]): { system: string | undefined; rest: Message[] } {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content);
  return { system: system.length ? system.join('\n\n') : undefined, rest: messages.filter((m) => m.role !== 'system') };
}

/** The text of the last user message: what a single-prompt endpoint is asked. */
export function lastUserText(messages: readonly Message[]): string {
  for (let i = messages.length - 1; i >= 0; i--) if (messages[i].role === 'user') return messages[i].content;
  return '';
}
