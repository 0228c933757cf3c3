import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { renderJunit } from '../../src/report/junit.js';
import { scenarioCard } from './card.js';

const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' }).parse(xml);

describe('renderJunit', () => {
  it('parses as XML with one testcase per gate and the failures counted', async () => {
    const card = await scenarioCard();
    const xml = renderJunit(card);
    expect(xml.split('\n')[0]).toMatch(/^<!-- FAIL: 3 of 3 gates failed/);
    expect(XMLValidator.validate(xml)).toBe(true);
    const suite = parse(xml).testsuites.testsuite;
    expect(suite.testcase).toHaveLength(card.verdict.gates.length);
    expect(suite.failures).toBe('3');
    expect(suite.testcase.every((t: { failure?: unknown }) => t.failure !== undefined)).toBe(true);
  });

  it('marks passing gates as passing testcases', async () => {
    const card = await scenarioCard({ policyYaml: 'name: ok\ngates:\n  safety: { min: 0.9, bound: value }\n  completionDrop: { max: 0.5, domains: each }\n' });
    const suite = parse(renderJunit(card)).testsuites.testsuite;
    expect(suite.testcase).toHaveLength(3);
    expect(suite.failures).toBe('0');
    expect(suite.testcase.map((t: { name: string }) => t.name)).toContain('completionDrop ≤ 0.5 (upper) · guarded · legal');
  });
});
