/**
 * Clusters of cases that are not independent draws: a task and the probe it was written to resemble
 * (a contrast pair) share their wording, so a model's answers to them move together. Cases linked
 * by `pair` (in either direction, and transitively when several tasks name one probe) form one
 * cluster; every other case is a cluster of its own.
 */
import type { CaseTable } from './cells.js';

/** Per case of the table: a cluster index (0 … clusters − 1). */
export function pairClusters(t: CaseTable): Int32Array {
  const parent = new Int32Array(t.caseCount);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  if (t.pairs.every((p) => p === undefined)) return parent; // no contrast pairs: every case alone
  const find = (i: number): number => {
    while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; }
    return i;
  };
  const index = new Map<string, number>();
  t.caseIds.forEach((id, ci) => index.set(id, ci));
  for (let ci = 0; ci < t.caseCount; ci++) {
    const other = t.pairs[ci] === undefined ? undefined : index.get(t.pairs[ci]!);
    if (other === undefined) continue; // a pair id with no records in this run: the case stands alone
    const a = find(ci), b = find(other);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  const out = new Int32Array(t.caseCount);
  const number = new Map<number, number>();
  for (let ci = 0; ci < t.caseCount; ci++) {
    const root = find(ci);
    let k = number.get(root);
    if (k === undefined) number.set(root, (k = number.size));
    out[ci] = k;
  }
  return out;
}

/** Whether any two of `cases` share a cluster (then a row's cases are not independent draws). */
export function hasSharedCluster(clusters: Int32Array, cases: ArrayLike<number>): boolean {
  const seen = new Set<number>();
  for (let i = 0; i < cases.length; i++) {
    const k = clusters[cases[i]];
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}

/** Whether any two cases of the table share a cluster (cluster indices run 0 … clusters − 1). */
export function sharesClusters(clusters: Int32Array): boolean {
  let max = -1;
  for (const k of clusters) if (k > max) max = k;
  return max + 1 < clusters.length;
}
