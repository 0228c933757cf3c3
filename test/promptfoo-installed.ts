// promptfoo is an optional peer dependency: `.ci/run` installs it, a plain clone's `npm ci` does not.
// Tests that drive the real promptfoo run only when it is there, and say why when they are skipped.
import { promptfooInstalled, PROMPTFOO_INSTALL } from '../providers/promptfoo-module.js';

export const hasPromptfoo = promptfooInstalled();
export const needsPromptfoo = hasPromptfoo ? '' : ` (skipped: promptfoo is not installed; ${PROMPTFOO_INSTALL})`;
if (!hasPromptfoo) console.warn(`promptfoo is not installed: its bridge, import and export tests are skipped (${PROMPTFOO_INSTALL} to run them)`);
