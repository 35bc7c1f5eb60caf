/**
 * A folder written by one command at a time: a sweep (or a merge) holds a lock file in its --out
 * folder while it writes there, so that a second sweep started into the same folder is refused
 * instead of mixing its runs with the first one's. The lock is a file created with O_EXCL (only one
 * process can create it) that says who holds it: process id, host, command, start time. A lock left
 * by a process that died on this host is detected (no such process) and taken over safely; on
 * another host (a shared file system) a process cannot be asked, so the message says how to remove it.
 */
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { UserError } from './errors.ts';
import { writeAll, writeErrorReason } from './files.ts';

export const LOCK = '.goodhart.lock';

/**
 * A lock file that cannot be read as JSON is one whose holder stopped between creating and writing it,
 * or is writing it right now; older than this, it is stale.
 */
const UNREADABLE_LOCK_STALE_MS = 60_000;
/** Attempts to take a lock that keeps being released and taken by others before giving up. */
const MAX_ATTEMPTS = 5;

interface Holder {
  pid: number;
  host: string;
  command: string;
  started: string;
}

export interface FolderLock {
  /** Removes the lock if it is still this process's; safe to call twice. */
  release(): void;
}

/** Whether a process of this host is running (or exists but is another user's). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

function readHolder(text: string): Holder | undefined {
  try {
    const value = JSON.parse(text) as Holder;
    return Number.isInteger(value.pid) && typeof value.host === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a lock's holder is known to be gone: a dead process of this host, or an unreadable lock left long ago. */
function stale(file: string, text: string): boolean {
  const holder = readHolder(text);
  if (holder) return holder.host === hostname() && !alive(holder.pid);
  try {
    return Date.now() - statSync(file).mtimeMs > UNREADABLE_LOCK_STALE_MS;
  } catch {
    return true;
  }
}

/**
 * Moves a stale lock aside. Two processes may find the same stale lock: the lock is renamed (which
 * only one of them can do to that file), and if what was moved is not the stale lock read (another
 * process took the lock meanwhile), it is put back.
 */
function takeOver(file: string, staleText: string): void {
  const aside = `${file}.${process.pid}.stale`;
  try {
    renameSync(file, aside);
  } catch {
    return; // gone already: another process took it over
  }
  let moved = '';
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    // unreadable: treated as the stale one
  }
  if (moved !== staleText) {
    try {
      linkSync(aside, file);
    } catch {
      // A lock is there again; whoever holds it goes on.
    }
  }
  rmSync(aside, { force: true });
}

/** Says who holds a lock, for the message refusing a second writer. */
function describeHolder(text: string): string {
  const holder = readHolder(text);
  if (!holder) return 'another goodhart';
  return `another goodhart (${holder.command}, process ${holder.pid} on ${holder.host}, since ${holder.started})`;
}

/**
 * Takes the lock of `folder` for `command` (e.g. "sweep"), or throws a UserError naming who holds it.
 * The lock is released by `release()`, and at the latest when the process exits.
 */
export function lockFolder(folder: string, command: string, flag = '--out'): FolderLock {
  const file = join(folder, LOCK);
  const mine = `${JSON.stringify({ pid: process.pid, host: hostname(), command, started: new Date().toISOString() })}\n`;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    let fd: number;
    try {
      fd = openSync(file, 'wx');
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') {
        throw new UserError(`${flag} ${folder}: cannot create its lock file (${writeErrorReason(error)}); choose a folder you can write to`);
      }
      let text = '';
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue; // released meanwhile: try again
      }
      if (stale(file, text)) {
        takeOver(file, text);
        continue;
      }
      const holder = readHolder(text);
      const elsewhere = holder && holder.host !== hostname() ? ` (if that process is gone, remove ${file})` : '';
      throw new UserError(`${flag} ${folder} is being written by ${describeHolder(text)}; wait for it to finish, or choose another ${flag}${elsewhere}`);
    }
    try {
      writeAll(fd, Buffer.from(mine, 'utf8'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      try {
        if (readFileSync(file, 'utf8') === mine) rmSync(file, { force: true });
      } catch {
        // Gone already.
      }
    };
    process.on('exit', release);
    return { release };
  }
  throw new UserError(`${flag} ${folder}: its lock keeps changing hands; another goodhart is starting there, so choose another ${flag}`);
}
