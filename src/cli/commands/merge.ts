/**
 * `goodhart merge`: joins the folders of a sweep's shards into the files a single machine would
 * have written, byte for byte; refuses, naming the missing points, when a shard is missing or
 * unfinished.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Argv } from 'yargs';
import type { SweepPlan } from '../../experiment/plan.ts';
import { sweepTable, type RunRecord } from '../../experiment/sweep.ts';
import { UserError } from '../errors.ts';
import { ensureWritableFolder } from '../files.ts';
import { lockFolder } from '../lock.ts';
import { JOURNAL, missingRuns, namePoints, PLAN, planJson, readJournal, writeJournal, writeSweepAnalysis, writeSweepFiles } from '../sweep-files.ts';

interface MergeArgs {
  folders: string[];
  out: string;
  charts: boolean;
  quiet: boolean;
}

export function mergeCommand(yargs: Argv) {
  return yargs.command<MergeArgs>(
    'merge <folders..>',
    'Join the folders of sweep shards (--shard K/N) into one sweep folder',
    (y) =>
      y
        .positional('folders', { type: 'string', array: true, describe: 'Shard folders (each written by goodhart sweep --shard K/N)' })
        .option('out', { type: 'string', demandOption: true, describe: 'Output folder', requiresArg: true })
        .option('charts', { type: 'boolean', default: true, describe: 'Write charts/ (--no-charts: only the CSV and JSON files)' })
        .option('quiet', { type: 'boolean', default: false, describe: 'Print nothing on success' })
        .example('$0 merge out/shard-1 out/shard-2 out/shard-3 --out out/all', 'Join three shards') as unknown as Argv<MergeArgs>,
    async (args) => {
      await merge(args);
    },
  );
}

/** A plan as sweep.json records it. */
export function readPlan(folder: string): SweepPlan {
  const file = join(folder, PLAN);
  if (!existsSync(file)) throw new UserError(`${folder}: no ${PLAN} here; name folders written by goodhart sweep`);
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    return {
      scenario: doc.baseScenario,
      design: doc.design,
      ...(doc.samples === undefined ? {} : { samples: doc.samples }),
      ...(doc.levels === undefined ? {} : { levels: doc.levels }),
      replications: doc.replications,
      seed: doc.seed,
      parameters: doc.parameters,
      outputs: doc.outputs,
      points: doc.points.map((p: { values: SweepPlan['points'][number] }) => p.values),
      ...(doc.points.some((p: { role?: unknown }) => p.role) ? { roles: doc.points.map((p: { role: NonNullable<SweepPlan['roles']>[number] }) => p.role) } : {}),
    };
  } catch (error) {
    throw new UserError(`${file}: cannot be read as a sweep plan (${(error as Error).message})`);
  }
}

export async function merge(args: MergeArgs): Promise<void> {
  // A folder without a plan is a shard that never started: its runs count as missing.
  const started = args.folders.filter((folder) => existsSync(join(folder, PLAN)));
  const notStarted = args.folders.filter((folder) => !started.includes(folder));
  const plans = (started.length > 0 ? started : args.folders).map(readPlan);
  const reference = planJson(plans[0]);
  started.forEach((folder, k) => {
    if (planJson(plans[k]) !== reference) {
      throw new UserError(`${folder} is a different sweep from ${started[0]} (sweep file, scenario or flags differ); merge shards of one sweep`);
    }
  });
  const plan = plans[0];
  const records = new Map<string, RunRecord>();
  for (const folder of started) {
    for (const r of readJournal(join(folder, JOURNAL), plan)) records.set(`${r.point}/${r.replication}`, r);
  }
  const all = [...records.values()];
  const missing = missingRuns(plan, all);
  if (missing.length > 0) {
    const points = [...new Set(missing.map((j) => j.point))];
    const named = namePoints(points);
    throw new UserError(
      `the shards are incomplete: ${missing.length} of ${plan.points.length * plan.replications} runs are missing, at point${points.length > 1 ? 's' : ''} ${named}${notStarted.length > 0 ? ` (not started: ${notStarted.join(', ')})` : ''}; run or resume the missing shards and merge again`,
    );
  }
  ensureWritableFolder(args.out);
  const lock = lockFolder(args.out, 'merge');
  try {
    writeJournal(join(args.out, JOURNAL), plan, all);
    const table = sweepTable(plan, all);
    writeSweepFiles(args.out, plan, table);
    for (const note of await writeSweepAnalysis(args.out, plan, table, args.charts)) process.stderr.write(`goodhart: ${note}\n`);
  } finally {
    lock.release();
  }
  if (!args.quiet) process.stderr.write(`wrote ${args.out}/ (${all.length} runs from ${args.folders.length} folders)\n`);
}
