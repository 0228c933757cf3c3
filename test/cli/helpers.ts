import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';

/** The built CLI (`npx tsc -p .` first): end-to-end tests run it as users do. */
export const CLI = resolve('dist/src/cli/main.js');

export interface Spawned { child: ChildProcess; out: () => string; err: () => string; exit: Promise<number | null> }
export interface CliResult { code: number | null; out: string; err: string }

const running = new Set<ChildProcess>();

/** Starts `atax ARGS` in `cwd` without waiting; output is collected as it arrives. */
export function spawnAtax(args: string[], cwd: string): Spawned {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { err += d; });
  const exit = new Promise<number | null>((res) => child.on('close', (code) => { running.delete(child); res(code); }));
  return { child, out: () => out, err: () => err, exit };
}

/** Runs `atax ARGS` in `cwd` to the end. */
export async function atax(args: string[], cwd: string): Promise<CliResult> {
  const run = spawnAtax(args, cwd);
  const code = await run.exit;
  return { code, out: run.out(), err: run.err() };
}

/** Kills any CLI a test left running (a failed or timed-out test): call from afterEach/afterAll. */
export function stopSpawned(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

/** A writable stream that keeps what is written to it, for commands that take `out`/`err`. */
export function textSink(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d) => { text += d; });
  return { stream, text: () => text };
}
