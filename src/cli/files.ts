/**
 * Writing results: every file goes to a temporary name in its own folder, is flushed, then renamed,
 * so no reader ever sees a half-written file; and an output folder is checked for writability before
 * any work starts.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UserError } from './errors.ts';

/**
 * Creates a folder and its missing parents one level at a time. (Node's recursive mkdir never
 * returns for some paths under /proc, so it is not used.)
 */
export function makeFolder(folder: string): void {
  const missing: string[] = [];
  for (let path = resolve(folder); !existsSync(path); path = dirname(path)) {
    missing.push(path);
    if (dirname(path) === path) break;
  }
  for (const path of missing.reverse()) mkdirSync(path);
}

/** Writes `content` to `file` atomically (temp file in the same folder, fsync, rename). */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  makeFolder(dirname(file));
  const temp = join(dirname(file), `.${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, file);
}

/** Creates the output folder if needed and proves it can be written, or throws a UserError. */
export function ensureWritableFolder(folder: string, flag = '--out'): void {
  const probe = join(folder, `.goodhart-write-test-${process.pid}`);
  try {
    makeFolder(folder);
    const fd = openSync(probe, 'w');
    closeSync(fd);
    rmSync(probe);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason =
      code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way'
      : code === 'EROFS' ? 'the file system is read-only'
      : code === 'ENOSPC' ? 'the disk is full'
      : code === 'ENOENT' ? 'the folder cannot be created'
      : (error as Error).message;
    throw new UserError(`${flag} ${folder}: cannot write there (${reason}); choose a folder you can write to`);
  }
}
