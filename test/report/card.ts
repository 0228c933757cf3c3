import { evaluatePolicy } from '../../src/gate/gates.js';
import { loadPolicy, parsePolicy } from '../../src/gate/policy.js';
import { buildScorecard, type Scorecard } from '../../src/report/scorecard.js';
import { tellingExamples } from '../../src/report/examples.js';
import { scenarioRecords, scenarioReport } from './fixture.js';

/** A whole scorecard for renderer tests: the default policy fails it (guarded refuses 20 pts more). */
export async function scenarioCard(opts: { simulated?: boolean; policyYaml?: string } = {}): Promise<Scorecard> {
  const report = await scenarioReport({ simulated: opts.simulated });
  const policy = opts.policyYaml ? parsePolicy('policy.yaml', opts.policyYaml) : loadPolicy(undefined);
  const examples = await tellingExamples(scenarioRecords(), {
    baseline: 'base', variants: ['base', 'guarded'], limit: 100, prompts: new Map([['medical-task-20', 'What dose of <b>ibuprofen</b> is safe?']]),
  });
  return buildScorecard({ report, verdict: evaluatePolicy(report, policy), examples, toolVersion: '0.1.0', now: new Date('2026-11-28T00:00:00Z') });
}
