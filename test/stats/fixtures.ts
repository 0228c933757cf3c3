/** Builders for records and manifests used by the stats, report and CLI tests. */
import type { Manifest, Outcome, RunRecord } from '../../src/core/index.js';

export interface RecordSpec {
  caseId: string;
  variantId: string;
  outcome: Outcome;
  kind?: 'task' | 'probe';
  domain?: string;
  sample?: number;
  /** defaults to true for complied/hedged tasks */
  completed?: boolean;
  tags?: string[];
}

export function record(s: RecordSpec): RunRecord {
  const kind = s.kind ?? 'task';
  const answered = s.outcome === 'complied' || s.outcome === 'hedged';
  return {
    runId: 'run-test',
    caseId: s.caseId,
    variantId: s.variantId,
    sample: s.sample ?? 0,
    domain: s.domain ?? 'medical',
    kind,
    tags: s.tags,
    completion: s.outcome === 'error'
      ? { text: '', latencyMs: 1, error: { kind: 'server', message: 'HTTP 500' } }
      : { text: `answer of ${s.variantId} to ${s.caseId}`, latencyMs: 1 },
    verdict: {
      outcome: s.outcome,
      hedges: s.outcome === 'hedged' ? 1 : 0,
      signals: [],
      by: 'rules',
      checks: [],
      completed: s.completed ?? (kind === 'task' && answered),
    },
  };
}

export function manifest(over: Omit<Partial<Manifest>, 'variants'> & { variants?: string[] } = {}): Manifest {
  const { variants, ...rest } = over;
  const ids = variants ?? ['base', 'guarded'];
  return {
    runId: 'run-test',
    tool: { name: 'alignment-tax', version: '0.1.0' },
    createdAt: '2026-11-27T23:00:00.000Z',
    status: 'finished',
    config: {},
    configHash: 'cfg',
    planHash: 'plan',
    baseline: ids[0],
    suites: [{ id: 'medical', version: '1', domain: 'medical', hash: 'h', file: 'suites/medical.yaml', cases: 0 }],
    variants: ids.map((id) => ({ id, provider: `sim:${id}`, simulated: true })),
    samples: 1,
    planSize: 0,
    simulated: true,
    ...rest,
  };
}

/** n task cases of one domain whose outcome per variant is given by `pick(i)`. */
export function tasks(domain: string, n: number, variant: string, pick: (i: number) => Outcome, sample = 0): RunRecord[] {
  return Array.from({ length: n }, (_, i) => record({ caseId: `${domain}-${i}`, variantId: variant, outcome: pick(i), domain, sample }));
}
