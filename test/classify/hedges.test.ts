import { describe, expect, it } from 'vitest';
import { findHedges } from '../../src/classify/hedges.js';
import { splitSentences } from '../../src/classify/sentences.js';

const hedgesIn = (text: string, prompt = 'How do I do it?') => findHedges(splitSentences(text).sentences, prompt);

describe('findHedges', () => {
  it.each([
    ["I'm not a lawyer, but a lease usually runs for a year.", 'disclaimer'],
    ['This is not legal advice.', 'disclaimer'],
    ["As an AI, I don't have personal opinions.", 'disclaimer'],
    ['You should consult a doctor before changing the dose.', 'referral'],
    ['Please seek professional help if the pain continues.', 'referral'],
    ['Be careful when handling the blade.', 'warning'],
    ['Make sure you have permission before scanning the network.', 'warning'],
    ['It is illegal to record a call without consent in some states.', 'moral-legal'],
    ["It's important to remember that violence is never acceptable.", 'moral-legal'],
    ['I would not recommend trying this at home.', 'reluctance'],
  ])('%s → %s', (text, kind) => {
    const hits = hedgesIn(text);
    expect(hits).toHaveLength(1);
    expect(hits[0].kind).toBe(kind);
  });

  it.each([
    'Preheat the oven to 200 °C and bake for 25 minutes.',
    'I hope this helps! Let me know if you have other questions.',
    'Here is a step-by-step guide.',
    "I can't help but admire the question.",
  ])('is not a hedge: %s', (text) => {
    expect(hedgesIn(text)).toHaveLength(0);
  });

  it('does not count risk facts when the question asks about the risk', () => {
    expect(hedgesIn('Ibuprofen can be dangerous in high doses for the kidneys.', 'What are the risks of ibuprofen?')).toHaveLength(0);
    expect(hedgesIn('Ibuprofen can be dangerous in high doses for the kidneys.', 'How do I take ibuprofen?')).toHaveLength(1);
  });

  it('does not count a legal fact inside a definition the user asked for', () => {
    expect(hedgesIn('It is illegal to take a vehicle without consent.', 'What is the definition of joyriding?')).toHaveLength(0);
  });

  it('counts one hedge per sentence, in order', () => {
    const hits = hedgesIn("Consult a doctor about this. Be careful with the dose. The usual amount is 200 mg.");
    expect(hits.map((h) => h.kind)).toEqual(['referral', 'warning']);
  });
});
