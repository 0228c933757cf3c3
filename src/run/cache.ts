import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Completion, Message, Params } from '../core/index.js';
import { hashValue } from './hash.js';

export interface CacheKeyParts {
  /** the provider id, `backend:model` */
  provider: string;
  /** the endpoint (options.baseUrl): two servers can serve different models under one name */
  endpoint?: string;
  params: Params;
  messages: Message[];
  /** sample index: samples at temperature > 0 are distinct answers, not repeats of one */
  sample: number;
}

export const cacheKey = (parts: CacheKeyParts): string =>
  hashValue({ provider: parts.provider, endpoint: parts.endpoint ?? null, params: parts.params, messages: parts.messages, sample: parts.sample });

/**
 * Content-addressed completions under results/.cache/ab/abcdef….json. Shared by every run in a
 * results folder, so re-running a config (or resuming one) does not pay twice for the same answer.
 * Error completions are never stored: a failure should be retried next time, not replayed.
 */
export class CompletionCache {
  private readonly made = new Set<string>();
  constructor(readonly dir: string) {}

  private file(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  async get(key: string): Promise<Completion | undefined> {
    let text: string;
    try {
      text = await readFile(this.file(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const c = JSON.parse(text) as Completion;
      if (typeof c.text !== 'string' || c.error) return undefined;
      return { ...c, cached: true };
    } catch {
      return undefined; // a torn entry from a crash is a miss
    }
  }

  async put(key: string, completion: Completion): Promise<void> {
    if (completion.error) return;
    const sub = join(this.dir, key.slice(0, 2));
    if (!this.made.has(sub)) {
      await mkdir(sub, { recursive: true });
      this.made.add(sub);
    }
    const { cached: _cached, ...stored } = completion;
    // write then rename: readers (another run sharing the folder) never see half an entry
    const tmp = `${this.file(key)}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
    await writeFile(tmp, JSON.stringify(stored));
    await rename(tmp, this.file(key));
  }
}
