import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderJsonSchema, schemaFile, schemaNames, staleSchemas, yamlSchemaHint } from '../../src/suite/json-schema.js';

const fixtures = 'test/fixtures/suites';

describe('JSON Schemas generated from the zod schemas', () => {
  it('are committed and up to date (run `atax schema --write` after changing src/core)', () => {
    expect(staleSchemas()).toEqual([]);
  });

  it('accept a valid suite and config and reject a misspelt key, as editors will', () => {
    const ajv = new Ajv2020({ strict: false });
    const suite = ajv.compile(JSON.parse(renderJsonSchema('suite')));
    const config = ajv.compile(JSON.parse(renderJsonSchema('config')));
    expect(suite(parse(readFileSync(`${fixtures}/good/suites/alpha.yaml`, 'utf8')))).toBe(true);
    expect(config(parse(readFileSync(`${fixtures}/good/atax.config.yaml`, 'utf8')))).toBe(true);
    expect(suite(parse(readFileSync(`${fixtures}/broken/misspelt-key.yaml`, 'utf8')))).toBe(false);
    expect(JSON.stringify(suite.errors)).toContain('additionalProperties');
  });

  it('cover the three public formats', () => {
    expect(schemaNames).toEqual(['suite', 'config', 'report']);
    for (const name of schemaNames) expect(schemaFile(name)).toMatch(new RegExp(`schema/${name}\\.schema\\.json$`));
  });

  it('give a relative editor hint from where a YAML file is written', () => {
    expect(yamlSchemaHint('suite', schemaFile('suite').replace('schema/suite.schema.json', 'imports/x/suite.yaml')))
      .toBe('# yaml-language-server: $schema=../../schema/suite.schema.json');
  });
});
