/**
 * A run's TaxReport on disk: built by streaming records.jsonl, stored as report.json, read back.
 * `atax run`, `atax report`, the TUI, history and the scorecard all go through here.
 */
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Manifest, RunRecord, TaxReport } from '../core/index.js';
import { currentLabels, readLabels, readManifest, readStoredReport, recordsPath, reportPath, writeJsonAtomic } from '../store/index.js';
import { TaxAccumulator, parseRecordInto, scratchRecord } from '../stats/index.js';
import { CalibrationAccumulator } from '../stats/calibration-report.js';
import { dirname } from 'node:path';

export interface ReportBuildOptions { by?: 'domain' | 'tag'; level?: number }

/** Read size: 1 MiB chunks keep the read calls few (64 KiB stream chunks cost ~0.7 s per million records). */
const CHUNK = 1 << 20;
const PIECE = 1 << 16;

/**
 * Builds the TaxReport straight from a records.jsonl: read in 1 MiB chunks into two buffers taken
 * in turn, the next read already in flight while this chunk is parsed, each piece split on newlines
 * and fed to the accumulator synchronously (no per-record await), each line read for the report's
 * fields only, into one reused record. Decoded as latin1 so the answer text is never UTF-8 decoded
 * (the parser restores UTF-8 in the fields it reads). A torn last line is skipped, as
 * readRecordsFile does.
 */
export async function buildReportFromFile(file: string, manifest: Manifest, opts: ReportBuildOptions = {}): Promise<TaxReport> {
  const acc = new TaxAccumulator({ manifest, by: opts.by, level: opts.level });
  if (!existsSync(file)) return acc.build();
  // human labels beside the records: corrected rates (a labelled line is parsed whole, checks included)
  const labels = currentLabels(readLabels(dirname(file)));
  const calib = labels.size ? new CalibrationAccumulator(labels, { by: opts.by, level: opts.level }) : undefined;
  const parseOpts = { tags: opts.by === 'tag', latin1: true };
  const scratch = scratchRecord();
  const take = (line: string) => {
    const r = parseRecordInto(line, scratch, parseOpts);
    if (!r) return;
    acc.add(r);
    if (calib) calib.add(calib.wants(r) ? (JSON.parse(Buffer.from(line, 'latin1').toString('utf8')) as RunRecord) : r);
  };
  const fh = await open(file, 'r');
  try {
    const bufs = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
    let turn = 0;
    let pending = fh.read(bufs[turn], 0, CHUNK, null);
    let rest = '';
    for (;;) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const buf = bufs[turn];
      turn ^= 1;
      pending = fh.read(bufs[turn], 0, CHUNK, null);
      // decoded (copied) in 64 KiB strings: small enough to be allocated young and die young,
      // where 1 MiB strings would go to the large-object space and cost full collections
      for (let at = 0; at < bytesRead; at += PIECE) rest = splitLines(rest, buf.toString('latin1', at, Math.min(at + PIECE, bytesRead)), take);
    }
    take(rest);
  } finally {
    await fh.close();
  }
  return calib ? calib.apply(acc.build()) : acc.build();
}

/** Feeds every complete line of `rest + text` to `take`; returns the unfinished tail. */
function splitLines(rest: string, text: string, take: (line: string) => void): string {
  let nl = text.indexOf('\n');
  if (nl < 0) return rest + text;
  take(rest + text.slice(0, nl)); // the line split across chunks: the only concatenation
  let start = nl + 1;
  for (nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
    take(text.slice(start, nl));
    start = nl + 1;
  }
  return text.slice(start);
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
