/**
 * A sweep worker: receives the plan once, then jobs (point, seed) one at a time, and replies with
 * the outputs of each whole run. The point's scenario is built as `--set` would build it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerReply } from './pool.ts';
import type { Scenario } from '../scenario/schema.ts';
import { pointScenario } from './plan.ts';
import { runOutputsOf, type RunJob, type WorkerPlan } from './sweep.ts';

const plan = workerData as WorkerPlan;

/** The last point's scenario: jobs come point by point, and validating a point costs about 1% of a run. */
let cached: { point: number; scenario: Scenario } | undefined;

function scenarioOf(point: number): Scenario {
  if (cached?.point !== point) cached = { point, scenario: pointScenario(plan.scenario, plan.points[point]) };
  return cached.scenario;
}

parentPort!.on('message', ({ id, job }: { id: number; job: RunJob }) => {
  let reply: WorkerReply<number[]>;
  try {
    reply = { id, result: runOutputsOf(scenarioOf(job.point), plan.outputs, job.seed) };
  } catch (error) {
    reply = { id, error: (error as Error).stack ?? String(error) };
  }
  parentPort!.postMessage(reply);
});
