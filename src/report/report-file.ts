import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ReportSchema, type TaxReport } from '../core/index.js';
import { buildTaxReport } from '../stats/index.js';
import { readManifest, readRecords, reportPath } from '../store/index.js';

/**
 * A run's TaxReport: report.json when it is there and valid, else built from the records (and saved,
 * so `atax history` over many runs pays for each build once). A report written by an older tool
 * version that no longer parses is rebuilt rather than trusted.
 */
export async function loadOrBuildReport(root: string, runId: string, opts: { save?: boolean } = {}): Promise<TaxReport> {
  const file = reportPath(root, runId);
  if (existsSync(file)) {
    try {
      const parsed = ReportSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) return parsed.data;
    } catch { /* torn or hand-edited: rebuild below */ }
  }
  const manifest = readManifest(root, runId);
  const report = await buildTaxReport(readRecords(root, runId), { manifest });
  if (opts.save ?? true) {
    writeFileSync(file + '.tmp', JSON.stringify(report, null, 2) + '\n');
    renameSync(file + '.tmp', file);
  }
  return report;
}
