import { EventEmitter } from 'node:events';
import { render as inkRender } from 'ink';
import type { ReactElement } from 'react';

export const KEY = {
  up: '\u001B[A', down: '\u001B[B', right: '\u001B[C', left: '\u001B[D',
  enter: '\r', escape: '\u001B', tab: '\t', backspace: '\u007F', pageDown: '\u001B[6~',
};

/** Polls until the last frame satisfies `ok`; fails with the frame it saw (generous: a loaded 2-core machine renders late, not differently). */
export async function waitForFrame(lastFrame: () => string | undefined, ok: (f: string) => boolean, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const f = lastFrame() ?? '';
    if (ok(f)) return f;
    if (Date.now() > until) throw new Error(`frame never matched; last frame:\n${f}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Writes keys one at a time, giving Ink a moment to parse each (a lone Esc is ambiguous otherwise). */
export async function press(stdin: { write(s: string): void }, ...keys: string[]): Promise<void> {
  for (const k of keys) {
    stdin.write(k);
    await new Promise((r) => setTimeout(r, 40));
  }
}

export class FakeStdout extends EventEmitter {
  frames: string[] = [];
  isTTY = true;
  constructor(readonly columns: number, readonly rows: number) { super(); }
  write = (frame: string) => { this.frames.push(frame); return true; };
  lastFrame = () => this.frames[this.frames.length - 1];
}
class FakeStdin extends EventEmitter {
  isTTY = true;
  private queue: string[] = [];
  write = (data: string) => { this.queue.push(data); this.emit('readable'); this.emit('data', data); };
  read = () => this.queue.shift() ?? null;
  setEncoding() {}
  setRawMode() {}
  resume() {}
  pause() {}
  ref() {}
  unref() {}
}

/**
 * ink-testing-library fixes the width at 100 columns; the side-by-side Case layout needs a wider
 * terminal, so this renders through Ink with a fake terminal of the given size (same approach).
 */
export function renderAt(tree: ReactElement, columns: number, rows: number) {
  const stdout = new FakeStdout(columns, rows);
  const stdin = new FakeStdin();
  const inst = inkRender(tree, {
    stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream,
    stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream, debug: true, exitOnCtrlC: false, patchConsole: false,
  });
  return { stdin, lastFrame: stdout.lastFrame, unmount: inst.unmount };
}
