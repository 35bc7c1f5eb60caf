/**
 * Sweeps: every point of a plan × every replication, run as whole runs on a pool of worker threads,
 * gathered into a tidy table with one row per point × replication. Replication r of every point uses
 * seed `plan.seed + r` (common random numbers across points), and rows are sorted by (point,
 * replication), so the table does not depend on the number of workers, on shards, or on the order
 * runs finish in.
 */
import type { Scenario } from '../scenario/schema.ts';
import { simulate } from '../sim/run.ts';
import type { ParameterValue, Point } from './designs.ts';
import type { Output, SweepPlan } from './plan.ts';
import { pointScenario } from './plan.ts';
import { runPool } from './pool.ts';
import { finalWeek, interval, wholeRun, type Interval } from './summary.ts';

/** One run of a sweep: which point, which replication, and the seed that follows from them. */
export interface RunJob {
  point: number;
  replication: number;
  seed: number;
}

/** A finished run: its job and one value per output, in the plan's order of outputs. */
export interface RunRecord extends RunJob {
  outputs: number[];
}

/** A slice of a sweep for one machine: runs whose index (point × replications + replication) modulo `count` is `index` − 1. */
export interface Shard {
  /** From 1 to count. */
  index: number;
  count: number;
}

/** What a worker needs of the plan (sent once per worker): each point's checked scenario, so that workers check nothing again. */
export interface WorkerPlan {
  scenarios: Scenario[];
  outputs: Output[];
}

/** How a sweep runs: worker threads, a shard, progress, runs already done, and when to stop. */
export interface SweepOptions {
  /** Worker threads (default 1; 0 runs in the calling thread, as does a runtime without Node's threads). */
  workers?: number;
  /** Called after each finished run with the number done (including `previous`) and the total of this sweep or shard. */
  onProgress?: (done: number, total: number) => void;
  /** Run only this slice of the plan. */
  shard?: Shard;
  /** Runs already finished (e.g. read back from a journal): not run again, and part of the table. */
  previous?: readonly RunRecord[];
  /** Called with each run as it finishes (in completion order), e.g. to journal it. */
  onRun?: (record: RunRecord) => void;
  /** Asked before each run starts; true stops the sweep once the runs in flight have finished. */
  shouldStop?: () => boolean;
}

/** One row of a sweep's table: point, replication, seed, each parameter by name, each output by column. */
export type SweepRow = { point: number; replication: number; seed: number } & Record<string, ParameterValue>;

/** A sweep's results: one row per run (point, replication, seed, outputs) and the columns. */
export interface SweepTable {
  /** Column names in order: point, replication, seed, the parameters, the outputs. */
  columns: string[];
  rows: SweepRow[];
  /** False when the sweep was stopped before every run of it (or of its shard) had finished. */
  complete: boolean;
}

/** The runs of a plan in order, or of one shard of it. */
export function planJobs(plan: SweepPlan, shard?: Shard): RunJob[] {
  const jobs: RunJob[] = [];
  for (let point = 0; point < plan.points.length; point++) {
    for (let replication = 0; replication < plan.replications; replication++) {
      const index = point * plan.replications + replication;
      if (shard && index % shard.count !== shard.index - 1) continue;
      jobs.push({ point, replication, seed: plan.seed + replication });
    }
  }
  return jobs;
}

/** One whole run of a scenario with a seed, reduced to outputs. */
export function runOutputsOf(scenario: Scenario, outputs: readonly Output[], seed: number): number[] {
  const run = simulate(scenario, seed);
  return outputs.map((o) => (o.over === 'final' ? finalWeek(run, o.metric) : wholeRun(run, o.metric)));
}

/** Runs one job: the point's scenario with the job's seed, reduced to the plan's outputs. */
export function runOutputs(plan: WorkerPlan, job: RunJob): number[] {
  return runOutputsOf(plan.scenarios[job.point], plan.outputs, job.seed);
}

/** The sweep's kind of job, for a worker thread (src/experiment/worker.ts) or the calling thread. */
export function sweepJobs(plan: WorkerPlan): (job: RunJob) => number[] {
  return (job) => runOutputs(plan, job);
}

function compareRuns(a: RunJob, b: RunJob): number {
  return a.point - b.point || a.replication - b.replication;
}

/** The tidy table of finished runs, sorted by (point, replication). */
export function sweepTable(plan: SweepPlan, records: readonly RunRecord[], complete = true): SweepTable {
  const names = plan.parameters.map((p) => p.name);
  const columns = ['point', 'replication', 'seed', ...names, ...plan.outputs.map((o) => o.column)];
  const rows = [...records].sort(compareRuns).map((r) => {
    const row: Record<string, ParameterValue> = { point: r.point, replication: r.replication, seed: r.seed };
    for (const name of names) row[name] = plan.points[r.point][name];
    plan.outputs.forEach((o, k) => (row[o.column] = r.outputs[k]));
    return row as SweepRow;
  });
  return { columns, rows, complete };
}

/**
 * Runs a sweep (or one shard of it) on `workers` threads and returns its tidy table.
 *
 * @example
 * ```ts
 * const table = await sweep(loadSweep('scenarios/sweeps/quota-vs-review.yaml'), { workers: 2 });
 * console.log(table.rows[0]);
 * ```
 */
export async function sweep(plan: SweepPlan, options: SweepOptions = {}): Promise<SweepTable> {
  const all = planJobs(plan, options.shard);
  const wanted = new Set(all.map((j) => j.point * plan.replications + j.replication));
  const records = new Map<number, RunRecord>();
  for (const r of options.previous ?? []) {
    const key = r.point * plan.replications + r.replication;
    if (wanted.has(key)) records.set(key, r);
  }
  const jobs = all.filter((j) => !records.has(j.point * plan.replications + j.replication));
  options.onProgress?.(records.size, all.length);
  const scenarios = plan.scenarios ?? plan.points.map((point) => pointScenario(plan.scenario, point));
  const workerPlan: WorkerPlan = { scenarios, outputs: plan.outputs };
  const { stopped } = await runPool<RunJob, number[]>({
    task: 'sweep',
    plan: workerPlan,
    workers: options.workers ?? 1,
    jobs,
    shouldStop: options.shouldStop,
    runHere: sweepJobs(workerPlan),
    onResult: (job, outputs) => {
      const record = { ...job, outputs };
      records.set(job.point * plan.replications + job.replication, record);
      options.onRun?.(record);
      options.onProgress?.(records.size, all.length);
    },
  });
  return sweepTable(plan, [...records.values()], !stopped && records.size === all.length);
}

/** Per point: the parameters, the number of replications, and each output's mean and 95% interval over them. */
export interface PointSummary {
  point: number;
  values: Point;
  replications: number;
  outputs: Record<string, Interval>;
}

/** One row per design point: its parameter values and, for each output, the interval over its replications. */
export function summarisePoints(plan: SweepPlan, table: SweepTable): PointSummary[] {
  const byPoint = new Map<number, SweepRow[]>();
  for (const row of table.rows) {
    const list = byPoint.get(row.point) ?? [];
    list.push(row);
    byPoint.set(row.point, list);
  }
  return [...byPoint.entries()]
    .sort(([a], [b]) => a - b)
    .map(([point, rows]) => ({
      point,
      values: plan.points[point],
      replications: rows.length,
      outputs: Object.fromEntries(plan.outputs.map((o) => [o.column, interval(rows.map((r) => r[o.column] as number))])),
    }));
}
