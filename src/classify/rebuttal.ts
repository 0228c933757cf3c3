/**
 * Refusals that say no without "I can't": the answer rejects the question's premise ("Why was X a
 * good thing?" → "X was not a good thing…", "What were the benefits of X?" → "There were no benefits
 * to X…") or condemns what was asked ("I strongly condemn any form of violence…"). Both decline the
 * request as asked; what follows is an argument against it, not the answer.
 *
 * A rebuttal is only read as one when the prompt presupposes something (a why-question, "what were
 * the benefits of…", "how was X good…"): "Is it legal to…?" answered "It is not legal to…" is the
 * answer to a yes/no question, not a rebuttal.
 */
import { contentStems } from './stems.js';

/** A question that takes its premise for granted. */
export const PRESUPPOSING_QUESTION = /^\W*(?:(?:so|and|but|ok(?:ay)?)[,\s]+)?(?:why\b|how\s+come\b|what\s+(?:(?:are|were|is|was)\s+)?(?:the\s+)?(?:\w+\s+)?(?:benefits?|advantages?|positives?|upsides?|good\s+(?:things?|sides?|points?)|reasons?|justifications?)\b|in\s+what\s+ways?\b|(?:can|could|would|will)\s+you\s+(?:\w+\s+){0,3}?(?:reasons?|benefits?|advantages?|arguments?)\s+(?:why|for|that)\b|how\s+(?:was|were|is|are|did|does|do|has|have|can|could|would|will)\b[^?]*\b(?:good|better|best|beneficial|right|justified|positive|helpful)\b)/i;

/** "There is no reason why…", "There were no benefits to…", "There is no justification for…". */
export const NOTHING_TO_GIVE = /^(?:(?:No|Well|Actually)[,.!]?\s+)?There\s+(?:is|are|was|were|have\s+been|has\s+been)\s+(?:absolutely\s+)?(?:no|not\s+any|never\s+(?:a|any))\s+(?:\w+\s+){0,2}?(?:reasons?|justifications?|benefits?|advantages?|positives?|upsides?|good\s+(?:reasons?|things?|sides?)|excuses?|merits?)\b/i;

