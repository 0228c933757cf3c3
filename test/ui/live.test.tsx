import { afterAll, describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/index.js';
import { readManifest, readRecords } from '../../src/store/index.js';
import { startLiveScreen } from '../../src/ui/live.js';
import { taxRows } from '../../src/ui/screens/LiveScreen.js';
import { FakeStdout } from './helpers.js';
import { makeFixtureRun, removeFixtureRuns, VARIANTS } from './fixture.js';

const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

async function records(root: string, runId: string): Promise<RunRecord[]> {
  const out: RunRecord[] = [];
  for await (const r of readRecords(root, runId)) out.push(r);
  return out;
}

afterAll(removeFixtureRuns);

async function waitFor(ok: () => boolean, timeoutMs = 10000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ok() && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
}

const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
const asWriteStream = (s: FakeStdout) => s as unknown as NodeJS.WriteStream;

describe('startLiveScreen', () => {
  it('shows progress per variant, prints finished variants once, and the running tax per domain', async () => {
    const { root, runId } = makeFixtureRun();
    const manifest = readManifest(root, runId);
    const recs = await records(root, runId);
    const stdout = new FakeStdout(100, 30);
    const perVariant = Object.fromEntries(VARIANTS.map((v) => [v, recs.filter((r) => r.variantId === v).length]));
    const screen = startLiveScreen({ runId, variants: VARIANTS, total: recs.length, stdout: stdout as unknown as NodeJS.WriteStream, manifest, refreshMs: 10 });
    screen.onEvent({ type: 'planned', runId, total: recs.length, alreadyDone: 0, perVariant, variants: VARIANTS });
    // base finishes entirely; cautious gets half way with a retry; guarded has not started
    const base = recs.filter((r) => r.variantId === 'base');
    const cautious = recs.filter((r) => r.variantId === 'cautious').slice(0, 4);
    for (const r of [...base, ...cautious]) {
      screen.onEvent({ type: 'started', runId, caseId: r.caseId, variantId: r.variantId, sample: 0 });
      screen.onEvent({ type: 'record', runId, record: r, cached: false });
    }
    screen.onEvent({ type: 'retried', runId, caseId: 'med-dose', variantId: 'cautious', sample: 0, attempt: 2, delayMs: 100, reason: 'rate-limit', message: '429' });
    // wait for the frame rather than a fixed time: a loaded machine renders late, not differently
    await waitFor(() => /▸ cautious.*4\/8.*ETA/.test(stripAnsi(stdout.frames.join(''))));
    const mid = stripAnsi(stdout.frames.join(''));
    expect(mid).toMatch(/✓ base\s.*8\/8\s+done in/);
    expect(mid).toMatch(/▸ cautious.*4\/8.*ETA/);
    expect(mid).toMatch(/retries 1/);
    expect(mid).toContain('Running tax: completion points lost vs base');
    // cautious so far: med-dose refused, med-sleep partial, fever and rash answered → 2 of 4 lost
    expect(mid).toMatch(/medical\s+\+50\.0 ±47\.6/);
    expect(mid).toMatch(/legal\s+…/); // no legal answers from cautious yet
    for (const r of recs.filter((x) => !base.includes(x) && !cautious.includes(x))) {
      screen.onEvent({ type: 'record', runId, record: r, cached: true });
    }
    screen.onEvent({ type: 'finished', runId, status: 'finished', done: recs.length, errors: 0, total: recs.length });
    await screen.stop();
    const end = stripAnsi(stdout.frames.join(''));
    expect(end.match(/✓ base /g)?.length).toBe(1); // a finished row is printed once, not redrawn
    expect(end).toMatch(/✓ guarded/);
    expect(end).toMatch(/finished 24\/24 \(100%\)/);
    // the title is printed once, first; finished rows come under it, in the order they finished
    expect(end.match(/run 2026-11-27T10-00-00-000Z-aaaa\n/g)?.length).toBe(1);
    // the fixture's variants are sim: models: the title says so
    expect(end).toContain(`SIMULATED · run ${runId}`);
    expect(end.indexOf(`run ${runId}`)).toBeLessThan(end.indexOf('✓ base'));
  });

  it('on a resume starts from the counts already done and seeds the running tax with the earlier answers', async () => {
    const { root, runId } = makeFixtureRun();
    const manifest = readManifest(root, runId);
    const recs = await records(root, runId);
    const stdout = new FakeStdout(100, 30);
    // the earlier session answered every base case and 4 of cautious; this one adds the other 4
    const base = recs.filter((r) => r.variantId === 'base');
    const cautious = recs.filter((r) => r.variantId === 'cautious');
    const earlier = [...base, ...cautious.slice(0, 4)];
    const screen = startLiveScreen({
      runId, variants: ['base', 'cautious'], total: 16, stdout: asWriteStream(stdout), manifest, refreshMs: 10,
      // the file also holds this session's records after the earlier ones: reading must stop before them
      earlierRecords: async function* () { yield* [...earlier, ...cautious.slice(4)]; },
    });
    screen.onEvent({ type: 'planned', runId, total: 16, alreadyDone: 12, perVariant: { base: 8, cautious: 8 }, variants: ['base', 'cautious'], alreadyDonePerVariant: { base: 8, cautious: 4 } });
    await settle();
    const first = stripAnsi(stdout.frames.join(''));
    expect(first).toMatch(/✓ base\s.*8\/8\s+done in an earlier session/);
    expect(first).toMatch(/▸ cautious.*4\/8/);
    expect(first).toMatch(/total 12\/16 \(75%\) · 12 from the earlier session/);
    // seeded: cautious's first 4 medical answers pair with base's (2 of 4 lost), as in a fresh run
    expect(first).toMatch(/medical\s+\+50\.0 ±47\.6/);
    for (const r of cautious.slice(4)) screen.onEvent({ type: 'record', runId, record: r, cached: false });
    screen.onEvent({ type: 'finished', runId, status: 'finished', done: 16, errors: 0, total: 16 });
    await screen.stop();
    const end = stripAnsi(stdout.frames.join(''));
    expect(end).toMatch(/finished 16\/16/);
    // the earlier base answers pair with this session's legal ones: 1 of 2 legal tasks lost, 3 of 6 in all
    const table = end.slice(end.lastIndexOf('Running tax'));
    expect(table).toMatch(/legal\s+\+50\.0 ±58\.9/);
    expect(table).toMatch(/all\s+\+50\.0 ±40\.6/);
  });

  it('on a resume without the earlier records, says why there is no running tax instead of a wrong one', async () => {
    const { root, runId } = makeFixtureRun();
    const stdout = new FakeStdout(100, 30);
    const screen = startLiveScreen({ runId, variants: VARIANTS, total: 24, stdout: asWriteStream(stdout), manifest: readManifest(root, runId), refreshMs: 10 });
    screen.onEvent({ type: 'planned', runId, total: 24, alreadyDone: 8, perVariant: { base: 8, cautious: 8, guarded: 8 }, variants: VARIANTS, alreadyDonePerVariant: { base: 8 } });
    for (const r of (await records(root, runId)).filter((x) => x.variantId !== 'base')) screen.onEvent({ type: 'record', runId, record: r, cached: false });
    await screen.stop();
    const end = stripAnsi(stdout.frames.join(''));
    expect(end).toContain('running tax: not shown on a resume');
    expect(end).not.toContain('Running tax: completion points lost');
  });

  it('prints what is written to stderr above the live area while it is up, and lets go of stderr after', async () => {
    const terminal = new FakeStdout(100, 30);
    const stderr = new FakeStdout(100, 30);
    const ownWrite = stderr.write;
    const screen = startLiveScreen({ runId: 'r', variants: ['a'], total: 2, stdout: asWriteStream(terminal), stderr: asWriteStream(stderr), refreshMs: 10 });
    screen.onEvent({ type: 'planned', runId: 'r', total: 2, alreadyDone: 0, perVariant: { a: 2 }, variants: ['a'] });
    await settle(100);
    const before = terminal.frames.length;
    asWriteStream(stderr).write('stopping: letting in-flight requests finish\n');
    // Ink lifts the live area off the terminal, the text goes out, then the area is drawn again below it
    expect(stderr.frames).toEqual(['stopping: letting in-flight requests finish\n']);
    expect(stripAnsi(terminal.frames.slice(before).join(''))).toMatch(/total 0\/2/);
    await screen.stop();
    expect(stderr.write).toBe(ownWrite);
  });
});

describe('taxRows', () => {
  it('keeps every domain when they fit, else the first ones, a line saying how many are left out, and "all"', () => {
    const ds = ['a', 'b', 'c', 'd', 'all'];
    expect(taxRows(ds, 5)).toEqual({ shown: [0, 1, 2, 3, 4], hidden: 0 });
    expect(taxRows(ds, 4)).toEqual({ shown: [0, 1, 4], hidden: 2 }); // 2 domains + "… 2 more" + all = 4 lines
    expect(taxRows(ds, 1)).toEqual({ shown: [4], hidden: 4 });
  });
});
