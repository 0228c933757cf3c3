// Token counts where a provider gives none: gpt-tokenizer's o200k_base encoding (GPT-4o's). For
// other model families it is an estimate of the right size, not their exact count, and every number
// built from it says `estimated`. The encoding (≈ 0.5 s to load) is imported on first use only.
import type { Completion, Message, Params } from '../core/index.js';

/** The output tokens assumed for a request without `params.maxTokens` (plan estimates and tpm pacing). */
export const DEFAULT_OUTPUT_TOKENS = 256;

/** What each chat message adds besides its text (role and separators in OpenAI's chat format). */
const PER_MESSAGE_TOKENS = 4;

type Counter = (text: string) => number;
let counter: Counter | undefined;
let loading: Promise<Counter> | undefined;

/** Loads the tokenizer once; later calls resolve at once. */
export function loadTokenizer(): Promise<Counter> {
  if (counter) return Promise.resolve(counter);
  loading ??= import('gpt-tokenizer/encoding/o200k_base').then((m) => (counter = (text: string) => m.countTokens(text)));
  return loading;
}

/** Tokens of a prompt as sent: every message's text plus the chat format's per-message overhead. */
export function messageTokens(count: Counter, messages: readonly Message[]): number {
  return messages.reduce((n, m) => n + count(m.content) + PER_MESSAGE_TOKENS, 0);
}

/** Output tokens a request may use: its maxTokens, else the documented default. */
export function outputBudget(params: Params): number {
  return params.maxTokens ?? DEFAULT_OUTPUT_TOKENS;
}

/** The tokens a rate limiter charges for a request when it starts: prompt plus the output budget. */
export async function requestTokens(spec: { messages: readonly Message[]; params: Params }): Promise<number> {
  const count = await loadTokenizer();
  return messageTokens(count, spec.messages) + outputBudget(spec.params);
}

/** The same without the tokenizer: four characters a token, for pacing before a token budget is known. */
export function roughTokens(spec: { messages: readonly Message[]; params: Params }): number {
  return spec.messages.reduce((n, m) => n + Math.ceil(m.content.length / 4) + PER_MESSAGE_TOKENS, 0) + outputBudget(spec.params);
}

/**
 * The completion with both token counts: the provider's where it gave them, else counted here
 * (input from the messages sent, output from the answer's text) and marked `estimated`.
 */
export async function withUsage(completion: Completion, messages: readonly Message[]): Promise<Completion> {
  const u = completion.usage;
  if (completion.error || (u?.inputTokens !== undefined && u.outputTokens !== undefined)) return completion;
  const count = await loadTokenizer();
  return {
    ...completion,
    usage: {
      inputTokens: u?.inputTokens ?? messageTokens(count, messages),
      outputTokens: u?.outputTokens ?? count(completion.text),
      estimated: true,
    },
  };
}
