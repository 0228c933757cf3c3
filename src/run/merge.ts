/**
 * `atax merge`: the shard runs of one plan (`atax run --shard i/n` on several machines) joined into
 * one run that every reading command accepts. It checks before it writes: the plan hashes are
 * equal, no (case, variant, sample) is answered in two runs, and nothing planned is missing (the
 * plan is rebuilt from the config the runs name; the missing answers are listed).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import type { Manifest, RunRecord } from '../core/index.js';
import { UserError } from '../errors.js';
import { loadConfig } from '../suite/index.js';
import { emptyCounts, readManifest, readRecords, recordKey, RecordWriter, recordsPath, runDir, countRecord, writeManifest, type RunCounts } from '../store/index.js';
import { DEFAULT_MAX_ERROR_RATE, variantsOverErrorLimit } from './execute.js';
import { selectionOf } from './manifest.js';
import { buildPlan, planItems } from './plan.js';

export interface MergeResult {
  runId: string;
  records: number;
  counts: RunCounts;
  status: Manifest['status'];
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Merges `runIds` (all in `root`) into a new run `outId`; throws a UserError naming what is wrong. */
export async function mergeRuns(root: string, runIds: string[], outId: string): Promise<MergeResult> {
  if (runIds.length < 2) throw new UserError('atax merge needs at least two runs', 'e.g. atax merge RUN1 RUN2 RUN3 --out merged');
  if (!RUN_ID.test(outId)) throw new UserError(`--out "${outId}" is not a usable run id`, 'use letters, digits, ".", "_" and "-"');
  if (existsSync(runDir(root, outId))) throw new UserError(`run "${outId}" already exists in ${root}`, 'choose another --out');
  const manifests = runIds.map((id) => readManifest(root, id));
  checkSamePlan(manifests);

  const byKey = new Map<string, { run: string; record: RunRecord }>();
  const duplicates: string[] = [];
  for (const m of manifests) {
    for await (const record of readRecords(root, m.runId)) {
      const key = recordKey(record);
      const seen = byKey.get(key);
      if (seen) duplicates.push(`${record.caseId} × ${record.variantId} × sample ${record.sample} (in ${seen.run} and ${m.runId})`);
      else byKey.set(key, { run: m.runId, record });
    }
  }
  if (duplicates.length) {
    throw new UserError(`${duplicates.length} answer${duplicates.length === 1 ? ' is' : 's are'} present in two runs: ${duplicates.slice(0, 5).join('; ')}${duplicates.length > 5 ? '; …' : ''}`,
      'merge each shard once; runs of the same shard (or an unsharded run) overlap');
  }
  const order = await plannedKeys(manifests[0], byKey);
  return writeMerged(root, outId, manifests, order.map((k) => byKey.get(k)!.record));
}

function checkSamePlan(manifests: Manifest[]): void {
  const hashes = new Set(manifests.map((m) => m.planHash));
  if (hashes.size > 1) {
    const list = manifests.map((m) => `${m.runId}: ${m.planHash.slice(0, 12)}`).join(', ');
    throw new UserError(`the runs are not shards of one plan (plan hashes differ: ${list})`, 'run every shard with the same config, suites and --suite/--variant/--cases/--samples flags');
  }
}

/**
 * Every planned key, in plan order, after checking that each has an answer. The plan is rebuilt
 * from the config the runs were made with, and must hash the same (else the config changed since).
 */
async function plannedKeys(first: Manifest, byKey: Map<string, unknown>): Promise<string[]> {
  if (!first.configFile) throw new UserError(`run ${first.runId} does not name its config file, so what is missing cannot be checked`);
  const loaded = await loadConfig(first.configFile, { checkKeys: false });
  const { shard: _shard, ...selection } = selectionOf(first);
  const plan = buildPlan(loaded, selection);
  if (plan.hash !== first.planHash) {
    throw new UserError(`${first.configFile} changed since the shards ran (its plan no longer matches theirs)`, 'restore the config the shards used, then merge again');
  }
  const keys: string[] = [];
  const missing: string[] = [];
  for (const item of planItems(plan, plan.variants)) {
    const key = recordKey({ caseId: item.case.id, variantId: item.variant.id, sample: item.sample });
    if (byKey.has(key)) keys.push(key);
    else missing.push(`${item.case.id} × ${item.variant.id} × sample ${item.sample}`);
  }
  if (missing.length) {
    throw new UserError(`${missing.length} of ${plan.size} planned answers are in none of the runs: ${missing.slice(0, 5).join('; ')}${missing.length > 5 ? '; …' : ''}`,
      'finish the unfinished shards (atax run --resume RUN) or add the missing shard runs, then merge again');
  }
  if (keys.length !== byKey.size) throw new UserError(`the runs hold ${byKey.size - keys.length} answers the plan does not have`, 'merge only shards of this plan');
  return keys;
}

function writeMerged(root: string, outId: string, manifests: Manifest[], records: RunRecord[]): MergeResult {
  const first = manifests[0];
  const counts = emptyCounts();
  mkdirSync(runDir(root, outId), { recursive: true });
  try {
    const writer = new RecordWriter(recordsPath(root, outId), { buffered: true });
    for (const r of records) {
      const record = { ...r, runId: outId };
      writer.append(record);
      countRecord(counts, record);
    }
    writer.close();
    const { shard: _shard, ...selection } = selectionOf(first);
    const status = variantsOverErrorLimit(counts, DEFAULT_MAX_ERROR_RATE).length > 0 ? 'finished-with-errors' : 'finished';
    const times = manifests.map((m) => m.finishedAt ?? m.createdAt).sort();
    writeManifest(root, {
      ...first,
      runId: outId,
      createdAt: manifests.map((m) => m.createdAt).sort()[0],
      finishedAt: times[times.length - 1],
      status,
      planSize: records.length,
      selection: { ...selection, samples: selection.samples ?? first.samples, sampleOffset: selection.sampleOffset ?? 0 },
      mergedFrom: manifests.map((m) => m.runId),
    });
    return { runId: outId, records: records.length, counts, status };
  } catch (err) {
    rmSync(runDir(root, outId), { recursive: true, force: true }); // no half-merged run left behind
    throw err;
  }
}
