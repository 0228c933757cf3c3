import { readFileSync } from 'node:fs';

let cached: string | undefined;
/** The package version, read once from package.json (two levels above dist/src/cli or src/cli). */
export function toolVersion(): string {
  if (cached) return cached;
  for (const rel of ['../../../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8'));
      if (pkg.name === 'alignment-tax') return (cached = String(pkg.version));
    } catch { /* try the next location */ }
  }
  return (cached = '0.0.0');
}
