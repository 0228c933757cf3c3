/**
 * What `atax run` prints after its report when answers ended as errors: the errors by variant and
 * kind, which variants are over `--max-error-rate`, and the command that asks them again. A run
 * with errors is never summed up as a clean one.
 */
import type { RunResult } from '../run/index.js';
import { sanitizeLine } from '../util/sanitize.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Empty when no answer ended as an error. */
export function renderRunErrors(result: Pick<RunResult, 'runId' | 'perVariant' | 'overErrorLimit' | 'maxErrorRate' | 'status'>, resumeFlags = ''): string {
  const withErrors = Object.entries(result.perVariant).filter(([, c]) => c.errors > 0);
  if (withErrors.length === 0) return '';
  const width = Math.max(...withErrors.map(([id]) => sanitizeLine(id).length));
  const lines = withErrors.map(([id, c]) => {
    const share = c.errors / (c.errors + c.answered);
    const kinds = Object.entries(c.kinds ?? {}).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
    const over = result.overErrorLimit.includes(id) ? '  OVER THE LIMIT' : '';
    return `  ${sanitizeLine(id).padEnd(width)}  ${c.errors} of ${c.errors + c.answered} answers are errors (${pct(share)}): ${kinds}${over}`;
  });
  const head = result.overErrorLimit.length > 0
    ? `run ${result.status}: ${result.overErrorLimit.length} variant${result.overErrorLimit.length === 1 ? '' : 's'} over --max-error-rate ${pct(result.maxErrorRate)}; their rates leave those answers out`
    : `errors (within --max-error-rate ${pct(result.maxErrorRate)}; the rates leave these answers out):`;
  const retry = `ask them again with: atax run --resume ${result.runId} --retry-errors${resumeFlags ? ' ' + resumeFlags : ''}`;
  return [head, ...lines, retry].join('\n') + '\n';
}
