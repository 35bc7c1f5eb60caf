/**
 * `goodhart sweep --slurm` and `--kubernetes`: checks the sweep here (a mistake costs nothing in a
 * queue), pins its plan in each shard folder `<out>/shard-K` (a task refuses to run if the sweep file
 * changed meanwhile), writes the scripts into `<out>`, and submits them with sbatch (prints the job
 * ids) unless --dry-run. With --resume only the unfinished shards are submitted again, then a merge.
 * `goodhart calibrate --slurm` likewise submits the shards of a calibration and the job that joins them.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../cli/errors.ts';
import { ensureWritableFolder, makeFolder, writeFileAtomic } from '../cli/files.ts';
import { loadOptions, type ScenarioFlags } from '../cli/options.ts';
import { JOURNAL, PLAN, planJson } from '../cli/sweep-files.ts';
import { PACKAGE_ROOT } from '../cli/version.ts';
import { loadSweep, type SweepPlan } from '../experiment/plan.ts';
import { quote, shardFolder, type ShardedSweep } from './command.ts';
import { kubernetesJob } from './kubernetes.ts';
import { checkClusterFlags, checkKubernetesFlags, checkSlurmFlags, type ClusterFlags } from './options.ts';
import { sweepProgress, type SweepProgress } from './shards.ts';
import { shardJournals, CALIBRATION_JOURNAL } from '../cli/calibrate-journal.ts';
import {
  CALIBRATE_SCRIPT,
  JOIN_SCRIPT,
  jobComment,
  MERGE_SCRIPT,
  SLURM_FOLDER,
  slurmCalibrateScript,
  slurmJoinScript,
  slurmMergeScript,
  slurmSweepScript,
  SWEEP_SCRIPT,
  type ShardedCalibration,
  type SlurmOptions,
} from './slurm.ts';

export interface SubmitArgs extends ScenarioFlags, ClusterFlags {
  file: string;
  out: string;
  resume: boolean;
  shard?: string;
  charts?: boolean;
  quiet: boolean;
}

/** The install every node must run: this very bin/goodhart.js, with this node. */
const GOODHART = fileURLToPath(new URL('bin/goodhart.js', PACKAGE_ROOT));
export const KUBERNETES_FOLDER = 'kubernetes';
export const KUBERNETES_MANIFEST = 'job.yaml';
/** Kubernetes names are DNS labels of at most 63 characters; an Indexed Job's pods add a suffix. */
const MAX_K8S_NAME = 50;

/** The scenario flags as the user gave them, for each task to repeat. */
function scenarioFlags(args: ScenarioFlags): string[] {
  const flags: string[] = [];
  for (const s of args.set ?? []) flags.push('--set', s);
  if (args.agents !== undefined) flags.push('--agents', String(args.agents));
  if (args.weeks !== undefined) flags.push('--weeks', String(args.weeks));
  if (args.allowOutside) flags.push('--allow-outside');
  return flags;
}

function hasRuns(folder: string): boolean {
  const journal = join(folder, JOURNAL);
  return existsSync(journal) && statSync(journal).size > 0;
}

/** What the folder already holds of a sweep, if anything. */
function existingProgress(out: string): SweepProgress | undefined {
  const any = existsSync(join(out, PLAN)) || readdirSync(out).some((name) => /^shard-\d+$/.test(name) && existsSync(join(out, name, PLAN)));
  return any ? sweepProgress(out) : undefined;
}

/** The shards to (re)submit: all of them, or with --resume those with runs still to do. */
function shardsToRun(out: string, plan: SweepPlan, tasks: number, resume: boolean): number[] {
  const all = Array.from({ length: tasks }, (_, k) => k + 1);
  if (!resume) {
    const folders = readdirSync(out).filter((name) => /^shard-\d+$/.test(name)).map((name) => join(out, name));
    if ([out, ...folders].some((folder) => hasRuns(folder))) {
      throw new UserError(`--out ${out} already holds finished runs of a sweep; add --resume to submit its unfinished shards, or choose another --out`);
    }
    // Plans pinned by an earlier submission that never ran (a --dry-run, say) give way to this one.
    for (const folder of folders) rmSync(join(folder, PLAN), { force: true });
    return all;
  }
  const existing = existingProgress(out);
  if (!existing) return all;
  if (planJson(existing.plan) !== planJson(plan)) {
    throw new UserError(`--resume: ${out} holds a different sweep (the sweep file, its scenario, --set, --agents or --weeks changed); run it with the flags it was started with, or choose another --out`);
  }
  if (existing.shards.length === 0) throw new UserError(`--resume: ${out} holds a sweep run on one machine; resume it there with goodhart sweep --resume`);
  if (existing.shards.length !== tasks) throw new UserError(`--tasks ${tasks}: ${out} holds this sweep in ${existing.shards.length} shards; resume it with --tasks ${existing.shards.length}`);
  return existing.shards.filter((s) => s.done < s.runs).map((s) => s.index);
}

