/**
 * Whether lib/ is older than the sources it is compiled from. Apart from scripts/build.js and
 * importing nothing but node:fs and node:path, so that bin/goodhart.js answers it in a few milliseconds at every
 * start and loads the compiler's side only when lib/ has to be built.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What lib/ is compiled from, besides src/. */
export const INPUTS = ['tsconfig.json', 'tsconfig.build.json', 'package.json'];
/** Written last when lib/ is built: lib/ is complete when it exists. Holds the newest source time that lib/ was built from. */
export const STAMP = '.built-from';

/**
 * The newest modification time (ms) of a folder, its files and the folders below it. A folder's own
 * time counts: it changes when a file is added, removed or renamed in it, which no file's time shows.
 */
function newestIn(folder) {
  let newest = statSync(folder).mtimeMs;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    // Joined by hand: path.join's normalising of every name costs more than all the stats.
    const path = `${folder}/${entry.name}`;
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The newest modification time of the sources of the package at `root` (ms). */
export function newestSource(root) {
  let newest = newestIn(join(root, 'src'));
  for (const file of INPUTS) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

/** The source time lib/ was built from; -1 if lib/ is not (completely) built. */
export function builtFrom(root) {
  try {
    return Number(readFileSync(join(root, 'lib', STAMP), 'utf8'));
  } catch {
    return -1;
  }
}

/** Whether lib/ must be (re)built. */
export function isStale(root) {
  const built = builtFrom(root);
  return built < 0 || built < newestSource(root);
}
