import { createWriteStream, readFileSync, existsSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Command } from 'commander';
import { UserError, environmentError } from '../errors.js';
import { outputFile } from './out-path.js';
import { parseCsvText } from '../table-text.js';
import { classifyText } from '../classify/index.js';
import { humanClass, outcomeClass } from '../classify/agreement.js';
import { readTable, cell, rowKind } from '../classify/table-input.js';
import { renderSummary, summarise, type HedgeLabel, type LabelledRow } from '../classify/summary.js';

export interface ClassifyOptions {
  in: string;
  out?: string;
  labelColumn?: string;
  hedgeLabels?: string;
  promptColumn: string;
  completionColumn: string;
}

/**
 * `atax classify`: labels every row of a CSV/JSONL file of (prompt, completion) pairs, streaming,
 * one JSON line per row in input order: the other columns passed through, plus outcome, hedges,
 * signals, by and confidence. With --label-column it compares with human labels and prints the
 * agreement (then the JSON lines go only to --out, if given).
 */
export async function runClassify(opts: ClassifyOptions, stdout: NodeJS.WritableStream): Promise<number> {
  const hedgeLabels = opts.hedgeLabels ? readHedgeLabels(opts.hedgeLabels) : undefined;
  const comparing = opts.labelColumn !== undefined || hedgeLabels !== undefined;
  const file = opts.out ? await openOutput(outputFile(opts.out)) : undefined;
  const sink: NodeJS.WritableStream | undefined = file ?? (comparing ? undefined : stdout);
  const labelled: LabelledRow[] = [];
  let rows = 0;
  try {
    for await (const { row, line } of readTable(opts.in)) {
      const text = cell(row, opts.completionColumn);
      if (text === undefined) throw new UserError(`${opts.in}:${line}: no "${opts.completionColumn}" column`, `the input needs "${opts.promptColumn}" and "${opts.completionColumn}" columns (or name them with --prompt-column / --completion-column)`);
      const prompt = cell(row, opts.promptColumn);
      // a kind (or XSTest's safe / unsafe) column tells the rules what was asked: a task or a probe
      const v = classifyText({ prompt, text, kind: rowKind(row) });
      rows++;
      if (sink) {
        const rest = Object.fromEntries(Object.entries(row).filter(([k]) => k !== opts.promptColumn && k !== opts.completionColumn));
        const ok = sink.write(JSON.stringify({ ...rest, outcome: v.outcome, hedges: v.hedges, signals: v.signals, by: 'rules', confidence: v.confidence }) + '\n');
        if (!ok) await once(sink, 'drain');
      }
      if (comparing) {
        const label = opts.labelColumn ? cell(row, opts.labelColumn) : undefined;
        if (opts.labelColumn && label === undefined) throw new UserError(`${opts.in}:${line}: no "${opts.labelColumn}" column`, 'name the column holding the human labels with --label-column');
        labelled.push({ model: cell(row, 'model'), id: cell(row, 'id'), human: label === undefined ? undefined : humanClass(label), predicted: outcomeClass(v.outcome), hedged: v.outcome === 'hedged' });
      }
    }
  } finally {
    if (file) { file.end(); await once(file, 'close'); }
  }
  if (rows === 0) throw new UserError(`${opts.in}: no rows`, 'the file needs a header row and at least one row (CSV) or one JSON object per line (JSONL)');
  if (comparing) stdout.write(renderSummary(summarise(labelled, hedgeLabels)));
  return 0;
}

/** Opens the --out file, waiting for the open so a failure is an error here, not an unhandled event. */
async function openOutput(file: string): Promise<WriteStream> {
  const stream = createWriteStream(file);
  try {
    await once(stream, 'open');
  } catch (err) {
    throw environmentError(err) ?? new UserError(`--out ${file}: cannot write (${(err as NodeJS.ErrnoException).code ?? String(err)})`, 'choose a file you may write');
  }
  // a later write failure (a full disk) rejects the pending drain/close wait instead of crashing
  stream.on('error', () => {});
  return stream;
}

/** The hedging labels file: columns model, id, hedged (1/0, true/false, yes/no). */
export function readHedgeLabels(file: string): HedgeLabel[] {
  if (!existsSync(file)) throw new UserError(`hedge labels file not found: ${file}`, 'pass --hedge-labels with a CSV of model,id,hedged');
  const { rows } = parseCsvText(readFileSync(file, 'utf8'), file);
  return rows.map(({ line, record: r }) => {
    if (r.model === undefined || r.id === undefined || r.hedged === undefined) throw new UserError(`${file}:${line}: needs columns model, id and hedged`, 'add a header row: model,id,hedged');
    const h = r.hedged.trim().toLowerCase();
    if (!['1', '0', 'true', 'false', 'yes', 'no'].includes(h)) throw new UserError(`${file}:${line}: hedged must be 1 or 0, got "${r.hedged}"`, 'use 1 for hedged, 0 for not hedged');
    return { model: r.model, id: r.id, hedged: h === '1' || h === 'true' || h === 'yes' };
  });
}

export function registerClassify(program: Command): void {
  program
    .command('classify')
    .description('label answers (refused / partial / hedged / complied) from a CSV or JSONL file, and compare with human labels')
    .requiredOption('--in <file>', 'CSV or JSONL with prompt and completion columns (other columns pass through); a kind column (task / probe) or XSTest\'s label column (safe / unsafe) tells partial refusal from full refusal better')
    .option('--out <file>', 'write the JSON lines here (default: stdout, unless comparing with labels)')
    .option('--label-column <name>', 'column with human labels (e.g. final_label): print agreement, κ, per-class precision/recall, confusion')
    .option('--hedge-labels <file>', 'CSV with model,id,hedged: add hedging precision/recall/F1')
    .option('--prompt-column <name>', 'column holding the prompt', 'prompt')
    .option('--completion-column <name>', 'column holding the answer', 'completion')
    .addHelpText('after', '\nExamples:\n  atax classify --in answers.csv --out labelled.jsonl\n  atax classify --in test/fixtures/xstest/completions-dev.csv --label-column final_label \\\n    --hedge-labels test/fixtures/hedging/labels-dev.csv')
    .action(async (opts: ClassifyOptions) => {
      process.exitCode = await runClassify(opts, process.stdout);
    });
}
