/** src/stats: pure statistics for the tax report. Names agreed in issue 4. */
export { wilson, clopperPearson, clusteredWilson, newcombeUnpaired, type Interval, type DiffInterval } from './proportion.js';
export { mcnemar, pairedDiff, tangoScore, type PairedTable, type McNemar, type PairedDiffOptions } from './paired.js';
export { clusteredSE, pairedClusteredSE, meanDiffInterval, type ClusteredSEOptions, type PairedMeanDiff } from './cluster.js';
export { holm, benjaminiHochberg } from './multiplicity.js';
export { holmFamilyOf, bhFamilyOf, adjustWithinFamilies, familySizes, holmFirstLevel } from './families.js';
export { rateInterval, pairedDelta, type RateMethod, type DeltaMethod, type RateInterval, type DeltaInterval } from './row-methods.js';
export { resampleTotals, percentileInterval, inverseEcdf, replicateValues, linearizedInterval, type ClusterSample, type BootstrapOptions } from './bootstrap.js';
export { taxIntervals, BOOTSTRAP_REPLICATES, BOOTSTRAP_SEED, BOOTSTRAP_MAX_UNITS, type TaxIntervals, type TaxBootstrapOptions } from './tax-bootstrap.js';
export { mdePaired, sampleSizePaired, connorN, millerSampleSize, millerMde, type PowerOptions, type MillerVariance } from './power.js';
export { zQuantile, zCritical, tQuantile, tTwoSidedP, chiSquare1Upper } from './quantiles.js';
export { TaxAccumulator, buildTaxReport, ALL, PSI_FLOOR, type TaxOptions } from './tax.js';
export { parseRecordForStats, parseRecordInto, scratchRecord, type ParseOptions } from './record-line.js';
