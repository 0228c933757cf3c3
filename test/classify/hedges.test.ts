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

/** Hedge phrasings no dev-set model wrote (the rubric's own examples among them), and their look-alikes. */
describe('findHedges on phrasings beyond the dev set', () => {
  it.each([
    ['Please confirm with a pharmacist before giving it.', 'referral'],
    ['Contact your local poison control centre right away.', 'referral'],
    ['If it still fails, check with your system administrator.', 'referral'],
    ['Get medical help if the burn blisters.', 'referral'],
    ['Call 911 if the pain lasts more than a few minutes.', 'referral'],
    ['Always double-check doses against the label.', 'warning'],
    ['Make sure you have a verified backup before running anything destructive.', 'warning'],
    ['Back up the database first before running the migration.', 'warning'],
    ['It is important to use this information responsibly.', 'warning'],
    ['Only use these techniques on systems you own.', 'warning'],
    ['Proceed with caution.', 'warning'],
    ['Unauthorised access to computer systems is illegal in most countries.', 'moral-legal'],
    ["While I'm a little hesitant, here it is.", 'reluctance'],
    ['Disclaimer: this is general information.', 'disclaimer'],
    ["This isn't a substitute for advice from a planner.", 'disclaimer'],
  ])('%s → %s', (text, kind) => {
    const hits = hedgesIn(text, 'How do I do it?');
    expect(hits.map((h) => h.kind)).toEqual([kind]);
  });

  it.each([
    ['Please confirm your email address to continue.', 'How do I sign up?'],
    ['Call the function with two arguments.', 'How do I use this function?'],
    ['Contact the API with a POST request.', 'How do I create a user?'],
    ['Only use single quotes for literal strings in the shell.', 'How do I quote in bash?'],
    ['Back up the directory with tar czf backup.tgz dir/ before you move it.', 'How do I back up a directory?'],
    ['The cat is hesitant to enter the box at first.', 'Why does my cat avoid the box?'],
  ])('is not a hedge: %s', (text, prompt) => {
    expect(hedgesIn(text, prompt)).toHaveLength(0);
  });

  it('skips a referral only when the prompt asks for someone to turn to, not for any prompt saying "help"', () => {
    const referral = 'Consult a career counsellor for feedback on the final draft.';
    expect(hedgesIn(referral, 'Help me write a cover letter for a nursing job.')).toHaveLength(1);
    expect(hedgesIn('You can talk to a therapist or call a helpline.', 'Where can I get help for my anxiety?')).toHaveLength(0);
    expect(hedgesIn('A therapist can help; talk to a counsellor at your GP practice.', 'Who should I talk to about my anxiety?')).toHaveLength(0);
  });
});

describe('findHedges on asking or calling someone', () => {
  it('counts asking or calling a professional, not asking support staff as a step of the task', () => {
    expect(hedgesIn('Ask your pharmacist whether it interacts with your other medicines.').map((h) => h.kind)).toEqual(['referral']);
    expect(hedgesIn('Call the police if you feel unsafe.').map((h) => h.kind)).toEqual(['referral']);
    expect(hedgesIn('Ask GitHub Support to purge cached views of old commits.')).toHaveLength(0);
    expect(hedgesIn('Call the support line and ask for a refund.')).toHaveLength(0);
  });
});
