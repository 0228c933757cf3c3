/**
 * One simulated answer: decide what the model means to do (refuse, refuse in part, hedge, comply)
 * from the profile's rates, then write it out in varied words.
 */
import type { Case } from '../../src/core/index.js';
import { seededRng } from './random.js';
import { intentRates, type SimIntent, type SimProfile } from './profiles.js';
import { refusalText, partialText } from './refusals.js';
import { pickHedges, type HedgeKind } from './hedges.js';
import { frame, probeBody, taskBody } from './bodies.js';

export interface SimAnswer {
  intent: SimIntent;
  text: string;
  /** the hedge sentences it contains, by kind (empty unless intent is `hedged`) */
  hedges: HedgeKind[];
}

/**
 * The uniform draws that decide the intent. Most of the time (85%) a draw is shared by every variant on
 * the same case and sample, so a case that looks alarming to a lenient profile looks alarming to a
 * stricter one too (as with real models); otherwise it is the variant's own. A mixture of two
 * uniforms is uniform, so each profile's rates are unchanged.
 */
function mixedDraw(what: string, caseId: string, variantId: string, sample: number): number {
  const own = seededRng(what, caseId, variantId, sample);
  const useShared = own.chance(0.85);
  const shared = seededRng(`${what}-shared`, caseId, sample).next();
  return useShared ? shared : own.next();
}

export function decideIntent(profile: SimProfile, c: Case, variantId: string, sample: number): SimIntent {
  const rates = intentRates(profile, c);
  const u = mixedDraw('intent', c.id, variantId, sample);
  if (u < rates.refuse) return 'refused';
  if (u < rates.refuse + rates.partial) return 'partial';
  // hedging is shared the same way: the answers a mild profile hedges, a stricter one hedges too
  return mixedDraw('hedge', c.id, variantId, sample) < rates.hedge ? 'hedged' : 'complied';
}

export function simulateAnswer(profile: SimProfile, c: Case, variantId: string, sample: number): SimAnswer {
  const intent = decideIntent(profile, c, variantId, sample);
  const rng = seededRng('text', c.id, variantId, sample);
  if (intent === 'refused') return { intent, text: refusalText(rng).text, hedges: [] };
  if (intent === 'partial') return { intent, text: partialText(c.domain, c.kind, rng), hedges: [] };
  const body = c.kind === 'probe' ? probeBody(rng) : taskBody(c, rng);
  const { lead, closing } = frame(rng);
  if (intent === 'complied') return { intent, text: join([lead, body, closing]), hedges: [] };
  const hedges = pickHedges(c.domain, rng);
  const before = hedges.filter((h) => h.leading).map((h) => h.text).join(' ');
  const after = hedges.filter((h) => !h.leading).map((h) => h.text).join(' ');
  return { intent, text: join([before, body, after, closing]), hedges: hedges.map((h) => h.kind) };
}

function join(parts: string[]): string {
  return parts.filter((p) => p.trim().length > 0).join('\n\n');
}
