import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { runValidate } from '../../src/cli/validate.js';
import { textSink } from './helpers.js';

const fx = 'test/fixtures/suites';

async function validate(files: string[], opts: { checkKeys?: boolean; env?: NodeJS.ProcessEnv } = { env: {} }) {
  const out = textSink();
  const err = textSink();
  const code = await runValidate(files, opts, out.stream, err.stream);
  return { code, stdout: out.text(), stderr: err.text() };
}

describe('atax validate', () => {
  it('prints one ok line with the counts for a valid config', async () => {
    const r = await validate([`${fx}/good/atax.config.yaml`]);
    expect(r).toEqual({ code: 0, stdout: 'ok: 2 suites, 5 cases (3 tasks, 2 probes), 2 variants\n', stderr: '' });
  });

  it('accepts suite files and configs together, telling them apart by content and counting each suite once', async () => {
    const r = await validate([`${fx}/good/atax.config.yaml`, `${fx}/good/suites/beta.yaml`]);
    expect(r.stdout).toBe('ok: 2 suites, 5 cases (3 tasks, 2 probes), 2 variants\n');
    const suitesOnly = await validate([`${fx}/good/suites/alpha.yaml`, `${fx}/good/suites/beta.yaml`]);
    expect(suitesOnly.stdout).toBe('ok: 2 suites, 5 cases (3 tasks, 2 probes)\n');
  });

  it('lists every problem in every file with its hint and exits 2', async () => {
    const r = await validate([`${fx}/broken/misspelt-key.yaml`, `${fx}/broken/bad-config.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe(`error: ${fx}/broken/bad-config.yaml:6:9: duplicate variant id "base" (first defined at ${fx}/broken/bad-config.yaml:4:9)`);
    expect(lines[1]).toBe('  hint: give every variant a unique id');
    expect(r.stderr).toContain(`error: ${fx}/broken/misspelt-key.yaml:10:5: cases[1]: unknown key "promt" — did you mean "prompt"?\n`);
    expect(r.stderr).toContain('variant "claude" needs the API key variable ANTHROPIC_API_KEY, which is not set');
    expect(lines[lines.length - 1]).toBe('9 problems found');
  });

  it('does not ask for API keys with checkKeys false (--no-check-keys)', async () => {
    const r = await validate([`${fx}/broken/bad-config.yaml`], { checkKeys: false, env: {} });
    expect(r.stderr).not.toContain('ANTHROPIC_API_KEY');
    expect(r.stderr).toContain('4 problems found');
  });

  it('says when a file is neither a suite nor a config', async () => {
    const r = await validate([`${fx}/import/promptfooconfig.yaml`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${fx}/import/promptfooconfig.yaml:1:1: neither a suite nor a config`);
  });
});

describe('atax validate from the built CLI', () => {
  const main = resolve('dist/src/cli/main.js');
  beforeAll(async () => {
    // build only when the built CLI is missing or older than this command (tsc still emits when
    // other files have type errors)
    const help = await promisify(execFile)(process.execPath, [main, 'validate', '--help']).then((r) => r.stdout, () => '');
    if (!help.includes('--no-check-keys')) await promisify(execFile)('npx', ['tsc', '-p', '.']).catch(() => undefined);
  }, 120_000);

  it('exits 2 with the positioned error and no stack trace', async () => {
    const r = await promisify(execFile)(process.execPath, [main, 'validate', `${fx}/broken/misspelt-key.yaml`], { cwd: resolve('.') })
      .then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: ${fx}/broken/misspelt-key.yaml:12:11: cases[2].kind: expected "task" or "probe", got "taks" — did you mean "task"?`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('validates ./atax.config.yaml by default', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [main, 'validate'], { cwd: resolve(`${fx}/good`) });
    expect(stdout).toBe('ok: 2 suites, 5 cases (3 tasks, 2 probes), 2 variants\n');
  });
});
