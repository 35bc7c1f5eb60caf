/**
 * How far a sweep on a cluster has got, read from its output folder: the plan of each shard folder
 * `<out>/shard-K` (written when the job was submitted) and the finished runs in its journal. Used by
 * `goodhart status` and to resubmit only the unfinished shards.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPlan } from '../cli/commands/merge.ts';
import { UserError } from '../cli/errors.ts';
import { JOURNAL, PLAN, planJson, readJournal, RUNS } from '../cli/sweep-files.ts';
import type { SweepPlan } from '../experiment/plan.ts';
import { planJobs, type RunJob, type RunRecord } from '../experiment/sweep.ts';
import { shardFolder } from './command.ts';

export interface ShardProgress {
  /** From 1 to the number of shards. */
  index: number;
  folder: string;
  /** False when the folder holds no plan (the task never started and the job was not submitted by goodhart). */
  planned: boolean;
  done: number;
  runs: number;
  /** Points this shard has runs of, and those whose runs here are all done. */
  points: number;
  pointsDone: number;
}

export interface SweepProgress {
  plan: SweepPlan;
  /** Empty for a sweep run on one machine (no shard folders). */
  shards: ShardProgress[];
  done: number;
  runs: number;
  /** Points whose every replication is done. */
  pointsDone: number;
  /** Points with a replication still to run, in order. */
  missingPoints: number[];
  /** The folder holds the whole sweep's runs.csv (merged, or run on one machine to the end). */
  finished: boolean;
}

const SHARD_NAME = /^shard-(\d+)$/;

/** The K/N a shard folder's sweep.json records, or undefined for a whole sweep's. */
function shardOf(folder: string): { index: number; count: number } | undefined {
  const file = join(folder, PLAN);
  let label: string | undefined;
  try {
    label = (JSON.parse(readFileSync(file, 'utf8')) as { shard?: string }).shard;
  } catch (error) {
    throw new UserError(`${file}: cannot be read as a sweep plan (${(error as Error).message})`);
  }
  const match = label === undefined ? null : /^(\d+)\/(\d+)$/.exec(label);
  return match ? { index: Number(match[1]), count: Number(match[2]) } : undefined;
}

function runKey(r: RunJob): string {
  return `${r.point}/${r.replication}`;
}

export function sweepProgress(folder: string): SweepProgress {
  if (!existsSync(folder)) throw new UserError(`${folder}: no such folder`);
  const planned = readdirSync(folder)
    .filter((name) => SHARD_NAME.test(name) && existsSync(join(folder, name, PLAN)))
    .map((name) => join(folder, name));
  const own = existsSync(join(folder, PLAN)) ? shardOf(folder) : undefined;
  const whole = existsSync(join(folder, PLAN)) && own === undefined;
  if (planned.length === 0 && own) {
    throw new UserError(`${folder} holds shard ${own.index}/${own.count} of a sweep; name the folder that holds its shard-K folders (the --out of goodhart sweep --slurm)`);
  }
  if (planned.length === 0 && !whole) {
    throw new UserError(`${folder}: no sweep or calibration here (no ${PLAN}, no journal and no shard-K folders); name the --out folder of goodhart sweep or goodhart calibrate`);
  }
  const plan = readPlan(planned[0] ?? folder);
  const reference = planJson(plan);
  const records = new Map<string, RunRecord>();
  const shards: ShardProgress[] = [];
  if (planned.length > 0) {
    const counts = new Set(planned.map((f) => shardOf(f)?.count));
    for (const f of planned) {
      if (planJson(readPlan(f)) !== reference) throw new UserError(`${f} is a different sweep from ${planned[0]}; a folder holds the shards of one sweep`);
    }
    if (counts.size !== 1 || counts.has(undefined)) throw new UserError(`${folder}: its shard folders split the sweep in different ways (${[...counts].join(', ')} shards)`);
    const count = [...counts][0]!;
    for (let index = 1; index <= count; index++) {
      const shardDir = shardFolder(folder, index);
      const isPlanned = existsSync(join(shardDir, PLAN));
      const jobs = planJobs(plan, { index, count });
      const wanted = new Set(jobs.map(runKey));
      const own = isPlanned ? readJournal(join(shardDir, JOURNAL), plan).filter((r) => wanted.has(runKey(r))) : [];
      for (const r of own) records.set(runKey(r), r);
      const finished = new Set(own.map(runKey));
      const points = new Set(jobs.map((j) => j.point));
      const unfinished = new Set(jobs.filter((j) => !finished.has(runKey(j))).map((j) => j.point));
      shards.push({ index, folder: shardDir, planned: isPlanned, done: own.length, runs: jobs.length, points: points.size, pointsDone: points.size - unfinished.size });
    }
  }
  if (whole && planJson(readPlan(folder)) !== reference) throw new UserError(`${folder} holds a different sweep from its shard folders`);
  const finished = whole && existsSync(join(folder, RUNS));
  if (whole) for (const r of readJournal(join(folder, JOURNAL), plan)) records.set(runKey(r), r);
  const perPoint = new Array<number>(plan.points.length).fill(0);
  for (const r of records.values()) perPoint[r.point]++;
  const missingPoints = perPoint.flatMap((n, point) => (n < plan.replications ? [point] : []));
  return {
    plan,
    shards,
    done: records.size,
    runs: plan.points.length * plan.replications,
    pointsDone: plan.points.length - missingPoints.length,
    missingPoints,
    finished,
  };
}
