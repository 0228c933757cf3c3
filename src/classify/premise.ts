import { PREMISE_FACT, DONT_TRY } from './patterns.js';

/**
 * Does the sentence explain why the request cannot be met as asked ("X is a fictional character",
 * "X does not exist")? Humans label a refusal with such an explanation a partial refusal. Not when
 * the same sentence warns against trying it ("the events depicted are fictional and should not be
 * attempted in real life"): that is a caution about the request, not an answer to it.
 */
export function explainsPremise(text: string): boolean {
  return PREMISE_FACT.test(text) && !DONT_TRY.test(text);
}
