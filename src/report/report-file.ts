import { existsSync, readFileSync } from 'node:fs';
import { ReportSchema, type TaxReport } from '../core/index.js';
import { readManifest, recordsPath, reportPath } from '../store/index.js';
// the streaming report builder and the atomic report.json writer `atax run` uses: one of each
import { buildReportFromFile, writeReportJson } from '../cli/after-run.js';

/** A run's report.json when it is there and still parses; undefined when it must be rebuilt. */
export function readStoredReport(root: string, runId: string): TaxReport | undefined {
  const file = reportPath(root, runId);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = ReportSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // torn or hand-edited: rebuild
  }
}

/**
 * A run's TaxReport: report.json when it is there and valid, else built from the records (and saved,
 * so `atax history` over many runs pays for each build once). A report written by an older tool
 * version that no longer parses is rebuilt rather than trusted.
 */
export async function loadOrBuildReport(root: string, runId: string, opts: { save?: boolean } = {}): Promise<TaxReport> {
  const stored = readStoredReport(root, runId);
  if (stored) return stored;
  const report = await buildReportFromFile(recordsPath(root, runId), readManifest(root, runId));
  if (opts.save ?? true) writeReportJson(root, report);
  return report;
}
