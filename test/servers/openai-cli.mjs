#!/usr/bin/env node
// Runs the OpenAI-compatible test server as its own process (for benchmarks and process-level tests):
//   node test/servers/openai-cli.mjs [--port N] [--delay-ms N] [--record]
// Prints its base URL (http://127.0.0.1:PORT/v1) on one line, then serves until SIGTERM or SIGINT.
// Requests are not recorded unless --record is given, so memory stays flat over long benchmarks.
import { startOpenAIServer } from './openai.mjs';

/** @param {string[]} argv */
function parseArgs(argv) {
  const opts = { port: 0, delayMs: 0, record: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${arg} needs a non-negative integer`);
      return n;
    };
    if (arg === '--port') opts.port = value();
    else if (arg === '--delay-ms') opts.delayMs = value();
    else if (arg === '--record') opts.record = true;
    else throw new Error(`unknown argument ${arg}; usage: openai-cli.mjs [--port N] [--delay-ms N] [--record]`);
  }
  return opts;
}

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`${/** @type {Error} */ (err).message}\n`);
  process.exit(2);
}
const server = await startOpenAIServer(opts);
process.stdout.write(`${server.url}\n`);
const stop = () => { server.close().then(() => process.exit(0)); };
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
