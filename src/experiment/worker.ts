/**
 * The one entry of every worker thread (src/experiment/pool.ts): receives once the name of its kind
 * of job and the plan its jobs share (workerData), then jobs, and replies with the outputs of each
 * whole run. A kind of job is a function from its plan to a job runner, the same function that runs
 * the jobs in the calling thread when there are no threads (a browser's Web Worker calls it too).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { calibrationJobs } from './calibrate.ts';
import { explainJobs } from './explain.ts';
import type { WorkerReply } from './pool.ts';
import { replicationJobs } from './replicate.ts';
import { sweepJobs } from './sweep.ts';

/** Every kind of job a worker runs, by the name a pool gives (`PoolOptions.task`). */
const JOB_RUNNERS: Record<string, (plan: never) => (job: never) => unknown> = {
  sweep: sweepJobs,
  explain: explainJobs,
  calibrate: calibrationJobs,
  replicate: replicationJobs,
};

const { task, plan } = workerData as { task: string; plan: unknown };
const runJob = JOB_RUNNERS[task](plan as never);

parentPort!.on('message', ({ id, job }: { id: number; job: never }) => {
  let reply: WorkerReply<unknown>;
  try {
    reply = { id, result: runJob(job) };
  } catch (error) {
    reply = { id, error: (error as Error).stack ?? String(error) };
  }
  parentPort!.postMessage(reply);
});
