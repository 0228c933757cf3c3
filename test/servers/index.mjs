// Every local test server, for tests that use several.
export { startOpenAIServer } from './openai.mjs';
export { startAnthropicServer } from './anthropic.mjs';
export { startOllamaServer } from './ollama.mjs';
export { startGenericServer } from './generic.mjs';
export { echoResponder, countWords } from './core.mjs';
export { startOpenAIBatchServer, startAnthropicBatchServer } from './batch.mjs';
