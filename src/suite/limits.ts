/**
 * Limits that protect the machine from a suite it cannot sensibly hold. A YAML file is parsed whole
 * into a Document (about 10× its size in memory): big case sets belong in a JSONL cases file, read
 * line by line. README "Limits" documents these numbers; keep the two in step.
 */

/** The largest YAML suite or config read (beyond it: a JSONL cases file). */
export const MAX_YAML_BYTES = 8 * 1024 * 1024;
/** The largest JSONL cases file read. */
export const MAX_CASES_FILE_BYTES = 512 * 1024 * 1024;
/** One JSONL line (one case) longer than this is refused: it cannot be a prompt meant for a model. */
export const MAX_CASE_LINE_BYTES = 16 * 1024 * 1024;
/** A prompt (all of a case's message text) at least this long gets a warning with its case id. */
export const LARGE_PROMPT_CHARS = 1024 * 1024;

/** `8.0 MB` */
export function describeBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}
