import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync, rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { startOpenAIServer } from '../servers/openai.mjs';
import type { TaxReport } from '../../src/core/index.js';
import { listRunIds, recordsPath, reportPath } from '../../src/store/index.js';
import { loadReport } from '../../src/report/report-file.js';
import { afterRun } from '../../src/cli/after-run.js';
import { runFromCli, type CliIo } from '../../src/cli/run.js';
import { makeProject } from '../run/fixture.js';

type Server = Awaited<ReturnType<typeof startOpenAIServer>>;

function captureIo(): CliIo & { text: () => string } {
  const out = new PassThrough();
  let text = '';
  out.on('data', (d: Buffer) => { text += d.toString(); });
  const err = new PassThrough();
  err.resume();
  return { out: out as unknown as NodeJS.WriteStream, err, stdin: new PassThrough() as unknown as NodeJS.ReadStream, text: () => text };
}

const withoutCreatedAt = (r: TaxReport) => ({ ...JSON.parse(JSON.stringify(r)), createdAt: undefined });

let server: Server;
let project: ReturnType<typeof makeProject>;
beforeEach(async () => { server = await startOpenAIServer({ record: false }); });
afterEach(async () => {
  await server.close();
  project?.cleanup();
});

describe('the report at the end of `atax run`', () => {
  it('built from the record events equals the one built from records.jsonl (createdAt aside)', async () => {
    project = makeProject({ baseUrl: server.url, config: { samples: 2 } });
    const io = captureIo();
    expect(await runFromCli({ configFile: project.configFile, resultsDir: project.results, plain: true, neverAsk: true }, io)).toBe(0);
    const [runId] = listRunIds(project.results);
    const written = JSON.parse(readFileSync(reportPath(project.results, runId), 'utf8')) as TaxReport;
    const { report: fromFile } = await loadReport(project.results, runId);
    expect(fromFile.rows.length).toBeGreaterThan(0);
    expect(withoutCreatedAt(written)).toEqual(withoutCreatedAt(fromFile));
  }, 60_000);

  it('afterRun given a report prints and writes it without reading records.jsonl', async () => {
    project = makeProject({ baseUrl: server.url });
    expect(await runFromCli({ configFile: project.configFile, resultsDir: project.results, plain: true, neverAsk: true }, captureIo())).toBe(0);
    const [runId] = listRunIds(project.results);
    const { report } = await loadReport(project.results, runId);
    const fromFile = captureIo();
    await afterRun(project.results, runId, fromFile.out, { color: false });
    rmSync(recordsPath(project.results, runId));
    rmSync(reportPath(project.results, runId));
    const given = captureIo();
    await afterRun(project.results, runId, given.out, { color: false, report });
    expect(given.text()).toBe(fromFile.text());
    expect(given.text()).toContain(runId);
    expect(JSON.parse(readFileSync(reportPath(project.results, runId), 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
  }, 60_000);
});
