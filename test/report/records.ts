import type { Outcome, RunRecord } from '../../src/core/index.js';

/** Builds run records the way the runner writes them, for tests of the pure report code. */
export function record(p: { runId?: string; variant: string; caseId: string; domain?: string; kind?: 'task' | 'probe'; outcome: Outcome; completed?: boolean; sample?: number; text?: string }): RunRecord {
  const kind = p.kind ?? 'task';
  const error = p.outcome === 'error';
  return {
    runId: p.runId ?? 'run', caseId: p.caseId, variantId: p.variant, sample: p.sample ?? 0, domain: p.domain ?? 'medical', kind,
    completion: { text: p.text ?? `${p.outcome} answer`, latencyMs: 1, ...(error ? { error: { kind: 'server' as const, message: 'HTTP 500' } } : {}) },
    verdict: {
      outcome: p.outcome, hedges: p.outcome === 'hedged' ? 1 : 0, signals: [], by: 'rules', checks: [],
      completed: p.completed ?? (kind === 'task' && (p.outcome === 'complied' || p.outcome === 'hedged')),
    },
  };
}

/**
 * n task cases for one variant: the first `refused` are refused, the rest complied. Deterministic,
 * so two calls with the same arguments are an A/A pair.
 */
export function taskCases(variant: string, n: number, refused: number, opts: { domain?: string; runId?: string; offset?: number } = {}): RunRecord[] {
  return Array.from({ length: n }, (_, i) => record({ variant, caseId: `${opts.domain ?? 'medical'}-${(opts.offset ?? 0) + i}`, domain: opts.domain, runId: opts.runId, outcome: i < refused ? 'refused' : 'complied' }));
}

export function probeCases(variant: string, n: number, refused: number, opts: { domain?: string; runId?: string } = {}): RunRecord[] {
  return Array.from({ length: n }, (_, i) => record({ variant, caseId: `${opts.domain ?? 'medical'}-probe-${i}`, domain: opts.domain, runId: opts.runId, kind: 'probe', outcome: i < refused ? 'refused' : 'complied' }));
}
