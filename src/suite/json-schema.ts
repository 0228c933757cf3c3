/**
 * JSON Schemas generated from the zod schemas (the single source of truth), committed in schema/
 * so editors autocomplete and check suites and configs (`# yaml-language-server: $schema=…`).
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { ConfigSchema, ReportSchema, SuiteSchema } from '../core/index.js';
import { packageRoot } from './package-root.js';

export const schemaNames = ['suite', 'config', 'report'] as const;
export type SchemaName = (typeof schemaNames)[number];

const sources: Record<SchemaName, { schema: z.ZodType; io: 'input' | 'output'; title: string }> = {
  // suites and configs are what people write, so their schema is the input side (defaults optional)
  suite: { schema: SuiteSchema, io: 'input', title: 'alignment-tax suite' },
  config: { schema: ConfigSchema, io: 'input', title: 'alignment-tax config (atax.config.yaml)' },
  // the report is what we write and others read: the output side
  report: { schema: ReportSchema, io: 'output', title: 'alignment-tax TaxReport (report.json)' },
};

export function schemaFile(name: SchemaName): string {
  return join(packageRoot(), 'schema', `${name}.schema.json`);
}

/** The JSON Schema text for one name, exactly as committed (2-space JSON, trailing newline). */
export function renderJsonSchema(name: SchemaName): string {
  const { schema, io, title } = sources[name];
  const json = z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) as Record<string, unknown>;
  const { $schema, ...rest } = json;
  return JSON.stringify({ $schema, title, ...rest }, null, 2) + '\n';
}

/** Names whose committed file differs from what the zod schemas generate now. */
export function staleSchemas(): SchemaName[] {
  return schemaNames.filter((name) => {
    try {
      return readFileSync(schemaFile(name), 'utf8') !== renderJsonSchema(name);
    } catch {
      return true;
    }
  });
}

/** The editor hint line for a YAML file at `yamlFile` (a relative path when one exists, for local editors). */
export function yamlSchemaHint(name: 'suite' | 'config', yamlFile: string): string {
  const dir = join(yamlFile, '..');
  const rel = relative(dir, schemaFile(name)).split('\\').join('/');
  // a path that climbs to the filesystem root says nothing relative: use the absolute one
  const climbs = rel.split('/').filter((p) => p === '..').length;
  const depth = dir.split(/[\\/]/).filter(Boolean).length;
  return `# yaml-language-server: $schema=${climbs >= depth ? schemaFile(name) : rel}`;
}
