import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The package's root folder (where package.json says "alignment-tax"), found by walking up from
 * this module: src/suite under vitest and tsx, dist/src/suite when built and installed.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'alignment-tax') return (cached = dir);
      } catch { /* not ours: keep walking */ }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('alignment-tax: cannot find the package root above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** Absolute path of the packaged offline demo config. */
export function demoConfigPath(): string {
  return join(packageRoot(), 'atax.config.yaml');
}
