/**
 * The one entry of every worker thread (src/experiment/pool.ts): receives once the name of its kind
 * of job and the plan its jobs share (workerData), then jobs, and replies with the outputs of each
 * whole run. A kind of job is a function from its plan to a job runner, the same function that runs
 * the jobs in the calling thread when there are no threads (a browser's Web Worker calls it too).
 *
 * A thread loads the code of its own kind of job only: a replication's thread needs neither the
 * calibration's targets (and their YAML parser) nor the explanation's statistics, and every
 * thread of `npm start` loads its code while the runs wait for it (docs/PERFORMANCE.md).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerReply } from './pool.ts';

type JobRunner = (plan: never) => (job: never) => unknown;

/** Every kind of job a worker runs, by the name a pool gives (`PoolOptions.task`). */
const JOB_RUNNERS: Record<string, () => Promise<JobRunner>> = {
  sweep: async () => (await import('./sweep.ts')).sweepJobs,
  explain: async () => (await import('./explain.ts')).explainJobs,
  calibrate: async () => (await import('./calibrate.ts')).calibrationJobs,
  replicate: async () => (await import('./replicate.ts')).replicationJobs,
};

const { task, plan } = workerData as { task: string; plan: unknown };
// Jobs posted meanwhile wait in the port's queue until the listener below is attached.
const runJob = (await JOB_RUNNERS[task]())(plan as never);

parentPort!.on('message', ({ id, job }: { id: number; job: never }) => {
  let reply: WorkerReply<unknown>;
  try {
    reply = { id, result: runJob(job) };
  } catch (error) {
    reply = { id, error: (error as Error).stack ?? String(error) };
  }
  parentPort!.postMessage(reply);
});
