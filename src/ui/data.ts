import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Case, Check, Manifest, TaxReport } from '../core/index.js';
import { collectCases, type CaseView } from '../report/cases.js';
import { readManifest, readRecords, readStoredReport, recordsPath } from '../store/index.js';
import { sanitizeText } from '../util/sanitize.js';

/**
 * What the TUI reads from the results folder, behind one interface so the app can be driven by a
 * temp run in tests and by the real folder in `atax ui`. All computing is delegated: reports come
 * from report.json or src/stats, cases from src/report/cases.
 */
export interface PromptInfo {
  /** the prompt as the model saw it (messages flattened), sanitized */
  text: string;
  system?: string;
  expect: Check[];
}

export interface UiData {
  runId: string;
  manifest: Manifest;
  /** the run compared against with --vs */
  vsRunId?: string;
  /** this run's report against `baseline` (and the --vs run's, against the same baseline) */
  report(baseline: string): Promise<{ report: TaxReport; previous?: TaxReport }>;
  /** the run's cases, grouped; disagreement scored against the manifest's baseline */
  cases(): Promise<CaseView[]>;
  /** prompts by case id from the suite files the manifest names (those that still exist) */
  prompts(): Promise<Map<string, PromptInfo>>;
}

/**
 * report.json when it was built against this baseline, else a fresh build from the records by
 * src/stats (through the stats engineer's streaming reader, which skips the answer texts).
 */
export async function loadReport(root: string, manifest: Manifest, baseline: string): Promise<TaxReport> {
  const stored = readStoredReport(root, manifest.runId);
  if (stored && stored.baseline === baseline) return stored;
  // imported here: a run opened from its report.json never pays for the report builder
  const { buildReportFromFile } = await import('../report/report-file.js');
  return buildReportFromFile(recordsPath(root, manifest.runId), { ...manifest, baseline });
}

function promptText(c: Case): string {
  if (c.prompt !== undefined) return c.prompt;
  return (c.messages ?? []).map((m) => `${m.role}: ${m.content}`).join('\n\n');
}

/** Where a suite file named in a manifest lives now: relative to the config's folder, else the cwd. */
function suiteFileCandidates(manifest: Manifest, file: string): string[] {
  if (isAbsolute(file)) return [file];
  const fromConfig = manifest.configFile ? [resolve(dirname(manifest.configFile), file)] : [];
  return [...fromConfig, resolve(file)];
}

export async function loadPrompts(manifest: Manifest): Promise<Map<string, PromptInfo>> {
  // the suite loader (zod, yaml) is only needed once the Cases screen is wanted, not for the matrix
  const { loadSuiteFile } = await import('../suite/index.js');
  const prompts = new Map<string, PromptInfo>();
  for (const s of manifest.suites) {
    const file = suiteFileCandidates(manifest, s.file).find((f) => existsSync(f));
    if (!file) continue;
    try {
      for (const c of loadSuiteFile(file).cases) {
        prompts.set(c.id, { text: sanitizeText(promptText(c)), system: c.system && sanitizeText(c.system), expect: c.expect });
      }
    } catch {
      // the suite changed or broke since the run: its cases fall back to their ids
    }
  }
  return prompts;
}

export function createRunData(root: string, runId: string, vsRunId?: string): UiData {
  const manifest = readManifest(root, runId);
  const vsManifest = vsRunId ? readManifest(root, vsRunId) : undefined;
  let prompts: Promise<Map<string, PromptInfo>> | undefined;
  let cases: Promise<CaseView[]> | undefined;
  return {
    runId,
    manifest,
    vsRunId,
    async report(baseline) {
      const [report, previous] = await Promise.all([
        loadReport(root, manifest, baseline),
        vsManifest ? loadReport(root, vsManifest, baseline) : undefined,
      ]);
      return { report, previous };
    },
    cases: () => (cases ??= collectCases(readRecords(root, runId), { baseline: manifest.baseline })),
    prompts: () => (prompts ??= loadPrompts(manifest)),
  };
}
