// promptfoo is an optional peer dependency: `.ci/run` installs it, a plain clone's `npm ci` does not.
// Tests that drive the real promptfoo run only when it is there, and say why when they are skipped.
import { promptfooInstalled } from '../providers/promptfoo-module.js';

export const hasPromptfoo = promptfooInstalled();
export const needsPromptfoo = hasPromptfoo ? '' : ' (skipped: promptfoo is not installed; npm run install-promptfoo)';
if (!hasPromptfoo) console.warn('promptfoo is not installed: its bridge, import and export tests are skipped (npm run install-promptfoo to run them)');
