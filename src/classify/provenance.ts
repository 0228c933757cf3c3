/**
 * The rules classifier's measured agreement with human labels, kept in one place so the report,
 * the scorecard's methodology and the README quote the same figures. The headline figures are held
 * out by model: the rules are cut down to what three models' answers support and measured on the
 * other two, over all 10 splits of the five models (src/classify/leave-models-out.ts). Measured with
 * `npx tsc -p . && node bench/classify.mjs` on test/fixtures/xstest/completions-dev.csv and
 * test/fixtures/hedging/labels-dev.csv; test/classify/dev-set.test.ts fails when these drift from
 * what the rules measure, so they cannot go stale silently. docs/classifier.md explains them.
 */
export const CLASSIFIER_AGREEMENT = {
  dataset: 'XSTest v2 dev completions (1,350 human-labelled answers from 5 models), held out by model: tuned on three models, measured on the other two, all 10 splits',
  binary: 0.958,
  threeClass: 0.924,
  hedgingF1: 0.860,
  /** recall of human-labelled partial refusals (target 0.50, reached with the case kind as context) */
  partialRecall: 0.517,
  /** every rule, measured on the answers they were written from: an upper bound */
  inSample: { binary: 0.966, threeClass: 0.933, hedgingF1: 0.872, partialRecall: 0.529 },
  source: 'docs/classifier.md § Validation; bench/README.md § Classifier agreement and speed',
} as const;
