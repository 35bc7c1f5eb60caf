/**
 * `goodhart sweep`: runs a sweep file on every core and writes runs.csv (one row per point ×
 * replication), points.csv (per point, each output's mean and 95% interval) and sweep.json (the
 * resolved plan), then charts/ (and for sobol and morris, sensitivity.csv and the indices' charts).
 * Finished runs are journalled as they finish, so `--resume` continues a sweep that was stopped
 * (Ctrl-C) or killed; `--shard K/N` runs one slice of the plan, for `goodhart merge`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { loadAs } from '../file-kind.ts';
import { clusterOptions, type ClusterFlags } from '../../cluster/options.ts';
import { submitSweep } from '../../cluster/submit.ts';
import { loadSweep, type SweepPlan } from '../../experiment/plan.ts';
import { planJobs, sweep, type Shard, type SweepTable } from '../../experiment/sweep.ts';
import { UserError } from '../errors.ts';
import { capWorkers, confirmCost, costOptions, type CostFlags } from '../cost.ts';
import { ensureWritableFolder, writeFileAtomic } from '../files.ts';
import { lockFolder } from '../lock.ts';
import { checkCount, loadOptions, MAX_WORKERS, scenarioOptions, type ScenarioFlags } from '../options.ts';
import { createProgress } from '../progress.ts';
import { clearJournal, clearResults, JOURNAL, openJournal, PLAN, planJson, readJournal, writeSweepAnalysis, writeSweepFiles } from '../sweep-files.ts';

export const MAX_SHARDS = 100_000;
/** The exit code of a command stopped by Ctrl-C (128 + SIGINT), as shells report it. */
const EXIT_INTERRUPTED = 130;

export interface SweepArgs extends ScenarioFlags, ClusterFlags, CostFlags {
  file: string;
  out: string;
  workers: number;
  resume: boolean;
  shard?: string;
  charts: boolean;
  quiet: boolean;
}

/** Reads `--shard K/N`. */
export function parseShard(text: string | undefined): Shard | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!match || count < 1 || count > MAX_SHARDS || index < 1 || index > count) {
    throw new UserError(`--shard must be K/N with 1 ≤ K ≤ N ≤ ${MAX_SHARDS} (the K-th of N slices), got ${JSON.stringify(text)}`);
  }
  return { index, count };
}

export function sweepCommand(yargs: Argv) {
  return yargs.command<SweepArgs>(
    'sweep <file>',
    'Run a parameter sweep (grid, random, Latin hypercube, Sobol\' or Morris sensitivity) with replications, on every core',
    (y) =>
      costOptions(clusterOptions(scenarioOptions(y)))
        .positional('file', { type: 'string', describe: 'Sweep file (YAML): scenario, design, parameters, outputs' })
        .option('out', { type: 'string', demandOption: true, describe: 'Output folder', requiresArg: true })
        .option('workers', { type: 'number', default: availableParallelism(), describe: 'Worker threads (default: the number of cores)', requiresArg: true })
        .option('resume', { type: 'boolean', default: false, describe: 'Continue the sweep in --out: skip the runs its journal holds' })
        .option('shard', { type: 'string', describe: 'Run only the K-th of N slices of the plan (K/N), for goodhart merge', requiresArg: true })
        .option('charts', { type: 'boolean', default: true, describe: 'Write charts/ at the end (--no-charts: only the CSV and JSON files)' })
        .option('quiet', { type: 'boolean', default: false, describe: 'No progress on stderr' })
        .example('$0 sweep scenarios/sweeps/quota-vs-review.yaml --out out/sweep1', 'Run a grid on every core')
        .example('$0 sweep scenarios/sweeps/quota-vs-review.yaml --out out/sweep1 --resume', 'Continue it after Ctrl-C or a crash')
        .example('$0 sweep scenarios/sweeps/quota-vs-review.yaml --out out/shard-2 --shard 2/3', 'The second of three slices')
        .example('$0 sweep scenarios/sweeps/quota-vs-review.yaml --out /shared/run1 --slurm --tasks 64 --cpus-per-task 4', 'Submit it to Slurm as 64 array tasks and a merge job') as unknown as Argv<SweepArgs>,
    async (args) => {
      if (args.slurm || args.kubernetes) await submitSweep(args);
      else await runSweep(args);
    },
  );
}

