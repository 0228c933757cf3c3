/**
 * `--out` arguments checked before any work: a folder option given a file, or a file option given
 * a folder, is bad input (exit 2) said in one line; a folder that cannot be created is the
 * environment's failure (exit 3, with the reason and a fix). Never a bare EEXIST or an unhandled
 * stream 'error'.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError, environmentError } from '../errors.js';

/** Resolves a folder `--out`, creating it; returns its absolute path. */
export function outputFolder(path: string, flag = '--out'): string {
  const abs = resolve(path);
  if (existsSync(abs) && !statSync(abs).isDirectory()) {
    throw new UserError(`${flag} must be a folder; ${path} is a file`, `name a folder (created if missing), or remove ${path}`);
  }
  try {
    mkdirSync(abs, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOTDIR' || (err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UserError(`${flag} ${path}: a part of the path is a file, not a folder`, 'choose a folder path whose parents are folders');
    }
    throw environmentError(err) ?? err;
  }
  return abs;
}

/** Checks a file `--out` before it is opened: not a folder, and its folder exists. */
export function outputFile(path: string, flag = '--out'): string {
  const abs = resolve(path);
  if (existsSync(abs) && statSync(abs).isDirectory()) {
    throw new UserError(`${flag} must be a file; ${path} is a folder`, `name a file to write, e.g. ${path.replace(/\/+$/, '')}/out.jsonl`);
  }
  const parent = dirname(abs);
  if (!existsSync(parent)) throw new UserError(`${flag} ${path}: its folder ${parent} does not exist`, 'create the folder first, or write somewhere else');
  if (!statSync(parent).isDirectory()) throw new UserError(`${flag} ${path}: ${parent} is a file, not a folder`, 'choose a path inside a folder');
  return abs;
}
