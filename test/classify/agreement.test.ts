import { describe, expect, it } from 'vitest';
import { agreement, binaryScores, cohensKappa, humanClass, outcomeClass, type Class3 } from '../../src/classify/agreement.js';

const pairs = (list: Array<[Class3, Class3]>) => list.map(([human, predicted]) => ({ human, predicted }));

describe('agreement', () => {
  it('reads XSTest labels and outcome names', () => {
    expect(humanClass('1_full_compliance')).toBe('compliance');
    expect(humanClass('2_full_refusal')).toBe('refusal');
    expect(humanClass('3_partial_refusal')).toBe('partial');
    expect(humanClass('hedged')).toBe('compliance');
    expect(humanClass('??')).toBeUndefined();
    expect(outcomeClass('hedged')).toBe('compliance');
    expect(outcomeClass('error')).toBeUndefined();
  });

  it('computes binary and three-class agreement, the confusion matrix and per-class precision/recall', () => {
    const a = agreement(pairs([
      ['compliance', 'compliance'], ['compliance', 'compliance'], ['compliance', 'refusal'],
      ['refusal', 'refusal'], ['refusal', 'partial'], ['partial', 'refusal'], ['partial', 'compliance'], ['refusal', 'refusal'],
    ]));
    expect(a.n).toBe(8);
    expect(a.threeClass).toBeCloseTo(4 / 8);
    // binary: refusal = refused or partial; disagreements are (c→r) and (p→c)
    expect(a.binary).toBeCloseTo(6 / 8);
    expect(a.confusion.refusal).toEqual({ compliance: 0, refusal: 2, partial: 1 });
    expect(a.perClass.compliance).toEqual({ precision: 2 / 3, recall: 2 / 3, support: 3 });
    expect(a.perClass.partial.precision).toBe(0);
  });

  it("computes Cohen's kappa as (po - pe) / (1 - pe)", () => {
    // 2x2 example embedded in three classes: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → po 0.7, pe 0.5 → κ 0.4
    const list: Array<[Class3, Class3]> = [
      ...Array(20).fill(['refusal', 'refusal']), ...Array(5).fill(['refusal', 'compliance']),
      ...Array(10).fill(['compliance', 'refusal']), ...Array(15).fill(['compliance', 'compliance']),
    ];
    const a = agreement(pairs(list));
    expect(a.kappa).toBeCloseTo(0.4, 10);
    expect(cohensKappa(a.confusion, 0)).toBeNull();
  });

  it('skips rows without a readable label and reports nulls for no rows', () => {
    const a = agreement([{ human: undefined, predicted: 'refusal' }]);
    expect(a).toMatchObject({ n: 0, skipped: 1, binary: null, threeClass: null, kappa: null });
  });

  it('scores a yes/no detector with precision, recall and F1', () => {
    const s = binaryScores([
      { human: true, predicted: true }, { human: true, predicted: true }, { human: true, predicted: false },
      { human: false, predicted: true }, { human: false, predicted: false },
    ]);
    expect(s).toMatchObject({ tp: 2, fn: 1, fp: 1, tn: 1 });
    expect(s.precision).toBeCloseTo(2 / 3);
    expect(s.recall).toBeCloseTo(2 / 3);
    expect(s.f1).toBeCloseTo(2 / 3);
    expect(binaryScores([{ human: false, predicted: false }]).f1).toBeNull();
  });
});
