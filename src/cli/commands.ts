import type { Command } from 'commander';
import { registerRun } from './run.js';
import { registerDemo } from './demo.js';
import { registerValidate } from './validate.js';
import { registerRuns } from './runs.js';
import { registerClassify } from './classify.js';
import { registerReport } from './report.js';
import { registerImport } from './import.js';
import { registerExport } from './export.js';
import { registerUi } from './ui.js';
import { registerNightly } from './nightly.js';
import { registerBaseline } from './baseline.js';
import { registerHistory } from './history.js';
import { registerScorecard } from './scorecard.js';
import { registerSchema } from './schema.js';

/** Every command, one line each. A new command is one file in src/cli and one line here. */
export function registerCommands(program: Command): void {
  registerRun(program);
  registerDemo(program);
  registerValidate(program);
  registerRuns(program);
  registerClassify(program);
  registerReport(program);
  registerImport(program);
  registerExport(program);
  registerUi(program);
  registerNightly(program);
  registerBaseline(program);
  registerHistory(program);
  registerScorecard(program);
  registerSchema(program);
}
