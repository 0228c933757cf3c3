/**
 * Bad input and bad environments: each a located error, exit 2 for input, 3 for the environment,
 * never a stack trace. One test per row of the table in issue 12, each through the built CLI where
 * the row names a command (`npm run build` first).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { startGenericServer } from '../servers/generic.mjs';
import { listRunIds, lockPath, recordsPath } from '../../src/store/index.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { keyCounts, makeProject, readAll } from '../run/fixture.js';
import { scenarioCard } from '../report/card.js';
import { CLI, atax, stopSpawned } from './helpers.js';

const SLOW = 90_000;
let dir = '';
const mounts: string[] = [];

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npm run build)`);
});
afterEach(() => {
  stopSpawned();
  for (const m of mounts.splice(0)) spawnSync('umount', [m]);
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});
afterAll(() => { for (const m of mounts) spawnSync('umount', [m]); });

const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'atax-bad-')));
const noStack = (text: string) => expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);

/** A small tmpfs at `at` (root only); false when this machine does not allow mounting. */
function mountTmpfs(at: string, options: string): boolean {
  mkdirSync(at, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', at]);
  if (r.status !== 0) return false;
  mounts.push(at);
  return true;
}
const canMount = process.platform === 'linux' && process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;

/** A config of simulated variants (no server, no key) over `cases` generated cases. */
function simProject(root: string, cases: number, extra: Record<string, unknown> = {}): string {
  mkdirSync(join(root, 'suites'), { recursive: true });
  const list = Array.from({ length: cases }, (_, i) => ({ id: `c${i}`, kind: i % 2 ? 'probe' : 'task', prompt: `Case ${i}: explain how a checksum works, in detail.` }));
  writeFileSync(join(root, 'suites', 'gen.yaml'), stringify({ id: 'gen', version: 1, domain: 'shell', cases: list }));
  const config = join(root, 'atax.config.yaml');
  writeFileSync(config, stringify({ suites: ['suites/*.yaml'], baseline: 'base', variants: [{ id: 'base', provider: 'sim:frank' }, { id: 'careful', provider: 'sim:cautious' }], ...extra }));
  return config;
}

describe('bad suite files (atax validate)', () => {
  it('a YAML alias bomb: exit 2 at the alias, "aliases expand too far"', async () => {
    fresh();
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [prev, name] of [['a', 'b'], ['b', 'c'], ['c', 'd'], ['d', 'e'], ['e', 'f']]) levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    writeFileSync(join(dir, 'bomb.yaml'), ['id: bomb', 'version: 1', 'domain: d', ...levels, 'cases: *f', ''].join('\n'));
    const r = await atax(['validate', 'bomb.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('bomb.yaml:5:8: aliases expand too far');
    noStack(r.err);
  }, SLOW);

  it('non-UTF-8 bytes: exit 2 at the first bad byte, nothing sent anywhere', async () => {
    fresh();
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from('id: s\nversion: 1\ndomain: d\ncases:\n  - id: c1\n    kind: task\n    prompt: "caf'), Buffer.from([0xe9]), Buffer.from(' au lait"\n')]));
    const r = await atax(['validate', 'latin1.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('latin1.yaml:7:17: not UTF-8 text (byte 0xe9)');
  }, SLOW);

  it('an unclosed quote on line 7: the error is where the quote opens', async () => {
    fresh();
    writeFileSync(join(dir, 'quote.yaml'), 'id: s\nversion: 1\ndomain: d\ncases:\n  - id: c1\n    kind: task\n    prompt: "unclosed quote here\n  - id: c2\n    kind: task\n    prompt: fine\n');
    const r = await atax(['validate', 'quote.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/quote\.yaml:7:13: YAML syntax error: this quoted string is never closed/);
  }, SLOW);

  it('an ELF binary: one line, "not a YAML suite or config"', async () => {
    fresh();
    const elf = Buffer.alloc(4096);
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]).copy(elf);
    for (let i = 64; i < elf.length; i++) elf[i] = (i * 7919) % 256;
    writeFileSync(join(dir, 'a.out.yaml'), elf);
    const r = await atax(['validate', 'a.out.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.err.split('\n').filter((l) => l.startsWith('error:'))).toEqual(['error: a.out.yaml: not a YAML suite or config (a binary file)']);
    expect(r.err.length).toBeLessThan(300);
  }, SLOW);
});

describe('bad output paths', () => {
  it('--out naming an existing file: exit 2, "--out must be a folder; FILE is a file"', async () => {
    const config = simProject(fresh(), 4);
    expect((await atax(['run', '--config', config, '--plain'], dir)).code).toBe(0);
    writeFileSync(join(dir, 'taken.txt'), 'x');
    const r = await atax(['scorecard', 'latest', '--out', 'taken.txt'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--out must be a folder; taken.txt is a file');
    noStack(r.err);
  }, SLOW);

  it('atax classify --out DIR: exit 2, located, no unhandled error event', async () => {
    fresh();
    writeFileSync(join(dir, 'answers.csv'), 'prompt,completion\nhi,Hello there.\n');
    mkdirSync(join(dir, 'outdir'));
    const r = await atax(['classify', '--in', 'answers.csv', '--out', 'outdir'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--out must be a file; outdir is a folder');
    expect(r.err).not.toContain("Unhandled 'error' event");
    noStack(r.err);
  }, SLOW);
});

describe('bad environments', () => {
  it.skipIf(!canMount)('a read-only results folder: exit 3 with the folder, the reason and the fix (needs root to mount; skipped otherwise)', async () => {
    const config = simProject(fresh(), 4);
    const ro = join(dir, 'ro-results');
    expect(mountTmpfs(ro, 'ro,size=64k')).toBe(true);
    const r = await atax(['run', '--config', config, '--plain', '--results', ro], dir);
    expect(r.code).toBe(3);
    expect(r.err).toContain(ro);
    expect(r.err).toContain('read-only file system (EROFS)');
    expect(r.err).toContain('--results DIR');
    noStack(r.err);
  }, SLOW);

  it.skipIf(!canMount)('a disk that fills mid-run: exit 3 "disk full", lock released, resume printed, and the resume completes (needs root to mount a 64 KB tmpfs; skipped otherwise)', async () => {
    const config = simProject(fresh(), 60, { samples: 2 });
    const small = join(dir, 'small');
    expect(mountTmpfs(small, 'size=64k')).toBe(true);
    const r = await atax(['run', '--config', config, '--plain', '--no-cache', '--results', small], dir);
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/error: disk full: cannot write .*small/);
    const [runId] = listRunIds(small);
    expect(r.err).toContain(`resume with: atax run --resume ${runId}`);
    expect(existsSync(lockPath(small, runId))).toBe(false);
    noStack(r.err);
    // room again: the same run, moved to a bigger disk, resumes and ends with every answer once
    const big = join(dir, 'big');
    cpSync(small, big, { recursive: true });
    const again = await atax(['run', '--config', config, '--plain', '--no-cache', '--results', big, '--resume', runId], dir);
    expect(again.code).toBe(0);
    const records = await readAll(big, runId);
    expect(records).toHaveLength(240);
    expect([...keyCounts(records).values()].every((n) => n === 1)).toBe(true);
  }, SLOW);

  it('atax runs into a closed pipe (`atax runs | head`): quiet exit 0', async () => {
    const config = simProject(fresh(), 2);
    expect((await atax(['run', '--config', config, '--plain'], dir)).code).toBe(0);
    const result = await new Promise<{ code: number | null; err: string }>((res) => {
      const child = spawn(process.execPath, [CLI, 'runs'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy(); // the reader is gone before the first line
      let err = '';
      child.stderr.on('data', (d) => { err += d; });
      child.on('close', (code) => res({ code, err }));
    });
    expect(result).toEqual({ code: 0, err: '' });
  }, SLOW);
});

/** The CLI with its own environment, not blocking this process (which serves the requests). */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (status) => res({ status, stdout, stderr }));
  });
}

describe('secrets in a URL template', () => {
  it('an API key with &, spaces and / is URL-encoded in the URL, and redacted everywhere though the server reflects the URL', async () => {
    fresh();
    const key = 'k3y&with spaces/and+slash';
    const urls: string[] = [];
    const server = await startGenericServer({
      // half the answers carry the URL back in their text, the other half in a 500 error message
      responder: (input: { url: string; index: number }) => {
        urls.push(input.url);
        return input.index % 2 ? `You called ${input.url}` : { fault: { status: 500, message: `cannot serve ${input.url}` } };
      },
    });
    try {
      const project = makeProject({ baseUrl: server.url, suites: ['mini'], variants: [{ id: 'base', provider: 'http:gw', options: { url: `${server.url}?key=\${ATAX_TEST_KEY}&x=1`, responsePath: 'result.text' } }], config: { maxAttempts: 1 } });
      cpSync(project.dir, dir, { recursive: true });
      project.cleanup();
      const env = { ...process.env, NO_COLOR: '1', ATAX_TEST_KEY: key };
      const r = await run([CLI, 'run', '--plain', '--max-error-rate', '1'], env);
      expect(r.status).toBe(0);
      // the server received the key intact: encoded, so `&`, ` ` and `/` did not change the query
      expect(urls.length).toBeGreaterThan(0);
      for (const u of urls) {
        const q = new URL(u, 'http://x').searchParams;
        expect(q.get('key')).toBe(key);
        expect(q.get('x')).toBe('1');
      }
      const [runId] = listRunIds(join(dir, 'results'));
      const stored = [readFileSync(recordsPath(join(dir, 'results'), runId), 'utf8'), ...readdirSync(join(dir, 'results', runId)).map((f) => { try { return readFileSync(join(dir, 'results', runId, f), 'utf8'); } catch { return ''; } })].join('\n');
      const printed = r.stdout + r.stderr + (await run([CLI, 'report', runId], env)).stdout;
      for (const form of [key, encodeURIComponent(key), encodeURIComponent(key).replace(/%20/g, '+')]) {
        expect(stored).not.toContain(form);
        expect(printed).not.toContain(form);
      }
      expect(stored).toContain('key=***'); // the reflection is there, the key is not
      const records = await readAll(join(dir, 'results'), runId);
      expect(records.some((x) => x.completion.error?.kind === 'server')).toBe(true);
      expect(records.some((x) => !x.completion.error && x.completion.text.includes('You called'))).toBe(true);
    } finally {
      await server.close();
    }
  }, SLOW);
});

describe('model output in the Markdown scorecard', () => {
  it('a bare \\r is a line break, as in the other formats, never a raw carriage return', async () => {
    const card = await scenarioCard();
    const example = card.examples[0];
    example.answers[0] = { ...example.answers[0], text: 'first line\rsecond line\r\nthird' };
    const md = renderMarkdown(card);
    expect(md).not.toContain('\r');
    expect(md).toContain('first line<br>second line<br>third');
  });
});
