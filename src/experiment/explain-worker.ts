/**
 * An explain worker: receives the two scenarios and the components once, then jobs (coalition, seed)
 * one at a time, and replies with the key outcomes of each whole run.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../scenario/schema.ts';
import { runOutputsOf } from './sweep.ts';
import { coalitionScenario, type ExplainJob, type ExplainWorkerPlan } from './explain.ts';
import type { WorkerReply } from './pool.ts';

const plan = workerData as ExplainWorkerPlan;

/** Each combination's scenario, built once: validating one costs about 1% of a run. */
const scenarios = new Map<number, Scenario>();

function scenarioOf(coalition: number): Scenario {
  let scenario = scenarios.get(coalition);
  if (!scenario) scenarios.set(coalition, (scenario = coalitionScenario(plan.a, plan.b, plan.components, coalition)));
  return scenario;
}

parentPort!.on('message', ({ id, job }: { id: number; job: ExplainJob }) => {
  let reply: WorkerReply<number[]>;
  try {
    reply = { id, result: runOutputsOf(scenarioOf(job.coalition), plan.outputs, job.seed) };
  } catch (error) {
    reply = { id, error: (error as Error).stack ?? String(error) };
  }
  parentPort!.postMessage(reply);
});
