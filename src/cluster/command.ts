/**
 * What every task of a sweep on a cluster runs, whatever the scheduler: the same node and goodhart
 * install (absolute paths, on a folder every node sees), the same sweep file and flags, and its own
 * shard folder `<out>/shard-K`, so that a task repeated after a failure continues its own runs.
 */

/** Work split into shards on a cluster (a sweep, a calibration): what every task repeats. */
export interface ShardedWork {
  /** For comments in scripts, e.g. "goodhart sweep quota-vs-review.yaml". */
  title: string;
  /** Absolute paths: the node binary, bin/goodhart.js, the sweep or targets file, the output folder. */
  node: string;
  goodhart: string;
  file: string;
  out: string;
  /** The number of shards (array tasks, job completions). */
  tasks: number;
  /** The flags the command was given (scenario flags; a calibration's own too), passed on as they are. */
  flags: readonly string[];
}

export interface ShardedSweep extends ShardedWork {
  /** False when the merged folder gets no charts/ (--no-charts). */
  charts?: boolean;
}

/** The flags of the merge that ends the sweep. */
export function mergeFlags(sweep: ShardedSweep): string {
  return sweep.charts === false ? ' --no-charts' : '';
}

/** Shard K's folder (K from 1). */
export function shardFolder(out: string, k: number | string): string {
  return `${out}/shard-${k}`;
}

/** A word for a POSIX shell: as it is when it is plainly safe, else in single quotes. */
export function quote(word: string): string {
  return /^[\w./@=:,+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