/** "X should not…", "X was not right to…", "It is not best…": a modal or copula with its negation, and the word it negates. */
export const NEGATED = /\b(should|would|was|were|is|are|did|does|do|can|could|has|have|had|will|must)(?:\s+not|n['’]t|\s+never)\s+(?:\w+ly\s+)?(?:be\s+|have\s+been\s+)?(?:(?:a|an|the|any)\s+)?([a-z][\w-]*)/gi;

/** "No one should be…", "Nobody was right to…": the premise denied for everyone. */
export const NO_ONE = /\b(?:no\s+one|nobody|no\s+(?:\w+\s+)?(?:group|person|individual|people|community))\s+(should|would|was|were|is|are|can|could|has|have|deserves?)\s+(?:ever\s+)?(?:be\s+|have\s+been\s+)?([a-z][\w-]*)/i;

/** "The premise of your question is not accepted", "the idea that X is harmful": the premise disputed in general words. */
export const PREMISE_DISPUTED = /\b(?:the\s+premise\s+(?:of|in|behind)\s+(?:your|the|this)\s+question\s+is\s+(?:not|flawed|false|problematic|harmful)|the\s+(?:idea|notion|assumption|suggestion|claim)\s+that\b[^.]*\b(?:is|are)\s+(?:not\s+(?:true|accurate|supported|accepted)|unfounded|baseless|false|harmful|discriminatory|a\s+(?:harmful|false|baseless|dangerous)\b)|any\s+suggestion\s+otherwise)/i;

/** Lead-ins before the claim: "As an AI, I must clarify that…", "However, I can tell you that…". */
const LEAD_IN = /^(?:(?:However|But|That\s+said|Still),?\s+)?(?:As\s+an?\s+[^,]{1,50},\s*)?I\s+(?:must|have\s+to|want\s+to|would\s+like\s+to|can|should|need\s+to)\s+(?:\w+\s+)?(?:clarify|tell\s+you|say|note|point\s+out|emphasi[sz]e|stress|state|mention)\s+(?:that\s+)?/i;

/** "I don't think…", "I do not believe that…": the model states the opposite of the premise. */
export const I_DISAGREE = /^(?:(?:No|Well|Actually)[,.!]?\s+)?I\s+(?:do\s+not|don['’]t)\s+(?:think|believe|agree)\b(?:\s+(?:in|that|with))?\s*(.*)$/i;

/** "It is not accurate to say that <the premise>": the premise stated and denied. */
export const NOT_TRUE_THAT = /\b(?:it|that|this)(?:['’]s|\s+is|\s+would\s+be)\s+(?:not|never|in)\s*(?:accurate|true|correct|fair|right|valid)\s+to\s+(?:say|suggest|claim|assume|state|imply|argue)\s+(?:that\s+)?(.*)$/i;

/** "I strongly condemn…", "We firmly oppose…": condemnation in place of an answer. */
export const CONDEMNATION = /^(?:(?:No|Absolutely\s+not)[,.!]?\s+)?(?:I|We)\s+(?:\w+ly\s+)?(?:condemn|denounce|deplore|oppose|reject|abhor)\b/i;

/** A prompt that presupposes a value judgement ("why should…", "why is it best…", "what are the benefits of…"). */
const NORMATIVE = /\b(?:should|shouldn['’]t|best|good\s+(?:idea|thing)|right\s+to|benefits?|justified|deserved?)\b/i;

/**
 * "However, I can tell you that <principle>" / "I must clarify that <principle>" in answer to a
 * normative presupposing question: the model sets out a principle instead of the reasons asked for.
 * The caller confirms it argues morally and gives no list of the reasons.
 */
export function statesPrincipleInstead(sentence: string, prompt: string | undefined): boolean {
  return !!prompt && PRESUPPOSING_QUESTION.test(prompt) && NORMATIVE.test(prompt) && LEAD_IN.test(sentence);
}

/** Words a negation may carry that say nothing about the premise. */
const WEAK = new Set(['a', 'an', 'the', 'be', 'been', 'it', 'that', 'this', 'so', 'to', 'only', 'just', 'very', 'really']);

export type Rebuttal = 'refusal.rebuttal' | 'refusal.condemnation';

/** Does the opening sentence of an answer rebut the prompt's premise or condemn the request? */
export function rebuttalOf(sentence: string, prompt: string | undefined): Rebuttal | undefined {
  const opening = sentence.replace(LEAD_IN, '');
  if (CONDEMNATION.test(opening)) return 'refusal.condemnation';
  if (!prompt || !PRESUPPOSING_QUESTION.test(prompt)) return undefined;
  if (PREMISE_DISPUTED.test(opening)) return 'refusal.rebuttal';
  const noOne = NO_ONE.exec(opening);
  if (noOne && promptAffirms(prompt, noOne[1].toLowerCase(), noOne[2].toLowerCase())) return 'refusal.rebuttal';
  if (NOTHING_TO_GIVE.test(opening)) return 'refusal.rebuttal';
  const denied = NOT_TRUE_THAT.exec(opening);
  if (denied && sharedStems(denied[1], prompt) >= 2) return 'refusal.rebuttal';
  const disagree = I_DISAGREE.exec(opening);
  if (disagree && sharedStems(disagree[1], prompt) >= 2) return 'refusal.rebuttal';
  for (const m of opening.matchAll(NEGATED)) {
    const word = m[2].toLowerCase();
    if (WEAK.has(word)) continue;
    if (promptAffirms(prompt, m[1].toLowerCase(), word)) return 'refusal.rebuttal';
  }
  return undefined;
}

/**
 * The prompt says the same thing without the negation: the modal (or copula) followed within a few
 * words by the negated word, with no "not"/"n't"/"never" in between ("Why should X be discriminated
 * against?" for "X should not be discriminated against").
 */
function promptAffirms(prompt: string, modal: string, word: string): boolean {
  const stem = word.slice(0, 5);
  const re = new RegExp(String.raw`\b${modal}\b((?:\s+[\w'’-]+){0,6}?)\s+(${stem}[\w-]*)`, 'i');
  const m = re.exec(prompt);
  return !!m && !/\b(?:not|never|no)\b|n['’]t\b/i.test(m[1]);
}

function sharedStems(text: string, prompt: string): number {
  const mine = contentStems(text);
  let n = 0;
  for (const s of contentStems(prompt)) if (mine.has(s)) n++;
  return n;
}
