/**
 * Writing results: every file goes to a temporary name in its own folder, is flushed to disk, then
 * renamed over the final name, so no reader ever sees a half-written file and a failed write leaves
 * the previous file as it was. An output folder is checked before any work starts: created if need
 * be, and proven writable by writing and flushing a probe file (which fails on a full disk too).
 * Any failure is a UserError naming the file and the reason, never a stack trace. The outputs of a
 * run appear as a set (writeFileSet): all of them, or none new.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
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

/** A file system error in words. */
export function writeErrorReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way'
    : code === 'EROFS' ? 'the file system is read-only'
    : code === 'ENOSPC' ? 'the disk is full'
    : code === 'EDQUOT' ? 'the disk quota is used up'
    : code === 'ENOENT' ? 'the folder cannot be created'
    : (error as Error).message;
}

/** Writes every byte of `data` (one write call may write fewer). */
export function writeAll(fd: number, data: Uint8Array): void {
  for (let written = 0; written < data.length; ) written += writeSync(fd, data, written, data.length - written);
}

/** Removes a file if it is there; a failure to remove it is not worth a second error. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true, recursive: true });
  } catch {
    // The error being reported says what is wrong with the folder.
  }
}

/** Flushes a folder's entries, so that a rename in it survives a power cut. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems cannot flush a folder; the rename is atomic all the same.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes `content` to `file` atomically (temp file in the same folder, fsync, rename), or throws a UserError. */
export function writeFileAtomic(file: string, content: string | Uint8Array): void {
  const folder = dirname(file);
  const temp = join(folder, `.${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  try {
    makeFolder(folder);
    const fd = openSync(temp, 'w');
    try {
      writeAll(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    removeQuietly(temp);
    throw new UserError(`cannot write ${file} (${writeErrorReason(error)}); any earlier version of it is unchanged`);
  }
  syncFolder(folder);
}

/** Creates the output folder if needed and proves it can be written, or throws a UserError. */
export function ensureWritableFolder(folder: string, flag = '--out'): void {
  const probe = join(folder, `.goodhart-write-test-${process.pid}`);
  try {
    makeFolder(folder);
    const fd = openSync(probe, 'w');
    try {
      // A byte written and flushed: creating an empty file succeeds even on a full disk.
      writeAll(fd, Buffer.from('\n'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    rmSync(probe);
  } catch (error) {
    removeQuietly(probe);
    throw new UserError(`${flag} ${folder}: cannot write there (${writeErrorReason(error)}); choose a folder you can write to`);
  }
}

/**
 * Moves every entry of `from` into `to`: a file (or a folder `to` lacks) by one rename, which needs
 * no space on the disk; a folder both have, entry by entry. A file replaces an earlier one atomically.
 */
function moveInto(from: string, to: string): void {
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    const target = join(to, name);
    if (statSync(source).isDirectory() && existsSync(target) && statSync(target).isDirectory()) moveInto(source, target);
    else renameSync(source, target);
  }
  syncFolder(to);
}

/**
 * Writes a set of files under `folder` so that they appear as a set: each is written and flushed into
 * a temporary folder beside them (in `folder`, so on the same disk), and only when every one is
 * written are they renamed into place. A write that fails (a full disk) removes the temporary folder,
 * so the folder holds either the whole new set or nothing new, and earlier files are unchanged.
 */
export function writeFileSet(folder: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  const staging = join(folder, `.goodhart-set-${process.pid}-${Math.random().toString(36).slice(2)}`);
  for (const [file, content] of files) {
    const staged = join(staging, relative(folder, file));
    try {
      makeFolder(dirname(staged));
      const fd = openSync(staged, 'w');
      try {
        writeAll(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      removeQuietly(staging);
      throw new UserError(`cannot write ${file} (${writeErrorReason(error)}); nothing of this run's output was written, and earlier files are unchanged`);
    }
  }
  try {
    moveInto(staging, folder);
  } catch (error) {
    throw new UserError(`cannot move the output into ${folder} (${writeErrorReason(error)}); what could not be moved is in ${staging}`);
  }
  removeQuietly(staging);
}