/** Writes the job scripts, executable, into `<out>/slurm/` with the folder of their logs; returns their paths. */
function writeSlurmScripts(out: string, scripts: [name: string, text: string][]): string[] {
  const paths = scripts.map(([name, text]) => {
    const path = join(out, SLURM_FOLDER, name);
    writeFileAtomic(path, text);
    chmodSync(path, 0o755);
    return path;
  });
  // Slurm does not create the folder of a job's log: a task whose log cannot be opened fails at once.
  makeFolder(join(out, SLURM_FOLDER, 'logs'));
  return paths;
}

/** The job's name in the queue, from the sweep file's: letters, digits, . _ and - only (#SBATCH lines know no quoting). */
function jobName(file: string): string {
  return `goodhart-${basename(file, extname(file)).replace(/[^\w.-]+/g, '-')}`;
}

export async function submitSweep(args: SubmitArgs): Promise<void> {
  const tasks = checkClusterFlags(args);
  const out = resolve(args.out);
  const file = resolve(args.file);
  if (args.slurm) checkSlurmFlags(args, out);
  const mount = args.kubernetes ? checkKubernetesFlags(args, { 'bin/goodhart.js': GOODHART, 'the sweep file': file, '--out': out }) : undefined;
  const plan = loadSweep(args.file, loadOptions(args));
  const runs = plan.points.length * plan.replications;
  if (tasks > runs) throw new UserError(`--tasks ${tasks}: the sweep has ${runs} runs; use at most ${runs} tasks, or each extra task would have nothing to do`);
  if (args.slurm && !args.dryRun) {
    checkSbatch();
    if (args.resume) checkNotQueued(out);
  }
  ensureWritableFolder(out);
  const pending = shardsToRun(out, plan, tasks, args.resume);
  // Each shard's plan is pinned now: a task refuses to run a sweep file that changed after submission.
  for (let k = 1; k <= tasks; k++) {
    const planFile = join(shardFolder(out, k), PLAN);
    if (!existsSync(planFile)) writeFileAtomic(planFile, planJson(plan, { index: k, count: tasks }));
  }
  const sweep: ShardedSweep = {
    title: `goodhart sweep ${basename(file)}`,
    node: process.execPath,
    goodhart: GOODHART,
    file,
    out,
    tasks,
    flags: scenarioFlags(args),
    charts: args.charts,
  };
  const cpusPerTask = args.cpusPerTask ?? 1;
  if (mount !== undefined) {
    const name = jobName(file).toLowerCase().replace(/[^a-z0-9-]+/g, '-').slice(0, MAX_K8S_NAME).replace(/-+$/, '');
    const manifest = kubernetesJob(sweep, { name, image: args.image!, volumeClaim: args.volumeClaim!, mount, cpus: cpusPerTask });
    const manifestFile = join(out, KUBERNETES_FOLDER, KUBERNETES_MANIFEST);
    writeFileAtomic(manifestFile, manifest);
    process.stdout.write(manifest);
    if (!args.quiet) process.stderr.write(`wrote ${manifestFile}; start it with: kubectl apply -f ${quote(manifestFile)}\n`);
    return;
  }
  const options: SlurmOptions = { partition: args.partition, time: args.time, cpusPerTask, sbatchArgs: args.sbatchArg ?? [], name: jobName(file) };
  const texts = [slurmSweepScript(sweep, options), slurmMergeScript(sweep, options)];
  const [sweepScript, mergeScript] = writeSlurmScripts(out, [[SWEEP_SCRIPT, texts[0]], [MERGE_SCRIPT, texts[1]]]);
  // --array on the command line overrides the script's: only the unfinished shards.
  const array = pending.length === tasks ? [] : [`--array=${pending.join(',')}`];

  if (args.dryRun) {
    process.stdout.write(texts.join('\n'));
    if (!args.quiet) {
      const how = pending.length > 0
        ? `sbatch --parsable ${[...array, quote(sweepScript)].join(' ')}, then sbatch --dependency=afterok:<job id> ${quote(mergeScript)}`
        : `sbatch ${quote(mergeScript)} (every shard is done)`;
      process.stderr.write(`wrote ${sweepScript} and ${mergeScript}; submit with: ${how}\n`);
    }
    return;
  }
  let sweepJob: string | undefined;
  if (pending.length > 0) {
    sweepJob = sbatch([...array, sweepScript]);
    process.stdout.write(`submitted sweep job ${sweepJob}: ${pending.length} of ${tasks} tasks (shard${pending.length > 1 ? 's' : ''} ${pending.join(',')})\n`);
  }
  const mergeJob = sbatch([...(sweepJob ? [`--dependency=afterok:${sweepJob}`] : []), mergeScript]);
  process.stdout.write(`submitted merge job ${mergeJob}: joins the shards into ${out} once every task has succeeded\n`);
  if (!args.quiet) process.stderr.write(`follow it with: goodhart status ${quote(out)}\n`);
}

