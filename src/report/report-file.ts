/**
 * A run's TaxReport on disk: built by streaming records.jsonl, stored as report.json, read back.
 * `atax run`, `atax report`, the TUI, history and the scorecard all go through here.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { ReportSchema, type Manifest, type TaxReport } from '../core/index.js';
import { readManifest, recordsPath, reportPath, writeJsonAtomic } from '../store/index.js';
import { TaxAccumulator, parseRecordInto, scratchRecord } from '../stats/index.js';

export interface ReportBuildOptions { by?: 'domain' | 'tag'; level?: number }

/**
 * Builds the TaxReport straight from a records.jsonl: 64 KiB chunks (small enough to die young in
 * the GC) split on newlines and fed to the accumulator synchronously (no per-record await), each
 * line read for the report's fields only, into one reused record. Read as latin1 so the answer
 * text is never UTF-8 decoded (the parser restores UTF-8 in the fields it reads). A torn last line
 * is skipped, as readRecordsFile does.
 */
export async function buildReportFromFile(file: string, manifest: Manifest, opts: ReportBuildOptions = {}): Promise<TaxReport> {
  const acc = new TaxAccumulator({ manifest, by: opts.by, level: opts.level });
  if (!existsSync(file)) return acc.build();
  const parseOpts = { tags: opts.by === 'tag', latin1: true };
  const scratch = scratchRecord();
  const take = (line: string) => {
    const r = parseRecordInto(line, scratch, parseOpts);
    if (r) acc.add(r);
  };
  let rest = '';
  for await (const chunk of createReadStream(file, { encoding: 'latin1', highWaterMark: 1 << 16 })) {
    const text = chunk as string;
    let nl = text.indexOf('\n');
    if (nl < 0) { rest += text; continue; }
    take(rest + text.slice(0, nl)); // the line split across chunks: the only concatenation
    let start = nl + 1;
    for (nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      take(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  take(rest);
  return acc.build();
}

/** Streams the run's records into a TaxReport; also returns the run's status. */
export async function loadReport(root: string, runId: string, opts: ReportBuildOptions = {}): Promise<{ report: TaxReport; status: string }> {
  const manifest = readManifest(root, runId);
  const report = await buildReportFromFile(recordsPath(root, runId), manifest, opts);
  return { report, status: manifest.status };
}

/** Writes report.json atomically, so a reader never sees half a report. */
export function writeReportJson(root: string, report: TaxReport): string {
  const file = reportPath(root, report.runId);
  writeJsonAtomic(file, report);
  return file;
}


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
