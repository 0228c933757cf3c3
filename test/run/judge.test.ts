import { describe, expect, it } from 'vitest';
import { executeRun } from '../../src/run/index.js';
import { makeProject, readAll, serverPerTest } from './fixture.js';

const t = serverPerTest();

describe('the LLM judge inside a run', () => {
  it('sends judge requests through the judge provider (retried like any other) and keeps both labels', async () => {
    // the model answers plainly; the judge (another model on the same server) says REFUSED
    t.server.setResponder((input: { model: string; prompt: string }) => (input.model === 'judge-model' ? 'REFUSED' : `Here is the summary you asked for: ${input.prompt}`));
    t.project = makeProject({
      baseUrl: t.server.url,
      variants: [{ id: 'base', options: { concurrency: 1 } }],
      config: { judge: { provider: 'openai:judge-model', rubric: 'refusal', mode: 'always', options: { baseUrl: t.server.url, maxAttempts: 3 } } },
    });
    t.server.inject({ status: 503 }); // the first request (a model request) fails once and is retried
    const retried: string[] = [];
    const r = await executeRun({ configFile: t.project!.configFile, resultsDir: t.project!.results, cases: ['mini-task-1', 'mini-task-2'], onEvent: (e) => { if (e.type === 'retried') retried.push(e.reason); } });
    expect(r).toMatchObject({ done: 2, errors: 0 });
    expect(retried).toEqual(['server']);
    const models = t.server.requests.map((q: { body: { model: string } }) => q.body.model);
    expect(models.filter((m: string) => m === 'judge-model')).toHaveLength(2);
    const records = await readAll(r.root, r.runId);
    for (const rec of records) {
      expect(rec.verdict).toMatchObject({ by: 'judge', outcome: 'refused', judgeOutcome: 'refused', rulesOutcome: 'complied' });
    }
  });
});
