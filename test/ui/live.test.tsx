import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../src/core/index.js';
import { readManifest, readRecords } from '../../src/store/index.js';
import { startLiveScreen } from '../../src/ui/live.js';
import { FakeStdout } from './helpers.js';
import { makeFixtureRun, VARIANTS } from './fixture.js';

const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

async function records(root: string, runId: string): Promise<RunRecord[]> {
  const out: RunRecord[] = [];
  for await (const r of readRecords(root, runId)) out.push(r);
  return out;
}

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
    await new Promise((r) => setTimeout(r, 600));
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
    expect(end).toMatch(/24\/24 \(100%\)/);
  });
});
