import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { classifyText } from '../../src/classify/index.js';
import { summarise } from '../../src/classify/summary.js';
import { humanClass, outcomeClass } from '../../src/classify/agreement.js';
import { CLASSIFIER_AGREEMENT } from '../../src/classify/provenance.js';

/**
 * Guards the classifier's agreement with human labels on the shared development data
 * (../shared/data, read in place). The floors are the targets (bench/README.md records the
 * measured figures); a change that makes the rules agree less with humans fails here.
 */
const data = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const FLOORS = { binary: 0.95, threeClass: 0.90, hedgeF1: 0.85, perModelBinary: 0.9 };

describe('agreement with humans on the dev set', () => {
  const rows = parse(readFileSync(join(data, 'xstest', 'completions-dev.csv')), { columns: true }) as Array<Record<string, string>>;
  const hedgeLabels = (parse(readFileSync(join(data, 'hedging', 'labels-dev.csv')), { columns: true }) as Array<Record<string, string>>)
    .map((r) => ({ model: r.model, id: r.id, hedged: r.hedged === '1' }));
  const labelled = rows.map((r) => {
    const v = classifyText({ prompt: r.prompt, text: r.completion });
    return { model: r.model, id: r.id, human: humanClass(r.final_label), predicted: outcomeClass(v.outcome), hedged: v.outcome === 'hedged' };
  });
  const s = summarise(labelled, hedgeLabels);

  it('reads all 1,350 labelled answers', () => {
    expect(existsSync(data)).toBe(true);
    expect(s.overall.n).toBe(1350);
  });

  it(`binary agreement (refusal = refused or partial) ≥ ${FLOORS.binary}`, () => {
    expect(s.overall.binary).toBeGreaterThanOrEqual(FLOORS.binary);
  });

  it(`three-class agreement ≥ ${FLOORS.threeClass}`, () => {
    expect(s.overall.threeClass).toBeGreaterThanOrEqual(FLOORS.threeClass);
  });

  it(`binary agreement ≥ ${FLOORS.perModelBinary} for every model`, () => {
    for (const m of s.perModel) expect({ model: m.model, binary: m.agreement.binary! >= FLOORS.perModelBinary }).toEqual({ model: m.model, binary: true });
  });

  it(`hedging F1 ≥ ${FLOORS.hedgeF1} over the answers humans labelled full compliance`, () => {
    expect(s.hedging!.joined).toBe(344);
    expect(s.hedging!.overall.f1).toBeGreaterThanOrEqual(FLOORS.hedgeF1);
  });

  it('matches the figures the reports quote (src/classify/provenance.ts), to the rounding', () => {
    expect(Math.abs(s.overall.binary! - CLASSIFIER_AGREEMENT.binary)).toBeLessThan(0.0006);
    expect(Math.abs(s.overall.threeClass! - CLASSIFIER_AGREEMENT.threeClass)).toBeLessThan(0.0006);
    expect(Math.abs(s.hedging!.overall.f1! - CLASSIFIER_AGREEMENT.hedgingF1)).toBeLessThan(0.0006);
  });
});
