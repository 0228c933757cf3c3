import { afterEach, beforeEach } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import type { RunRecord } from '../../src/core/index.js';
import { readRecordsFile, recordKey, recordsPath } from '../../src/store/index.js';

const FIXTURES = resolve('test/fixtures/run/suites');

export interface FixtureVariant {
  id: string;
  provider?: string;
  options?: Record<string, unknown>;
  params?: Record<string, unknown>;
  system?: string;
  pricing?: Record<string, unknown>;
}

/**
 * A temporary project: the named fixture suites copied under suites/, and an atax.config.yaml whose
 * variants talk to `baseUrl` (a local server started by the test).
 */
export function makeProject(opts: { baseUrl: string; suites?: string[]; variants?: FixtureVariant[]; config?: Record<string, unknown> }): { dir: string; configFile: string; results: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'atax-run-'));
  mkdirSync(join(dir, 'suites'));
  for (const s of opts.suites ?? ['mini']) copyFileSync(join(FIXTURES, `${s}.yaml`), join(dir, 'suites', `${s}.yaml`));
  const variants = (opts.variants ?? [{ id: 'base' }, { id: 'guarded', system: 'You are a careful assistant.' }]).map((v) => ({
    id: v.id,
    provider: v.provider ?? 'openai:test-model',
    options: { baseUrl: opts.baseUrl, ...(v.options ?? {}) },
    ...(v.params ? { params: v.params } : {}),
    ...(v.system ? { system: v.system } : {}),
    ...(v.pricing ? { pricing: v.pricing } : {}),
  }));
  const config = { suites: ['suites/*.yaml'], baseline: variants[0].id, concurrency: 4, variants, ...(opts.config ?? {}) };
  const configFile = join(dir, 'atax.config.yaml');
  writeFileSync(configFile, stringify(config));
  return { dir, configFile, results: join(dir, 'results'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function readAll(root: string, runId: string): Promise<RunRecord[]> {
  const out: RunRecord[] = [];
  for await (const r of readRecordsFile(recordsPath(root, runId))) out.push(r);
  return out;
}

/** How many records each plan key has (the runner's promise: exactly one each). */
export function keyCounts(records: RunRecord[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of records) m.set(recordKey(r), (m.get(recordKey(r)) ?? 0) + 1);
  return m;
}

import { startOpenAIServer } from '../servers/openai.mjs';

type Server = Awaited<ReturnType<typeof startOpenAIServer>>;

/**
 * A fresh local OpenAI-compatible server for every test, and the project the test makes; both are
 * stopped and removed after it. Tests read `t.server` and set `t.project`.
 */
export function serverPerTest(): { server: Server; project?: ReturnType<typeof makeProject> } {
  const t = {} as { server: Server; project?: ReturnType<typeof makeProject> };
  beforeEach(async () => { t.server = await startOpenAIServer(); });
  afterEach(async () => {
    await t.server.close();
    t.project?.cleanup();
    t.project = undefined;
  });
  return t;
}
