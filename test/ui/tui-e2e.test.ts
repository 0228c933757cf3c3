import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The real-terminal check: scripts/tui-e2e.sh drives `atax ui` (from dist/) in tmux at 80×24 and
 * 160×48 and asserts on captured panes. Skipped only when tmux is not installed.
 */
const root = resolve(import.meta.dirname, '../..');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;

describe.skipIf(!hasTmux)('atax ui in tmux', () => {
  it('opens, navigates every screen, recomputes a baseline and quits at 80×24 and 160×48', () => {
    // the script uses dist/ as it is; build it only if it is missing (tsc still emits when other files have errors)
    if (!existsSync(resolve(root, 'dist/src/cli/main.js'))) spawnSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'ignore' });
    const r = spawnSync('bash', ['scripts/tui-e2e.sh'], { cwd: root, encoding: 'utf8', timeout: 180_000 });
    expect(r.stdout + r.stderr).toContain('tui-e2e: 0 failure(s)');
    expect(r.status).toBe(0);
  }, 200_000);
});
