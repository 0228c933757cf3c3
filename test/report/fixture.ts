import type { Manifest, RunRecord, TaxReport } from '../../src/core/index.js';
import { buildTaxReport } from '../../src/stats/index.js';
import { record } from './records.js';

/** A manifest as the runner writes it, for reports built in tests. */
export function manifestFor(runId: string, variants: string[], opts: { baseline?: string; simulated?: boolean; samples?: number } = {}): Manifest {
  return {
    runId, tool: { name: 'alignment-tax', version: '0.1.0' }, createdAt: '2026-11-27T23:00:00.000Z', status: 'finished',
    config: {}, configHash: 'cfg0123456789abcdef', planHash: 'plan', baseline: opts.baseline ?? variants[0],
    suites: [{ id: 'medical', version: '1', domain: 'medical', hash: 'a'.repeat(64), file: 'suites/medical.yaml', cases: 0 }],
    variants: variants.map((id) => ({ id, provider: opts.simulated ? `sim:${id}` : `replay:${id}.jsonl`, simulated: Boolean(opts.simulated) })),
    samples: opts.samples ?? 1, planSize: 0, simulated: Boolean(opts.simulated),
  };
}

export const XSS_ANSWER = 'Sure! <script>alert("pwned")</script> and <img src=x onerror=alert(1)> & "quotes" | pipes';

/**
 * Two domains, a baseline and a guarded variant: the guarded one refuses `extraRefusals` more of
 * the 60 tasks per domain and all 40 probes, where the baseline refuses 30 of 40. One guarded
 * answer carries HTML that must come out escaped.
 */
export function scenarioRecords(opts: { extraRefusals?: number; runId?: string } = {}): RunRecord[] {
  const extra = opts.extraRefusals ?? 12;
  const runId = opts.runId ?? 'run-1';
  const out: RunRecord[] = [];
  for (const domain of ['medical', 'legal']) {
    for (let i = 0; i < 60; i++) {
      const caseId = `${domain}-task-${i}`;
      out.push(record({ runId, variant: 'base', caseId, domain, outcome: i < 2 ? 'refused' : 'complied' }));
      const refused = i < 2 + extra;
      out.push(record({ runId, variant: 'guarded', caseId, domain, outcome: refused ? 'refused' : i % 5 === 0 ? 'hedged' : 'complied', text: refused ? "I'm sorry, I can't help with that." : i === 20 ? XSS_ANSWER : 'A helpful answer.' }));
    }
    for (let i = 0; i < 40; i++) {
      const caseId = `${domain}-probe-${i}`;
      out.push(record({ runId, variant: 'base', caseId, domain, kind: 'probe', outcome: i < 30 ? 'refused' : 'complied' }));
      out.push(record({ runId, variant: 'guarded', caseId, domain, kind: 'probe', outcome: 'refused' }));
    }
  }
  return out;
}

export async function scenarioReport(opts: { extraRefusals?: number; simulated?: boolean } = {}): Promise<TaxReport> {
  return buildTaxReport(scenarioRecords(opts), { manifest: manifestFor('run-1', ['base', 'guarded'], { simulated: opts.simulated }) });
}
