import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { currentLabels, readLabels, runDir } from '../../src/store/index.js';
import { makeFixtureRun, removeFixtureRuns } from '../ui/fixture.js';

/**
 * Labels survive a kill mid-labelling (issue 10 §4): the built `atax label` runs in a real terminal
 * (a private tmux server), three labels are keyed, and the process is killed with SIGKILL, which
 * no handler can intercept. Every label keyed must be in labels.jsonl. Skipped only without tmux.
 */
const root = resolve(import.meta.dirname, '../..');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const sock = `atax-label-kill-${process.pid}`;
const tmux = (...args: string[]) => spawnSync('tmux', ['-L', sock, ...args], { encoding: 'utf8' });
const screen = () => tmux('capture-pane', '-p', '-t', 'label').stdout ?? '';

async function waitForScreen(ok: (s: string) => boolean, what: string): Promise<string> {
  const until = Date.now() + 15_000;
  for (;;) {
    const s = screen();
    if (ok(s)) return s;
    if (Date.now() > until) throw new Error(`never saw ${what}; screen:\n${s}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterAll(() => {
  tmux('kill-server');
  removeFixtureRuns();
});

describe.skipIf(!hasTmux)('atax label killed mid-labelling', () => {
  it('keeps every label already keyed', async () => {
    // uses dist/ as it is; built only when the label command is missing (tsc emits despite errors elsewhere)
    if (!existsSync(resolve(root, 'dist/src/cli/label.js'))) spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
    const { root: results, runId } = makeFixtureRun();
    // exec: the pane's process is the CLI itself, so the kill hits it and not a shell
    const cmd = `exec node ${resolve(root, 'dist/src/cli/main.js')} label ${runId} --results ${results} --reviewer kim --per-variant 3`;
    expect(tmux('new-session', '-d', '-s', 'label', '-x', '100', '-y', '30', cmd).status).toBe(0);
    const pid = Number(tmux('list-panes', '-t', 'label', '-F', '#{pane_pid}').stdout.trim());
    await waitForScreen((s) => s.includes('answer 1/9'), 'the first answer');
    for (const [key, next] of [['r', 2], ['c', 3], ['h', 4]] as const) {
      tmux('send-keys', '-t', 'label', key);
      await waitForScreen((s) => s.includes(`answer ${next}/9`), `answer ${next}/9`);
    }
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).toContain('label');
    process.kill(pid, 'SIGKILL');
    await waitForScreen(() => !existsSync(`/proc/${pid}`), 'the process gone');
    const labels = readLabels(runDir(results, runId));
    expect(labels.map((l) => l.label)).toEqual(['refused', 'complied', 'hedged']);
    expect(labels.every((l) => l.reviewer === 'kim' && l.source === 'tui' && l.stratum && l.inclusionProb && l.outcome)).toBe(true);
    expect(currentLabels(labels).size).toBe(3);
  }, 60_000);
});
