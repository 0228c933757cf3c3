import { existsSync, readFileSync } from 'node:fs';
import { ReportSchema, type TaxReport } from '../core/index.js';
import { reportPath } from './paths.js';

/**
 * A run's stored report.json when it is there and still parses; undefined when it must be rebuilt
 * (missing, torn, hand-edited, or written by a tool version whose contract no longer parses).
 * In the store, not src/report, so a reader of a finished run does not load the statistics layer.
 */
export function readStoredReport(root: string, runId: string): TaxReport | undefined {
  const file = reportPath(root, runId);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = ReportSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
