/**
 * The flags of `goodhart sweep` and `calibrate` that send the work to a cluster instead of running it here, and their
 * checks: each mistake is one line naming the flag, the value and what is allowed.
 */
import { isAbsolute, relative } from 'node:path';
import type { Argv } from 'yargs';
import { UserError } from '../cli/errors.ts';
import { checkCount } from '../cli/options.ts';
import { SLURM_TIME } from './slurm.ts';

export interface ClusterFlags {
  slurm?: boolean;
  kubernetes?: boolean;
  tasks?: number;
  partition?: string;
  time?: string;
  cpusPerTask?: number;
  sbatchArg?: string[];
  dryRun?: boolean;
  image?: string;
  volumeClaim?: string;
  mount?: string;
}

/** Slurm and Kubernetes both cap arrays well below this; more shards than runs would leave some empty. */
export const MAX_TASKS = 100_000;
export const MAX_CPUS_PER_TASK = 1024;
export const DEFAULT_IMAGE = 'node:20-bookworm-slim';
export const DEFAULT_VOLUME_CLAIM = 'goodhart';

/**
 * The cluster flags of a command that runs `what` ("sweep", "calibration"); Kubernetes only where the
 * command can run there (`kubernetes`).
 */
export function clusterOptions<T>(yargs: Argv<T>, what = 'sweep', kubernetes = true) {
  const slurm = yargs
    .option('slurm', { type: 'boolean', describe: `Submit the ${what} to Slurm as an array job of --tasks shards and a job that joins them`, group: 'Cluster:' })
    .option('tasks', { type: 'number', describe: kubernetes ? 'Shards: Slurm array tasks or Kubernetes completions' : 'Shards: Slurm array tasks', requiresArg: true, group: 'Cluster:' })
    .option('cpus-per-task', { type: 'number', default: 1, describe: 'CPUs per task, each running that many worker threads', requiresArg: true, group: 'Cluster:' })
    .option('partition', { type: 'string', describe: 'Slurm partition (queue)', requiresArg: true, group: 'Cluster:' })
    .option('time', { type: 'string', describe: 'Slurm wall time per task, e.g. 02:00:00', requiresArg: true, group: 'Cluster:' })
    .option('sbatch-arg', { type: 'string', array: true, describe: 'Another #SBATCH option, written as --sbatch-arg=--account=proj1 (repeatable)', requiresArg: true, group: 'Cluster:' })
    .option('dry-run', { type: 'boolean', default: false, describe: 'Write and print the Slurm scripts without submitting them', group: 'Cluster:' });
  const all = kubernetes
    ? slurm
        .option('kubernetes', { type: 'boolean', describe: `Write a Kubernetes Indexed Job of --tasks shards (printed, not applied)`, group: 'Cluster:' })
        .option('image', { type: 'string', default: DEFAULT_IMAGE, describe: 'Kubernetes: a container image with Node 20', requiresArg: true, group: 'Cluster:' })
        .option('volume-claim', { type: 'string', default: DEFAULT_VOLUME_CLAIM, describe: 'Kubernetes: the PersistentVolumeClaim of the shared folder', requiresArg: true, group: 'Cluster:' })
        .option('mount', { type: 'string', describe: `Kubernetes: the shared folder (holding the install, the ${what} file and --out), mounted at the same path in the pods`, requiresArg: true, group: 'Cluster:' })
    : slurm;
  return all.check((argv) => {
    const flags = argv as ClusterFlags;
    if (flags.slurm || flags.kubernetes) return true;
    // Without a scheduler these would be ignored: say so rather than run the whole thing here.
    const given: string[] = ['tasks', 'partition', 'time', 'sbatch-arg', 'mount'].filter((flag) => argv[flag] !== undefined);
    if (flags.dryRun) given.push('dry-run');
    if (given.length > 0) throw new UserError(`--${given[0]} goes with --slurm${kubernetes ? ' or --kubernetes' : ''}, to run the ${what} on a cluster`);
    return true;
  });
}

/** Checks the flags that every scheduler shares; returns the number of tasks. */
export function checkClusterFlags(flags: ClusterFlags & { shard?: string }, what = 'sweep'): number {
  if (flags.slurm && flags.kubernetes) throw new UserError('--slurm and --kubernetes: choose one');
  if (flags.shard !== undefined) throw new UserError('--shard: each task of a cluster job chooses its own shard; give --tasks N instead');
  if (flags.tasks === undefined) throw new UserError(`--tasks: how many shards to split the ${what} into (1 to ${MAX_TASKS}) is needed with --${flags.slurm ? 'slurm' : 'kubernetes'}`);
  checkCount('tasks', flags.tasks, 1, MAX_TASKS);
  checkCount('cpus-per-task', flags.cpusPerTask, 1, MAX_CPUS_PER_TASK);
  return flags.tasks;
}

/** Slurm's values go into #SBATCH lines, which know no quoting: refuse what would break them. */
export function checkSlurmFlags(flags: ClusterFlags, out: string): void {
  if (flags.partition !== undefined && !/^[\w.,-]+$/.test(flags.partition)) {
    throw new UserError(`--partition must be a partition name (letters, digits, . _ - and commas), got ${JSON.stringify(flags.partition)}`);
  }
  if (flags.time !== undefined && !SLURM_TIME.test(flags.time)) {
    throw new UserError(`--time must be a Slurm time: minutes, HH:MM:SS or D-HH:MM:SS, e.g. 02:00:00, got ${JSON.stringify(flags.time)}`);
  }
  for (const arg of flags.sbatchArg ?? []) {
    if (!/^--?\w[^\n]*$/.test(arg)) throw new UserError(`--sbatch-arg must be one sbatch option starting with -, e.g. --sbatch-arg=--account=proj1, got ${JSON.stringify(arg)}`);
  }
  if (/[\s%]/.test(out)) throw new UserError(`--out ${out}: Slurm log paths cannot hold spaces or %; choose a folder without them`);
}

/** Kubernetes mounts one shared folder: the install, the sweep file and the output folder must be in it. */
export function checkKubernetesFlags(flags: ClusterFlags, paths: Record<string, string>): string {
  const mount = flags.mount;
  if (mount === undefined) throw new UserError('--mount is needed with --kubernetes: the shared folder that holds the goodhart install, the sweep file and --out');
  if (!isAbsolute(mount)) throw new UserError(`--mount must be an absolute path, got ${JSON.stringify(mount)}`);
  for (const [what, path] of Object.entries(paths)) {
    const rest = relative(mount, path);
    if (rest.startsWith('..') || isAbsolute(rest)) throw new UserError(`--mount ${mount}: ${what} (${path}) is not inside it; the pods see only the mounted folder`);
  }
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(flags.volumeClaim ?? '')) {
    throw new UserError(`--volume-claim must be a Kubernetes name (lower-case letters, digits, - and .), got ${JSON.stringify(flags.volumeClaim)}`);
  }
  return mount;
}
