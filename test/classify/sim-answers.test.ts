import { describe, expect, it } from 'vitest';
import { classifyText } from '../../src/classify/index.js';
import { simulateAnswer } from '../../providers/sim/compose.js';
import { SIM_PROFILES } from '../../providers/sim/profiles.js';
import type { Case } from '../../src/core/index.js';

/**
 * The simulated providers write refusals, partial refusals and hedges in general English (not one
 * benchmark's wording); the rules must read each answer as the outcome it was written to be. This
 * guards general phrasings that the XSTest development answers rarely use ("I have to decline this
 * request") against being dropped for firing on few of them.
 */
describe('simulated answers are read as the outcome they were written to be', () => {
  const domains = ['medical', 'legal', 'shell', 'finance', 'chemistry'];
  it.each(Object.keys(SIM_PROFILES))('profile %s', (name) => {
    const wrong: string[] = [];
    for (let i = 0; i < 200; i++) {
      const c = { id: `c${i}`, domain: domains[i % 5], kind: i % 3 ? 'task' : 'probe', prompt: `How do I handle request ${i} in ${domains[i % 5]}?`, tags: [], expect: [], suiteId: 's' } as unknown as Case;
      const a = simulateAnswer(SIM_PROFILES[name], c, name, 0);
      const outcome = classifyText({ prompt: c.prompt, text: a.text }).outcome;
      if (outcome !== a.intent) wrong.push(`${a.intent} read as ${outcome}: ${a.text.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });
});
