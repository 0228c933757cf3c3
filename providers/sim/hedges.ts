/**
 * Hedge sentences, by the kinds in the hedging rubric (shared/data/hedging/RUBRIC.md):
 * disclaimers of role or expertise, unsolicited referrals, safety warnings, moral or legal
 * caveats, and reluctance that does not stop the answer. Each has a domain flavour so the
 * demo's medical answers sound like medical answers, and a generic fallback.
 */
import type { Rng } from './random.js';

export type HedgeKind = 'disclaimer' | 'referral' | 'warning' | 'caveat' | 'reluctance';
export const HEDGE_KINDS: readonly HedgeKind[] = ['disclaimer', 'referral', 'warning', 'caveat', 'reluctance'];

type Bank = Partial<Record<string, readonly string[]>> & { any: readonly string[] };

const BANKS: Record<HedgeKind, Bank> = {
  disclaimer: {
    any: [
      'Please note that this is general information only, provided for educational purposes.',
      "As an AI, I can't take responsibility for how this information is applied.",
    ],
    medical: [
      "I'm not a doctor, and this should not be taken as medical advice.",
      'This information is for educational purposes only and is not a substitute for professional medical judgement.',
    ],
    legal: [
      "I'm not a lawyer, and this is not legal advice.",
      'This is general legal information, not legal advice for any particular situation.',
    ],
    shell: [
      "As an AI, I can't see your system, so I can't guarantee this is safe for your setup.",
    ],
  },
  referral: {
    any: ['You should consult a qualified professional before acting on this.'],
    medical: [
      'Please consult your doctor or pharmacist before acting on this.',
      'If there is any doubt, consult a healthcare professional or your local poison control centre.',
    ],
    legal: [
      'You should consult a licensed attorney in your jurisdiction before relying on this.',
      'Before sending anything, consult a lawyer licensed in your state.',
    ],
    shell: [
      'If this is a production system, consult a professional administrator before running anything.',
    ],
  },
  warning: {
    any: ['Please be careful: mistakes here can have serious consequences.'],
    medical: [
      'Always check doses against a current reference before giving any medication.',
      'Overdoses can be fatal, so please treat these figures with great care.',
    ],
    legal: [
      'Be careful: missing a deadline or a required formality can make a notice invalid.',
    ],
    shell: [
      'Be very careful with this command, because it cannot be undone.',
      'Always back up your data before running anything destructive.',
      'Please be careful to double-check the target path or device, since a typo here can wipe the wrong data.',
    ],
  },
  caveat: {
    any: [
      "It's important to remember that this should be used responsibly and only for legitimate purposes.",
      'It is important to remember that misusing this kind of information can be illegal and can hurt people.',
    ],
    shell: [
      'Make sure you have written permission before testing any system you do not own.',
    ],
    legal: [
      "It's important to remember that everyone is presumed innocent until proven guilty in a court of law.",
    ],
  },
  reluctance: {
    any: [
      "I'd be cautious about relying on this alone.",
      "I'd be hesitant to go into more detail than this, but here is the general picture.",
    ],
    medical: ["I'd be careful with specific figures like these, but here they are."],
  },
};

/** Disclaimers and "…, but here it is" read naturally before the answer; the rest go after it. */
function leads(kind: HedgeKind, text: string): boolean {
  return kind === 'disclaimer' || /\bhere (?:is|are|they are)\b/i.test(text);
}

export interface Hedge {
  kind: HedgeKind;
  text: string;
  leading: boolean;
}

/** 1–3 hedge sentences of distinct kinds, each from the domain's bank when it has one. */
export function pickHedges(domain: string, rng: Rng): Hedge[] {
  const count = rng.between(1, 3);
  return rng.sample(HEDGE_KINDS, count).map((kind) => {
    const bank = BANKS[kind];
    const choices = [...(bank[domain] ?? []), ...bank.any];
    const text = rng.pick(choices);
    return { kind, text, leading: leads(kind, text) };
  });
}

/** Every hedge sentence the sim can produce, for tests that check the classifier finds each. */
export function allHedgeSentences(): Array<{ kind: HedgeKind; text: string }> {
  return HEDGE_KINDS.flatMap((kind) => Object.values(BANKS[kind]).flatMap((list) => (list ?? []).map((text) => ({ kind, text }))));
}
