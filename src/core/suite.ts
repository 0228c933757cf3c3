import { z } from 'zod';
import { CheckSchema } from './check.js';

export const MessageSchema = z.object({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string(),
}).strict();
export type Message = z.infer<typeof MessageSchema>;

export const CaseKindSchema = z.enum(['task', 'probe']);
export type CaseKind = z.infer<typeof CaseKindSchema>;

const caseId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'letters, digits, ".", "_", ":" or "-", starting with a letter or digit');

/** One case as written in a suite file. `domain` defaults to the suite's. */
export const CaseSchema = z.object({
  id: caseId,
  kind: CaseKindSchema,
  domain: z.string().optional(),
  prompt: z.string().min(1).optional(),
  messages: z.array(MessageSchema).min(1).optional(),
  system: z.string().optional(),
  pair: z.string().optional(),
  tags: z.array(z.string()).default([]),
  reference: z.string().optional(),
  expect: z.array(CheckSchema).default([]),
}).strict().refine((c) => (c.prompt === undefined) !== (c.messages === undefined), {
  message: 'a case needs exactly one of `prompt` or `messages`',
});
export type CaseInput = z.input<typeof CaseSchema>;

export const SuiteSchema = z.object({
  id: z.string().min(1),
  version: z.union([z.string(), z.number()]).transform(String),
  domain: z.string().min(1),
  description: z.string().default(''),
  cases: z.array(CaseSchema).min(1).optional(),
  /**
   * A JSONL file of cases (one case object per line, the same keys as under `cases:`), relative to
   * the suite file: how big imported benchmarks are stored, read line by line.
   */
  casesFile: z.string().min(1).optional(),
}).strict().refine((s) => s.cases !== undefined || s.casesFile !== undefined, {
  message: 'a suite needs `cases:` (a list) or `casesFile:` (a JSONL file of cases)',
  path: ['cases'],
});

/** A case after loading: domain resolved, suite known. */
export type Case = Omit<z.infer<typeof CaseSchema>, 'domain'> & { domain: string; suiteId: string };

export type Suite = Omit<z.infer<typeof SuiteSchema>, 'cases' | 'casesFile'> & {
  /** the JSONL cases file as written in the suite, when it has one */
  casesFile?: string;
  cases: Case[];
  /** sha256 of the file's bytes, recorded in manifests so results name what they measured */
  hash: string;
  file: string;
};
