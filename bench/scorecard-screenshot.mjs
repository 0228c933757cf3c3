#!/usr/bin/env node
/**
 * Renders an HTML scorecard and screenshots it in headless Chromium, so a person (or a review bot)
 * can look at what a safety review will see. With no argument it runs the offline demo config
 * (sim: variants) into a temporary results folder and renders its scorecard; with an HTML file it
 * screenshots that file. Also prints the page to PDF to check the print styles.
 *
 *   npm run build && node bench/scorecard-screenshot.mjs [scorecard.html] [--out bench/out]
 *
 * Needs `chromium` on PATH (Debian: apt-get install -y chromium). Chromium runs with a fresh
 * profile, no network services, and is given only a file:// URL.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIdx = args.indexOf('--out');
const outDir = resolve(outIdx >= 0 ? args[outIdx + 1] : join(repo, 'bench', 'out'));
const given = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--out');
const cli = join(repo, 'dist', 'src', 'cli', 'main.js');

function run(cmd, argv, opts = {}) {
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

/** The demo config on sim: variants, run into a scratch folder, its scorecard written to outDir. */
function renderDemoScorecard() {
  if (!existsSync(cli)) throw new Error('dist/ is missing: run `npm run build` first');
  const results = mkdtempSync(join(tmpdir(), 'atax-shot-'));
  try {
    run(process.execPath, [cli, 'run', '--config', join(repo, 'atax.config.yaml'), '--results', results, '--plain']);
    try {
      run(process.execPath, [cli, 'scorecard', 'latest', '--results', results, '--out', outDir, '--format', 'html,md']);
    } catch (err) {
      if (err.status !== 1) throw err; // exit 1 = a gate failed: the scorecard is still written
    }
  } finally {
    rmSync(results, { recursive: true, force: true });
  }
  return join(outDir, 'scorecard.html');
}

function chromium(url, extra) {
  const profile = mkdtempSync(join(tmpdir(), 'atax-chromium-'));
  try {
    run('chromium', [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`, '--hide-scrollbars', ...extra, url,
    ], { timeout: 60_000 });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

mkdirSync(outDir, { recursive: true });
const html = given ? resolve(given) : renderDemoScorecard();
const url = pathToFileURL(html).href;
const png = join(outDir, 'scorecard.png');
const pdf = join(outDir, 'scorecard.pdf');
const started = Date.now();
chromium(url, ['--window-size=1200,5200', `--screenshot=${png}`]);
chromium(url, ['--no-pdf-header-footer', `--print-to-pdf=${pdf}`]);
console.log(`scorecard: ${html}\nscreenshot: ${png}\npdf: ${pdf}\n(${Date.now() - started} ms in Chromium)`);
