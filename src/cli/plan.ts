import type { Command } from 'commander';
import { estimatePlan, priorOutputMeans, type PlanEstimate } from '../cost/estimate.js';
import { planText } from '../cost/estimate-text.js';
import { buildPlan, rootFor, DEFAULT_CONFIG_FILE } from '../run/index.js';
import { loadConfig, type LoadedConfig } from '../suite/index.js';
import { listRunIds, readStoredReport } from '../store/index.js';

/** The newest stored report in the results folder, for its mean output tokens per variant. */
function latestReport(loaded: LoadedConfig, resultsDir?: string) {
  const root = rootFor(loaded, resultsDir);
  for (const runId of listRunIds(root).reverse()) {
    try {
      const report = readStoredReport(root, runId);
      if (report?.cost) return report;
    } catch { /* an unreadable run says nothing about this plan */ }
  }
  return undefined;
}

/** The estimate of a config's plan, as `atax plan` and `atax run` print it; nothing is sent. */
export async function planEstimate(loaded: LoadedConfig, opts: { resultsDir?: string; samples?: number; variants?: string[]; suites?: string[] } = {}): Promise<PlanEstimate> {
  const plan = buildPlan(loaded, { samples: opts.samples, variants: opts.variants, suites: opts.suites });
  return estimatePlan(plan, loaded.config, priorOutputMeans(latestReport(loaded, opts.resultsDir)));
}

export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('estimate a run before sending anything: requests, tokens and cost per variant, the time the rate limits imply, and the MDE')
    .option('-c, --config <file>', 'config file', DEFAULT_CONFIG_FILE)
    .option('--results <dir>', 'results folder (the latest run\'s mean output tokens are used when maxTokens is not set)')
    .option('--suite <ids...>', 'only these suites')
    .option('--variant <ids...>', 'only these variants')
    .option('--samples <n>', 'samples per case', (v) => Number(v))
    .option('--json', 'print the estimate as JSON')
    .addHelpText('after', '\nExit codes: 0 ok, 2 bad config.\nExamples:\n  atax plan\n  atax plan --config nightly.yaml --samples 5')
    .action(async (o: { config: string; results?: string; suite?: string[]; variant?: string[]; samples?: number; json?: boolean }) => {
      // nothing is sent, so no API key is needed
      const loaded = await loadConfig(o.config, { checkKeys: false });
      const estimate = await planEstimate(loaded, { resultsDir: o.results, samples: o.samples, variants: o.variant, suites: o.suite });
      process.stdout.write(o.json ? `${JSON.stringify(estimate, null, 2)}\n` : planText(estimate));
    });
}
