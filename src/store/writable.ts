import { accessSync, constants, mkdirSync } from 'node:fs';
import { environmentError } from '../errors.js';

/**
 * Makes sure a results folder exists and may be written, before a run starts writing into it. A
 * recursive mkdir on a read-only file system can fail with a misleading ENOENT; access(W_OK) names
 * the real reason (EROFS, EACCES), which becomes an exit-3 message with the folder and the fix.
 */
export function ensureWritableFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    try {
      accessSync(dir, constants.W_OK); // the mkdir's own error may be the misleading one
    } catch (real) {
      throw environmentError(real) ?? real;
    }
    throw environmentError(err) ?? err;
  }
}
