import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { renderJsonSchema, schemaFile, schemaNames, staleSchemas, type SchemaName } from '../suite/json-schema.js';
import { displayPath } from '../suite/yaml-source.js';

/**
 * `atax schema [name] [--write] [--check]`: the JSON Schemas generated from the zod schemas.
 * No flag prints one schema; --write regenerates schema/*.json; --check exits 1 when they are stale.
 */
export function runSchema(name: string | undefined, opts: { write?: boolean; check?: boolean }, out: NodeJS.WritableStream): number {
  if (opts.write) {
    for (const n of schemaNames) {
      mkdirSync(dirname(schemaFile(n)), { recursive: true });
      writeFileSync(schemaFile(n), renderJsonSchema(n));
      out.write(`wrote ${displayPath(schemaFile(n))}\n`);
    }
    return 0;
  }
  if (opts.check) {
    const stale = staleSchemas();
    if (stale.length === 0) { out.write(`ok: ${schemaNames.length} schemas up to date\n`); return 0; }
    out.write(`stale: ${stale.map((n) => displayPath(schemaFile(n))).join(', ')} (run: atax schema --write)\n`);
    return 1;
  }
  const chosen = (name ?? 'suite') as SchemaName;
  if (!schemaNames.includes(chosen)) throw new UserError(`unknown schema "${name}"`, `choose one of: ${schemaNames.join(', ')}`);
  out.write(renderJsonSchema(chosen));
  return 0;
}

export function registerSchema(program: Command): void {
  program
    .command('schema')
    .description('print or regenerate the JSON Schemas for suites, configs and reports')
    .argument('[name]', `${schemaNames.join(' | ')} (default suite)`)
    .option('--write', 'regenerate schema/*.schema.json from the zod schemas')
    .option('--check', 'exit 1 when the committed schema files are stale')
    .action((name: string | undefined, opts: { write?: boolean; check?: boolean }) => {
      process.exitCode = runSchema(name, opts, process.stdout);
    });
}
