/**
 * What `atax run` prints after its report when answers ended as errors: the errors by variant and
 * kind, which variants are over `--max-error-rate`, and the command that asks them again. A run
 * with errors is never summed up as a clean one.
 */
import type { RunResult } from '../run/index.js';
import { sanitizeLine } from '../util/sanitize.js';
import { pct } from '../util/format.js';
import stringWidth from 'string-width';
import { fit } from '../util/text-width.js';

/** Empty when no answer ended as an error. */
export function renderRunErrors(result: Pick<RunResult, 'runId' | 'perVariant' | 'overErrorLimit' | 'maxErrorRate' | 'status'>, resumeFlags = ''): string {
  const withErrors = Object.entries(result.perVariant).filter(([, c]) => c.errors > 0);
  if (withErrors.length === 0) return '';
  const width = Math.max(...withErrors.map(([id]) => stringWidth(sanitizeLine(id))));
  const lines = withErrors.map(([id, c]) => {
    const share = c.errors / (c.errors + c.answered);
    const kinds = Object.entries(c.kinds ?? {}).sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
    const over = result.overErrorLimit.includes(id) ? '  OVER THE LIMIT' : '';
    return `  ${fit(sanitizeLine(id), width)}  ${c.errors} of ${c.errors + c.answered} answers are errors (${pct(share)}): ${kinds}${over}`;
  });
  const head = result.overErrorLimit.length > 0
    ? `run ${result.status}: ${result.overErrorLimit.length} variant${result.overErrorLimit.length === 1 ? '' : 's'} over --max-error-rate ${pct(result.maxErrorRate)}; their rates leave those answers out`
    : `errors (within --max-error-rate ${pct(result.maxErrorRate)}; the rates leave these answers out):`;
  const retry = `ask them again with: atax run --resume ${result.runId} --retry-errors${resumeFlags ? ' ' + resumeFlags : ''}`;
  return [head, ...lines, retry].join('\n') + '\n';
}
