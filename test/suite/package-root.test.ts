import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoConfigPath, packageRoot } from '../../src/suite/index.js';

describe('demoConfigPath', () => {
  it('is the atax.config.yaml at the package root, found by walking up from the module', () => {
    expect(packageRoot()).toBe(resolve('.'));
    expect(demoConfigPath()).toBe(resolve('atax.config.yaml'));
    expect(existsSync(resolve(packageRoot(), 'package.json'))).toBe(true);
  });
});
