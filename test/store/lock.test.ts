import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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

  it('ignores the lock of a process that is gone (killed runs can be resumed), and takes it over', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(lockPath(root, 'r1'), dead.stdout);
    expect(lockHolder(root, 'r1')).toBeUndefined();
    takeLock(root, 'r1');
    expect(readFileSync(lockPath(root, 'r1'), 'utf8')).toBe(String(process.pid));
  });

  it('refuses a lock a live process holds, naming it, and never removes that lock', () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeFileSync(lockPath(root, 'r1'), String(other.pid));
      expect(() => takeLock(root, 'r1')).toThrow(`run r1 is still running (process ${other.pid})`);
      releaseLock(root, 'r1');
      expect(lockHolder(root, 'r1')).toBe(other.pid);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('of processes racing for one run, exactly one takes it (exclusive create; the built store, `npm run build` first)', async () => {
    const lock = pathToFileURL(resolve('dist/src/store/lock.js')).href;
    const racer = `import(${JSON.stringify(lock)}).then((m) => {
      try { m.takeLock(process.argv[1], 'r1'); process.stdout.write('won'); } catch (e) { process.stdout.write(e.name); }
      setTimeout(() => {}, 60_000); // stay alive (the lock stays live) until the test has every outcome
    });`;
    const children = Array.from({ length: 6 }, () => spawn(process.execPath, ['-e', racer, root]));
    const outcomes = await Promise.all(children.map((child) => new Promise<string>((res) => {
      child.stdout.on('data', (d) => res(String(d)));
      child.on('close', () => res('exited without an outcome'));
    })));
    for (const child of children) child.kill('SIGKILL');
    expect(outcomes.filter((o) => o === 'won')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'UserError')).toHaveLength(5);
  }, 30_000);
});
