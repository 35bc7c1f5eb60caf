/**
 * Slurm batch scripts for a sweep: an array job whose task K of N runs shard K/N of the sweep into
 * `<out>/shard-K` (with --resume, so a requeued or resubmitted task continues its own shard), and a
 * merge job, submitted to start after every task has succeeded, that joins the shards into `<out>`:
 * the same files as a sweep on one machine. A calibration's are the same two jobs: its shards, then
 * the join. Pure functions from options to the scripts' text.
 */
import { mergeFlags, quote, shardFolder, type ShardedSweep, type ShardedWork } from './command.ts';

export interface SlurmOptions {
  /** Scheduler resources: partition (queue), wall time per task, CPUs per task (= worker threads). */
  partition?: string;
  time?: string;
  cpusPerTask: number;
  /** More `#SBATCH` options, written as given (e.g. --account=proj1, --qos=short). */
  sbatchArgs: readonly string[];
  /** The job name (Slurm shows it in squeue). */
  name: string;
}

/** The folder under `<out>` that holds the scripts and the tasks' logs. */
export const SLURM_FOLDER = 'slurm';
export const SWEEP_SCRIPT = 'sweep.sbatch';
export const MERGE_SCRIPT = 'merge.sbatch';

/** Slurm's time formats: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS. */
export const SLURM_TIME = /^(\d+-\d+(:\d+){0,2}|\d+(:\d+){0,2})$/;

/** The comment that marks a job as this output folder's (squeue -o %k shows it), so that a resubmission can tell its jobs are still queued. */
export function jobComment(out: string): string {
  return `goodhart:${out}`;
}

function resourceLines(options: SlurmOptions, cpus: number): string[] {
  return [
    `#SBATCH --cpus-per-task=${cpus}`,
    ...(options.partition === undefined ? [] : [`#SBATCH --partition=${options.partition}`]),
    ...(options.time === undefined ? [] : [`#SBATCH --time=${options.time}`]),
    ...options.sbatchArgs.map((arg) => `#SBATCH ${arg}`),
  ];
}

/** Where a job's log goes: `<out>/slurm/logs`, which submitting creates (Slurm does not). */
function logFolder(out: string): string {
  return `${out}/${SLURM_FOLDER}/logs`;
}

/** The shape of both array jobs (a sweep's shards, a calibration's): task K of N runs `command`, in which `$K` is its number. */
function arrayJobScript(job: { out: string; tasks: number; log: string; comments: string[]; command: string[] }, options: SlurmOptions): string {
  return [
    '#!/bin/bash',
    ...job.comments.map((line) => `# ${line}`),
    `#SBATCH --job-name=${options.name}`,
    `#SBATCH --comment=${jobComment(job.out)}`,
    `#SBATCH --array=1-${job.tasks}`,
    `#SBATCH --output=${logFolder(job.out)}/${job.log}-%A_%a.out`,
    ...resourceLines(options, options.cpusPerTask),
    'set -euo pipefail',
    'K="$SLURM_ARRAY_TASK_ID"',
    `exec ${job.command.join(' ')}`,
    '',
  ].join('\n');
}

/** The shape of the job that ends both (the merge, the join): one CPU, submitted with afterok on the array job, so a failed task cancels it. */
function finalJobScript(job: { out: string; log: string; comments: string[]; body: string[] }, options: SlurmOptions): string {
  return [
    '#!/bin/bash',
    ...job.comments.map((line) => `# ${line}`),
    `#SBATCH --job-name=${options.name}-${job.log}`,
    `#SBATCH --comment=${jobComment(job.out)}`,
    `#SBATCH --output=${logFolder(job.out)}/${job.log}-%j.out`,
    '#SBATCH --kill-on-invalid-dep=yes',
    ...resourceLines(options, 1),
    'set -euo pipefail',
    ...job.body,
    '',
  ].join('\n');
}

