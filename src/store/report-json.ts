import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ReportSchema, STATS_VERSION, type TaxReport } from '../core/index.js';
import { reportPath } from './paths.js';

/**
 * A run's stored report.json when it is there and still parses; undefined when it must be rebuilt
 * (missing, torn, hand-edited, written by a tool version whose contract no longer parses, or by
 * other statistics: STATS_VERSION).
 * In the store, not src/report, so a reader of a finished run does not load the statistics layer.
 */
export function readStoredReport(root: string, runId: string): TaxReport | undefined {
  const file = reportPath(root, runId);
  if (!existsSync(file)) return undefined;
  // human labels given after the report was written change its corrected rates: rebuild
  const labels = join(root, runId, 'labels.jsonl');
  if (existsSync(labels) && statSync(labels).mtimeMs >= statSync(file).mtimeMs) return undefined;
  try {
    const parsed = ReportSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    // numbers from other statistics (an older tool) are rebuilt, not trusted
    return parsed.success && parsed.data.statsVersion === STATS_VERSION ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
