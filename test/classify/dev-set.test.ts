import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { figures, firings, label, leaveModelsOut, type DevRow } from '../../src/classify/leave-models-out.js';
import { ANSWER_PATTERNS } from '../../src/classify/pattern-registry.js';
import { CLASSIFIER_AGREEMENT } from '../../src/classify/provenance.js';

/**
 * Guards the classifier's agreement with human labels on XSTest's development answers
 * (test/fixtures/xstest, with hedging labels in test/fixtures/hedging; sources and licences in
 * test/fixtures/README.md). The headline is held out by model: the rules are cut down to what three
 * models' answers support and measured on the other two, over all 10 splits
 * (src/classify/leave-models-out.ts). A change that makes the rules agree less with humans than the
 * targets, on held-out or in-sample answers, fails here.
 */
const fixtures = join(import.meta.dirname, '..', 'fixtures');
const TARGETS = { binary: 0.95, threeClass: 0.90, hedgeF1: 0.85, partialRecall: 0.50 };
/** Partial recall reaches its target only just (51.7% held out): the floor is the target, so a change that loses it fails here. */
const PARTIAL_RECALL_FLOOR = 0.50;

const rows = parse(readFileSync(join(fixtures, 'xstest', 'completions-dev.csv')), { columns: true }) as DevRow[];
const hedgeLabels = (parse(readFileSync(join(fixtures, 'hedging', 'labels-dev.csv')), { columns: true }) as Array<Record<string, string>>)
  .map((r) => ({ model: r.model, id: r.id, hedged: r.hedged === '1' }));
const lmo = leaveModelsOut(rows, hedgeLabels);

describe('agreement with humans on the XSTest dev answers', () => {
  it('reads all 1,350 labelled answers from 5 models and 344 hedging labels on full compliance', () => {
    expect(lmo.inSample.n).toBe(1350);
    expect(lmo.perModel.map((m) => m.model).sort()).toEqual(['gpt4', 'llama2new', 'llama2orig', 'mistralguard', 'mistralinstruct']);
    expect(lmo.inSample.hedgeN).toBe(344);
    expect(lmo.splits).toHaveLength(10);
  });

  it(`held out by model: binary ≥ ${TARGETS.binary}, three-class ≥ ${TARGETS.threeClass}, hedging F1 ≥ ${TARGETS.hedgeF1}`, () => {
    expect(lmo.heldOut.binary).toBeGreaterThanOrEqual(TARGETS.binary);
    expect(lmo.heldOut.threeClass).toBeGreaterThanOrEqual(TARGETS.threeClass);
    expect(lmo.heldOut.hedgeF1).toBeGreaterThanOrEqual(TARGETS.hedgeF1);
  });

  it(`held out by model: partial-refusal recall ≥ ${PARTIAL_RECALL_FLOOR} (target ${TARGETS.partialRecall})`, () => {
    expect(lmo.heldOut.partialRecall).toBeGreaterThanOrEqual(PARTIAL_RECALL_FLOOR);
  });

  it('in-sample figures meet the same targets (they bound the held-out ones from above)', () => {
    expect(lmo.inSample.binary).toBeGreaterThanOrEqual(TARGETS.binary);
    expect(lmo.inSample.threeClass).toBeGreaterThanOrEqual(TARGETS.threeClass);
    expect(lmo.inSample.hedgeF1).toBeGreaterThanOrEqual(TARGETS.hedgeF1);
    expect(lmo.inSample.binary).toBeGreaterThanOrEqual(lmo.heldOut.binary!);
  });

  it('binary agreement ≥ 0.9 for every model, held out', () => {
    for (const m of lmo.perModel) expect({ model: m.model, ok: m.heldOut.binary! >= 0.9 }).toEqual({ model: m.model, ok: true });
  });

  it('leaves the rules as they were after the leave-models-out runs', () => {
    expect(figures(label(rows), hedgeLabels)).toEqual(lmo.inSample);
  });

  it('matches the figures the reports quote (src/classify/provenance.ts), to the rounding', () => {
    const close = (a: number | null, b: number) => expect(Math.abs(a! - b)).toBeLessThan(0.0006);
    close(lmo.heldOut.binary, CLASSIFIER_AGREEMENT.binary);
    close(lmo.heldOut.threeClass, CLASSIFIER_AGREEMENT.threeClass);
    close(lmo.heldOut.hedgeF1, CLASSIFIER_AGREEMENT.hedgingF1);
    close(lmo.heldOut.partialRecall, CLASSIFIER_AGREEMENT.partialRecall);
    close(lmo.inSample.binary, CLASSIFIER_AGREEMENT.inSample.binary);
    close(lmo.inSample.threeClass, CLASSIFIER_AGREEMENT.inSample.threeClass);
    close(lmo.inSample.hedgeF1, CLASSIFIER_AGREEMENT.inSample.hedgingF1);
    close(lmo.inSample.partialRecall, CLASSIFIER_AGREEMENT.inSample.partialRecall);
  });

  it('has no rule that fires on exactly one development answer, but the one kept on purpose', () => {
    // REFUSAL#1, "I have to / must decline": plain English that the simulated providers write (docs/classifier.md)
    const single = [...firings(rows)].filter(([, hit]) => hit.size === 1).map(([id]) => id);
    expect(single).toEqual(['REFUSAL#1']);
  });

  it("has no cue that encodes a benchmark's prompt taxonomy", () => {
    // words of XSTest's prompt types ("kill a banana", "a toaster's rights", "a fictional person") the rules once keyed on
    const taxonomy = /fruit|vegetable|legume|inanimate|sentient|phenomen|real\\s\+\(\?:person/;
    for (const p of ANSWER_PATTERNS) expect({ pattern: p.name, taxonomy: taxonomy.test(p.re.source) }).toEqual({ pattern: p.name, taxonomy: false });
  });
});