/** A calibration's own flags, as given: what `goodhart calibrate` takes and passes on to every task of a cluster job. */
export interface CalibrationFlags extends ScenarioFlags, ClusterFlags {
  targets: string;
  out: string;
  params?: string;
  population: number;
  generations: number;
  maxRuns: number;
  seed: number;
  resume: boolean;
  shard?: string;
  quiet: boolean;
}

/**
 * Submits a calibration as --tasks shards (an array job) and the job that joins them. The flags were
 * checked by the command. A folder that holds a calibration is refused without --resume; with it,
 * every shard is submitted again (one with nothing left to run ends at once) and the join after.
 */
export async function submitCalibration(args: CalibrationFlags): Promise<void> {
  const tasks = checkClusterFlags(args, 'calibration');
  const out = resolve(args.out);
  const file = resolve(args.targets);
  checkSlurmFlags(args, out);
  if (!args.dryRun) {
    checkSbatch();
    if (args.resume) checkNotQueued(out);
  }
  ensureWritableFolder(out);
  if (!args.resume && (hasCalibration(out) || shardJournals(out).length > 0)) {
    throw new UserError(`--out ${out} already holds a calibration; add --resume to submit it again from where it stopped, or choose another --out`);
  }
  const flags = [
    '--population', String(args.population), '--generations', String(args.generations),
    '--max-runs', String(args.maxRuns), '--seed', String(args.seed),
    ...(args.params === undefined ? [] : ['--params', args.params]),
    ...scenarioFlags(args),
  ];
  const calibration: ShardedCalibration = { title: `goodhart calibrate ${basename(file)}`, node: process.execPath, goodhart: GOODHART, file, out, tasks, flags };
  const options: SlurmOptions = { partition: args.partition, time: args.time, cpusPerTask: args.cpusPerTask ?? 1, sbatchArgs: args.sbatchArg ?? [], name: jobName(file) };
  const texts = [slurmCalibrateScript(calibration, options), slurmJoinScript(calibration, options)];
  const [script, joinScript] = writeSlurmScripts(out, [[CALIBRATE_SCRIPT, texts[0]], [JOIN_SCRIPT, texts[1]]]);
  if (args.dryRun) {
    process.stdout.write(texts.join('\n'));
    if (!args.quiet) process.stderr.write(`wrote ${script} and ${joinScript}; submit with: sbatch --parsable ${quote(script)}, then sbatch --dependency=afterok:<job id> ${quote(joinScript)}\n`);
    return;
  }
  const shardsJob = sbatch([script]);
  process.stdout.write(`submitted calibration job ${shardsJob}: ${tasks} shard${tasks > 1 ? 's' : ''}\n`);
  const joinJob = sbatch([`--dependency=afterok:${shardsJob}`, joinScript]);
  process.stdout.write(`submitted join job ${joinJob}: writes the posterior into ${out} once every shard has succeeded\n`);
  if (!args.quiet) process.stderr.write(`follow it with: squeue --me; the shards' logs are in ${quote(join(out, SLURM_FOLDER, 'logs'))}\n`);
}

function hasCalibration(folder: string): boolean {
  const journal = join(folder, CALIBRATION_JOURNAL);
  return existsSync(journal) && statSync(journal).size > 0;
}

const NO_SBATCH = '--slurm: sbatch is not on this machine; run this on a Slurm login node, or use --dry-run to write the scripts and submit them your own way';

/** Before anything is written: a machine without Slurm gets a clear line, not half a job folder. */
function checkSbatch(): void {
  const result = spawnSync('sbatch', ['--version'], { encoding: 'utf8' });
  if (result.error) throw new UserError(NO_SBATCH);
}

/** A shard resubmitted while its task still runs would have two tasks appending to one journal: refuse while this folder's jobs are queued. */
function checkNotQueued(out: string): void {
  const result = spawnSync('squeue', ['--me', '--noheader', '--format=%i %k'], { encoding: 'utf8' });
  if (result.status !== 0) return; // no squeue to ask: the user was told to wait for the jobs to end
  const mark = jobComment(out);
  const ids = result.stdout.split('\n').filter((line) => line.slice(line.indexOf(' ') + 1).trim() === mark).map((line) => line.slice(0, line.indexOf(' ')));
  if (ids.length > 0) {
    throw new UserError(`--resume: jobs of ${out} are still queued or running (${ids.join(', ')}); resubmit when they have ended (squeue), or cancel them (scancel)`);
  }
}

/** Submits a script; returns its job id. */
function sbatch(args: string[]): string {
  const result = spawnSync('sbatch', ['--parsable', ...args], { encoding: 'utf8' });
  if (result.error && (result.error as { code?: string }).code === 'ENOENT') throw new UserError(NO_SBATCH);
  if (result.status !== 0) {
    const reason = (result.stderr || result.error?.message || '').trim().split('\n')[0];
    throw new UserError(`--slurm: sbatch refused ${args[args.length - 1]}: ${reason}`);
  }
  // --parsable prints "id" or "id;cluster".
  return result.stdout.trim().split(';')[0];
}
