import { AsyncLocalStorage } from 'node:async_hooks';
import type { Case, Completion, JudgeConfig, Message, Params, Verdict } from '../core/index.js';
import * as classify from '../classify/index.js';
import { UserError } from '../errors.js';
import { DroppedError, requestCompletion, type Lane, type RequestEnv } from './request.js';
import type { RetryInfo } from './retry.js';

type CreateJudge = (cfg: JudgeConfig, deps: { baseDir: string; complete: (req: { messages: Message[]; params: Params }) => Promise<Completion> }) => {
  review(c: Case, completion: Completion, v: Verdict): Promise<Verdict>;
};

/** The answer being judged: the judge's requests carry its case and sample, and a stop drops it. */
interface JudgedItem {
  case: Case;
  variantId: string;
  sample: number;
  dropped: boolean;
  onRetry?: (info: RetryInfo) => void;
}

export interface JudgeReviewer {
  /** the judged verdict, or DroppedError when the run stopped while the judge was being asked */
  review(item: Omit<JudgedItem, 'dropped'>, completion: Completion, verdict: Verdict): Promise<Verdict>;
}

/**
 * Wires the classifier's judge to the runner: its requests go through the judge provider's queue,
 * retries, timeout and cache like any other. The judge is built once; AsyncLocalStorage tells each
 * of its requests which answer it is judging.
 */
export function createJudgeReviewer(cfg: JudgeConfig, baseDir: string, lane: Lane, env: RequestEnv): JudgeReviewer {
  const createJudge = (classify as unknown as { createJudge?: CreateJudge }).createJudge;
  if (!createJudge) throw new UserError('the config sets `judge`, but this build has no LLM judge', 'remove `judge:` from the config to classify by rules');
  const current = new AsyncLocalStorage<JudgedItem>();
  const judge = createJudge(cfg, {
    baseDir,
    complete: async (req) => {
      const item = current.getStore();
      if (!item) throw new Error('judge request outside a review');
      try {
        return await requestCompletion(env, lane, { ...req, case: item.case, variantId: 'judge', sample: 0, onRetry: item.onRetry });
      } catch (err) {
        if (err instanceof DroppedError) item.dropped = true;
        throw err;
      }
    },
  });
  return {
    async review(spec, completion, verdict) {
      const item: JudgedItem = { ...spec, dropped: false };
      const judged = await current.run(item, () => judge.review(spec.case, completion, verdict));
      if (item.dropped) throw new DroppedError();
      return judged;
    },
  };
}
