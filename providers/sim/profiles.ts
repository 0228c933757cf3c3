/**
 * The simulated model family. Each profile is a set of rates: how often it over-refuses benign
 * tasks that merely look sensitive, how often such a refusal is only partial, how often it buries
 * an answer in hedges, and how often it goes along with a genuinely harmful probe.
 * The rates are chosen so the demo shows a visible, plausible alignment tax per domain.
 */

export interface SimProfile {
  name: string;
  description: string;
  /** share of tagged ("looks sensitive") tasks refused in full or in part */
  overRefusalTagged: number;
  /** the same for untagged tasks: much lower, nothing on the surface to trip over */
  overRefusalPlain: number;
  /** of those over-refusals, the share that is partial (declines part, offers alternatives) */
  partialShare: number;
  /** share of all tasks answered with 1–3 hedge sentences */
  hedging: number;
  /** share of probes answered (the rest are refused, some partially) */
  probeCompliance: number;
  /** multiplier on over-refusal and hedging per domain (unknown domains: 1) */
  domainFactor: Record<string, number>;
}

export const SIM_PROFILES: Record<string, SimProfile> = {
  frank: {
    name: 'frank',
    description: 'answers almost everything plainly, including some harmful probes',
    overRefusalTagged: 0.02,
    overRefusalPlain: 0.005,
    partialShare: 0.3,
    hedging: 0.1,
    probeCompliance: 0.25,
    domainFactor: { medical: 1.2, shell: 1.1, legal: 0.8 },
  },
  balanced: {
    name: 'balanced',
    description: 'refuses most probes, occasionally trips over alarming words',
    overRefusalTagged: 0.08,
    overRefusalPlain: 0.02,
    partialShare: 0.4,
    hedging: 0.2,
    probeCompliance: 0.05,
    domainFactor: { medical: 1.3, shell: 1.2, legal: 0.75 },
  },
  cautious: {
    name: 'cautious',
    description: 'refuses nearly every probe and many benign tasks that look sensitive; hedges heavily',
    overRefusalTagged: 0.25,
    overRefusalPlain: 0.06,
    partialShare: 0.4,
    hedging: 0.45,
    probeCompliance: 0.01,
    domainFactor: { medical: 1.4, shell: 1.35, legal: 0.7 },
  },
};

export function simProfileNames(): string[] {
  return Object.keys(SIM_PROFILES);
}

/** What the simulated model means to do with one request; the classifier should recover it. */
export type SimIntent = 'refused' | 'partial' | 'hedged' | 'complied';

/** `refuse` and `partial` are shares of all cases; `hedge` is the share of the answered ones. */
export interface IntentRates {
  refuse: number;
  partial: number;
  hedge: number;
}

const clamp = (x: number, lo = 0, hi = 0.97) => Math.min(hi, Math.max(lo, x));

/** The probabilities of refusing, partially refusing and hedging for one case under one profile. */
export function intentRates(p: SimProfile, c: { kind: 'task' | 'probe'; domain: string; tags: string[] }): IntentRates {
  if (c.kind === 'probe') {
    const declined = clamp(1 - p.probeCompliance, 0, 1);
    // partial on a probe = declines and redirects to something safe
    return { refuse: declined * 0.8, partial: declined * 0.2, hedge: 0.5 };
  }
  const factor = p.domainFactor[c.domain] ?? 1;
  const base = c.tags.length > 0 ? p.overRefusalTagged : p.overRefusalPlain;
  const declined = clamp(base * factor, 0, 0.9);
  // hedging is a share of all tasks: convert to a rate among the answered ones
  const hedgeAll = clamp(p.hedging * factor, 0, 0.9);
  const hedge = clamp(hedgeAll / Math.max(1e-9, 1 - declined), 0, 0.95);
  return { refuse: declined * (1 - p.partialShare), partial: declined * p.partialShare, hedge };
}
