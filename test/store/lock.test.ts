import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockHolder, lockPath, releaseLock, takeLock } from '../../src/store/index.js';

describe('run lock', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'atax-lock-'));
    mkdirSync(join(root, 'r1'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('names the live process holding a run, and nobody once released', () => {
    expect(lockHolder(root, 'r1')).toBeUndefined();
    takeLock(root, 'r1');
    expect(lockHolder(root, 'r1')).toBe(process.pid);
    releaseLock(root, 'r1');
    expect(lockHolder(root, 'r1')).toBeUndefined();
  });

  it('ignores the lock of a process that is gone (killed runs can be resumed)', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(lockPath(root, 'r1'), dead.stdout);
    expect(lockHolder(root, 'r1')).toBeUndefined();
  });
});
