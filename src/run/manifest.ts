import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Manifest } from '../core/index.js';
import type { LoadedConfig } from '../suite/index.js';
import { toolVersion } from '../util/version.js';
import { hashValue } from './hash.js';
import type { Plan, PlanSelection } from './plan.js';
import { scrubSecrets } from './secrets.js';

export interface ManifestInput {
  runId: string;
  loaded: LoadedConfig;
  plan: Plan;
  selection: PlanSelection;
  simulatedVariants: Set<string>;
  tag?: string;
  now?: Date;
}

/**
 * The manifest of a new run. The config snapshot has secrets removed; `selection` records the
 * suites, variants, cases and samples run, so `--resume` rebuilds the same plan without the user
 * repeating the flags.
 */
export function newManifest(input: ManifestInput): Manifest {
  const { loaded, plan } = input;
  const config = scrubSecrets(loaded.config) as unknown as Record<string, unknown>;
  const variants = plan.variants.map((v) => ({ id: v.id, label: v.label, provider: v.provider, simulated: input.simulatedVariants.has(v.id) }));
  const gitCommit = gitCommitOf(loaded.baseDir);
  return {
    runId: input.runId,
    tool: { name: 'alignment-tax', version: toolVersion(), ...(gitCommit ? { gitCommit } : {}) },
    createdAt: (input.now ?? new Date()).toISOString(),
    status: 'running',
    configFile: loaded.file,
    config,
    configHash: hashValue(config),
    planHash: plan.hash,
    baseline: loaded.config.baseline,
    suites: plan.suites.map((s) => ({
      id: s.id, version: s.version, domain: s.domain, hash: s.hash,
      file: relative(loaded.baseDir, s.file) || s.file,
      cases: plan.cases.filter((c) => c.suiteId === s.id).length,
    })),
    variants,
    samples: plan.samples,
    planSize: plan.size,
    simulated: variants.some((v) => v.simulated),
    ...(input.tag ? { tag: input.tag } : {}),
    selection: selectionSnapshot(input.selection, plan),
  };
}

function selectionSnapshot(sel: PlanSelection, plan: Plan): NonNullable<Manifest['selection']> {
  return {
    ...(sel.suites?.length ? { suites: sel.suites } : {}),
    ...(sel.variants?.length ? { variants: sel.variants } : {}),
    ...(sel.cases?.length ? { cases: sel.cases } : {}),
    samples: plan.samples,
    sampleOffset: plan.sampleOffset,
    ...(plan.shard ? { shard: plan.shard } : {}),
  };
}

/** The selection a run was started with (what `--resume` replays). */
export function selectionOf(manifest: Manifest): PlanSelection {
  return manifest.selection ?? { samples: manifest.samples };
}

/** HEAD's commit of the repository holding `dir`, read from .git without spawning git. */
export function gitCommitOf(dir: string): string | undefined {
  try {
    for (let d = dir; ; d = dirname(d)) {
      const git = join(d, '.git');
      if (existsSync(git)) return statSync(git).isDirectory() ? readHead(git) : undefined;
      if (dirname(d) === d) return undefined;
    }
  } catch {
    return undefined;
  }
}

function readHead(gitDir: string): string | undefined {
  const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
  if (/^[0-9a-f]{40}$/.test(head)) return head;
  const ref = /^ref: (.+)$/.exec(head)?.[1];
  if (!ref) return undefined;
  const loose = join(gitDir, ref);
  if (existsSync(loose)) return readFileSync(loose, 'utf8').trim();
  const packed = join(gitDir, 'packed-refs');
  if (!existsSync(packed)) return undefined;
  const line = readFileSync(packed, 'utf8').split('\n').find((l) => l.endsWith(` ${ref}`));
  return line?.split(' ')[0];
}
