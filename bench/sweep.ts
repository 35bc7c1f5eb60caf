/**
 * The sweep benchmark: a random sweep of meshclaw (quota target × contagion), 200 points × 10
 * replications × 1,000 engineers × 52 weeks by default, run with 1 and with 2 workers, and the same
 * runs in this thread without the pool, to measure the pool's overhead.
 * Targets (issue: experiments): 2 workers at least 1.8× as fast as 1; overhead per run under 5%.
 *
 *   node --import tsx bench/sweep.ts [--points 200] [--replications 10]
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSweepText, resolvePlan } from '../src/experiment/plan.ts';
import { planJobs, runOutputs, sweep } from '../src/experiment/sweep.ts';
import { loadScenario } from '../src/experiment/load.ts';

export const TARGET_SPEEDUP = 1.8;
export const TARGET_OVERHEAD = 0.05;

export interface SweepMeasurement {
  runs: number;
  inThreadSeconds: number;
  oneWorkerSeconds: number;
  twoWorkersSeconds: number;
}

export async function measureSweep(points: number, replications: number): Promise<SweepMeasurement> {
  const scenario = loadScenario(fileURLToPath(new URL('../scenarios/meshclaw.yaml', import.meta.url)));
  const spec = parseSweepText(`
scenario: meshclaw.yaml
design: random
samples: ${points}
replications: ${replications}
parameters:
  policies.quota.target: { min: 0, max: 50000000 }
  behaviour.contagion: { min: 0, max: 1 }
outputs: [realOutput, spend, gamingShare, trust@final]
`);
  const plan = resolvePlan(spec, scenario);
  const jobs = planJobs(plan);
  const started = performance.now();
  // The simulation time: the same runs one after another in this thread, on the scenarios resolvePlan checked.
  const workerPlan = { scenarios: plan.scenarios!, outputs: plan.outputs };
  for (const job of jobs) runOutputs(workerPlan, job);
  const inThread = (performance.now() - started) / 1000;
  const time = async (workers: number) => {
    const t0 = performance.now();
    await sweep(plan, { workers });
    return (performance.now() - t0) / 1000;
  };
  const one = await time(1);
  const two = await time(2);
  return { runs: jobs.length, inThreadSeconds: inThread, oneWorkerSeconds: one, twoWorkersSeconds: two };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { points: { type: 'string', default: '200' }, replications: { type: 'string', default: '10' } } });
  const m = await measureSweep(Number(values.points), Number(values.replications));
  const speedup = m.oneWorkerSeconds / m.twoWorkersSeconds;
  const overhead = m.oneWorkerSeconds / m.inThreadSeconds - 1;
  console.log(`${m.runs} runs: in this thread ${m.inThreadSeconds.toFixed(1)} s; pool of 1 worker ${m.oneWorkerSeconds.toFixed(1)} s; 2 workers ${m.twoWorkersSeconds.toFixed(1)} s`);
  console.log(`  ${speedup >= TARGET_SPEEDUP ? 'met    ' : 'MISSED '} 2 workers ≥ ${TARGET_SPEEDUP}× 1 worker: ${speedup.toFixed(2)}×`);
  console.log(`  ${overhead <= TARGET_OVERHEAD ? 'met    ' : 'MISSED '} pool overhead ≤ ${100 * TARGET_OVERHEAD}% of simulation time: ${(100 * overhead).toFixed(1)}%`);
}