/** The array job: task K runs shard K/N. */
export function slurmSweepScript(sweep: ShardedSweep, options: SlurmOptions): string {
  const command = [
    quote(sweep.node), quote(sweep.goodhart), 'sweep', quote(sweep.file),
    '--out', `${quote(shardFolder(sweep.out, ''))}"$K"`,
    '--shard', `"$K/${sweep.tasks}"`,
    '--workers', String(options.cpusPerTask),
    // A task has no terminal to ask in: the size of the sweep was the submitter's to weigh.
    '--resume', '--yes', ...sweep.flags.map(quote),
  ];
  const comments = [
    `${sweep.title}: a Slurm array job, task K of ${sweep.tasks} runs shard K/${sweep.tasks} into ${shardFolder(sweep.out, 'K')}.`,
    'Written by goodhart sweep --slurm. A task that failed or was pre-empted continues where it',
    `stopped when submitted again alone, e.g. task 3: sbatch --array=3 ${sweep.out}/${SLURM_FOLDER}/${SWEEP_SCRIPT}`,
  ];
  return arrayJobScript({ out: sweep.out, tasks: sweep.tasks, log: 'sweep', comments, command }, options);
}

/** The merge job: joins every shard into `<out>`; merge refuses, naming the missing points, if one is incomplete. */
export function slurmMergeScript(sweep: ShardedSweep, options: SlurmOptions): string {
  const comments = [
    `${sweep.title}: joins the ${sweep.tasks} shards into ${sweep.out}. Written by goodhart sweep --slurm,`,
    'submitted with --dependency=afterok on the array job; a failed task cancels it (kill-on-invalid-dep).',
  ];
  const body = [
    'shards=()',
    `for ((k = 1; k <= ${sweep.tasks}; k++)); do shards+=(${quote(shardFolder(sweep.out, ''))}"$k"); done`,
    `exec ${quote(sweep.node)} ${quote(sweep.goodhart)} merge "\${shards[@]}" --out ${quote(sweep.out)}${mergeFlags(sweep)}`,
  ];
  return finalJobScript({ out: sweep.out, log: 'merge', comments, body }, options);
}

/** A calibration on a cluster: N shards sharing it through their journals in `out`, then the join. */
export type ShardedCalibration = ShardedWork;

export const CALIBRATE_SCRIPT = 'calibrate.sbatch';
export const JOIN_SCRIPT = 'join.sbatch';

/** The array job: task K runs shard K/N of the calibration in `<out>`. */
export function slurmCalibrateScript(calibration: ShardedCalibration, options: SlurmOptions): string {
  const command = [
    quote(calibration.node), quote(calibration.goodhart), 'calibrate', quote(calibration.file),
    '--out', quote(calibration.out),
    '--shard', `"$K/${calibration.tasks}"`,
    '--workers', String(options.cpusPerTask),
    '--resume', '--yes', ...calibration.flags.map(quote),
  ];
  const comments = [
    `${calibration.title}: a Slurm array job, task K of ${calibration.tasks} runs shard K/${calibration.tasks}, sharing the`,
    'calibration with the other tasks through their journals in its folder. Written by goodhart calibrate',
    '--slurm. Tasks need not run at once: the slice of a task that has not started or has stopped is run',
    'by the others, and a task submitted again continues from the journals.',
  ];
  return arrayJobScript({ out: calibration.out, tasks: calibration.tasks, log: 'calibrate', comments, command }, options);
}

/** The join: reads every shard's journal and writes the posterior, diagnostics, checks and calibration.html into `<out>`. */
export function slurmJoinScript(calibration: ShardedCalibration, options: SlurmOptions): string {
  const command = [
    quote(calibration.node), quote(calibration.goodhart), 'calibrate', quote(calibration.file),
    '--out', quote(calibration.out), '--workers', '1', '--resume', '--yes', ...calibration.flags.map(quote),
  ];
  const comments = [
    `${calibration.title}: joins the ${calibration.tasks} shards' journals into ${calibration.out}. Written by goodhart`,
    'calibrate --slurm, submitted with --dependency=afterok on the array job; a failed task cancels it.',
  ];
  return finalJobScript({ out: calibration.out, log: 'join', comments, body: [`exec ${command.join(' ')}`] }, options);
}
