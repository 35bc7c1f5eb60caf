/**
 * A sweep worker: receives the plan once (each point's checked scenario), then jobs (point, seed),
 * and replies with the outputs of each whole run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerReply } from './pool.ts';
import { runOutputs, type RunJob, type WorkerPlan } from './sweep.ts';

const plan = workerData as WorkerPlan;

parentPort!.on('message', ({ id, job }: { id: number; job: RunJob }) => {
  let reply: WorkerReply<number[]>;
  try {
    reply = { id, result: runOutputs(plan, job) };
  } catch (error) {
    reply = { id, error: (error as Error).stack ?? String(error) };
  }
  parentPort!.postMessage(reply);
});
