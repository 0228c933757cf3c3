// Tokens and dollars end to end: a priced run against local servers, its records, and its report.
import { afterEach, describe, expect, it } from 'vitest';
import { executeRun } from '../../src/run/index.js';
import { buildReportFromFile } from '../../src/report/report-file.js';
import { readManifest, recordsPath } from '../../src/store/index.js';
import { costLines } from '../../src/cost/text.js';
import { startGenericServer, startOpenAIServer } from '../servers/index.mjs';
import { makeProject, readAll } from '../run/fixture.js';

const MINI = 12;
const servers: Array<{ close: () => Promise<void> }> = [];
let project: ReturnType<typeof makeProject> | undefined;
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  project?.cleanup();
  project = undefined;
});

describe('cost of a run', () => {
  it('prices every fresh answer, estimates usage a provider omits (marked), and reports tokens and dollars per variant', async () => {
    const openai = await startOpenAIServer();
    const generic = await startGenericServer(); // the http: provider reads no usage
    servers.push(openai, generic);
    project = makeProject({
      baseUrl: openai.url,
      variants: [
        { id: 'base' },
        { id: 'plain', provider: 'http:echo', options: { url: generic.url, body: { prompt: '{{prompt}}' }, responsePath: 'result.text' } },
      ],
      config: { pricing: { 'openai:test-model': { input: 2, output: 10 } } },
    });
    const r = await executeRun({ configFile: project.configFile, resultsDir: project.results });
    const records = await readAll(r.root, r.runId);
    const base = records.filter((x) => x.variantId === 'base');
    const plain = records.filter((x) => x.variantId === 'plain');
    for (const x of base) {
      const u = x.completion.usage!;
      expect(u.estimated).toBeUndefined();
      expect(x.completion.cost).toBeCloseTo((u.inputTokens! * 2 + u.outputTokens! * 10) / 1e6, 12);
    }
    expect(plain.every((x) => x.completion.usage?.estimated === true && x.completion.usage.outputTokens! > 0)).toBe(true);
    expect(plain.every((x) => x.completion.cost === undefined)).toBe(true); // no price for http:echo

    const report = await buildReportFromFile(recordsPath(r.root, r.runId), readManifest(r.root, r.runId));
    const cost = report.cost!;
    const b = cost.variants.find((v) => v.variant === 'base')!;
    expect(b.answers).toBe(MINI);
    expect(b.inputTokens).toBe(base.reduce((n, x) => n + x.completion.usage!.inputTokens!, 0));
    expect(b.cost).toBeCloseTo(base.reduce((n, x) => n + x.completion.cost!, 0), 12);
    expect(b.halfWidth).toBeGreaterThan(0); // the baseline's completion interval
    const p = cost.variants.find((v) => v.variant === 'plain')!;
    expect(p).toMatchObject({ answers: MINI, estimated: MINI, cost: null });
    expect(cost.total.cost).toBeCloseTo(b.cost!, 12);
    expect(cost.total.inputTokens).toBe(b.inputTokens + p.inputTokens);
    const lines = costLines(cost);
    expect(lines[0]).toMatch(/^base: .* in \+ .* out tokens · \$/);
    expect(lines[1]).toMatch(/^plain: .*all estimated.* · no price in the config/);
    expect(lines.at(-1)).toMatch(/^run: /);
  });

  it('does not charge answers served from the request cache again', async () => {
    const openai = await startOpenAIServer();
    servers.push(openai);
    project = makeProject({ baseUrl: openai.url, variants: [{ id: 'base' }], config: { pricing: { 'openai:test-model': { input: 2, output: 10 } } } });
    await executeRun({ configFile: project.configFile, resultsDir: project.results });
    const again = await executeRun({ configFile: project.configFile, resultsDir: project.results });
    const report = await buildReportFromFile(recordsPath(again.root, again.runId), readManifest(again.root, again.runId));
    expect(report.cost!.variants[0]).toMatchObject({ answers: MINI, cached: MINI, cost: null });
    expect(report.cost!.variants[0].inputTokens).toBeGreaterThan(0);
  });
});