/** The command line that continues a stopped sweep, as the user wrote it. */
function resumeCommand(args: SweepArgs): string {
  const flags: string[] = [args.file, '--out', args.out];
  for (const s of args.set ?? []) flags.push('--set', s);
  if (args.agents !== undefined) flags.push('--agents', String(args.agents));
  if (args.weeks !== undefined) flags.push('--weeks', String(args.weeks));
  if (args.shard !== undefined) flags.push('--shard', args.shard);
  if (args.allowOutside) flags.push('--allow-outside');
  if (args.yes) flags.push('--yes');
  const quote = (s: string) => (/^[\w./@=:-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return `goodhart sweep ${flags.map(quote).join(' ')} --resume`;
}

export async function runSweep(args: SweepArgs): Promise<SweepTable | undefined> {
  checkCount('workers', args.workers, 1, MAX_WORKERS);
  const shard = parseShard(args.shard);
  const plan = loadAs(args.file, 'sweep', () => loadSweep(args.file, loadOptions(args)));
  ensureWritableFolder(args.out);
  const jobs = planJobs(plan, shard);
  const sizes = plan.scenarios ?? [plan.scenario];
  const maxAgents = Math.max(...sizes.map((s) => s.agents));
  const workers = capWorkers(args.workers, maxAgents);
  const agentSteps = jobs.reduce((sum, j) => sum + (plan.scenarios?.[j.point] ?? plan.scenario).agents * (plan.scenarios?.[j.point] ?? plan.scenario).weeks, 0);
  await confirmCost(`this sweep (${jobs.length} runs)`, { agentSteps, threads: workers, maxAgents }, args);
  // One sweep writes a folder at a time: a second one is refused before it touches anything.
  const lock = lockFolder(args.out, 'sweep');
  try {
    return await sweepInto({ ...args, workers }, plan, shard);
  } finally {
    lock.release();
  }
}

/** Runs a sweep into its --out folder, which this process has locked. */
async function sweepInto(args: SweepArgs, plan: SweepPlan, shard: Shard | undefined): Promise<SweepTable | undefined> {
  const planText = planJson(plan, shard);
  const planFile = join(args.out, PLAN);
  const journalFile = join(args.out, JOURNAL);
  if (args.resume && existsSync(planFile) && readFileSync(planFile, 'utf8') !== planText) {
    throw new UserError(
      `--resume: ${args.out} holds a different sweep (the sweep file, its scenario, --set, --agents, --weeks or --shard changed); run it with the flags it was started with, or choose another --out`,
    );
  }
  if (!args.resume) clearJournal(args.out);
  // Final files are written only when every run is done: until then the folder must not show a previous sweep's.
  clearResults(args.out);
  // The plan goes first, so that a resumed sweep can check it is continuing the same one.
  writeFileAtomic(planFile, planText);
  const previous = args.resume ? readJournal(journalFile, plan, true) : [];

  const journal = openJournal(journalFile, plan);
  let stopping = false;
  const onSigint = () => {
    if (stopping) process.exit(EXIT_INTERRUPTED); // a second Ctrl-C: every finished run is already on disk
    stopping = true;
    process.stderr.write('\ngoodhart: stopping after the runs in flight (Ctrl-C again to stop now; finished runs are kept)\n');
  };
  process.on('SIGINT', onSigint);
  const bar = createProgress(planJobs(plan, shard).length, args.quiet);
  const label = `${plan.points.length} points × ${plan.replications} replications`;
  let table: SweepTable;
  try {
    table = await sweep(plan, {
      workers: args.workers,
      shard,
      previous,
      shouldStop: () => stopping,
      onRun: (record) => journal.append(record),
      onProgress: (done) => bar.update(done, label),
    });
  } finally {
    process.off('SIGINT', onSigint);
    journal.close();
    bar.stop();
  }
  if (!table.complete) {
    process.stderr.write(
      `goodhart: stopped: ${table.rows.length} runs are done and kept in ${journalFile}; to continue:\n  ${resumeCommand(args)}\n`,
    );
    process.exitCode = EXIT_INTERRUPTED;
    return undefined;
  }
  writeSweepFiles(args.out, plan, table, shard);
  // A shard's points are partial: its sensitivity is computed when the shards are merged.
  if (!shard) for (const note of await writeSweepAnalysis(args.out, plan, table, args.charts)) process.stderr.write(`goodhart: ${note}\n`);
  if (!args.quiet) process.stderr.write(`wrote ${args.out}/ (${table.rows.length} runs${shard ? `, shard ${shard.index}/${shard.count}` : ''})\n`);
  return table;
}
