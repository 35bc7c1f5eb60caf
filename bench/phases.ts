/**
 * Where a run's time goes: the steps of the week (src/sim/run.ts, WEEK_STEPS) with a clock around
 * each, on the benchmark's scenario (meshclaw, every policy from week 0).
 *
 *   node --import tsx bench/phases.ts [AGENTS] [RUNS]
 *
 * It prints, per step, the fastest of RUNS runs (after one warm-up run), in milliseconds and in
 * nanoseconds per agent-step. It runs the very steps simulate() runs, and checks that its metrics
 * are simulate()'s.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../src/index.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import type { MetricColumns } from '../src/sim/metrics.ts';
import { simulate, startRun, WEEK_STEPS } from '../src/sim/run.ts';

const SCENARIO = fileURLToPath(new URL('../scenarios/meshclaw.yaml', import.meta.url));
const SEED = 1;
const WEEKS = 52;
const NS_PER_MS = 1e6;

type Laps = Map<string, number>;

/** simulate(scenario, seed), timing each step into `laps`. */
function timedRun(scenario: Scenario, seed: number, laps: Laps): MetricColumns {
  let last = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    laps.set(name, (laps.get(name) ?? 0) + now - last);
    last = now;
  };
  const run = startRun(scenario, seed);
  lap('setup (initial population)');
  for (let t = 0; t < scenario.weeks; t++) {
    run.ctx.t = t;
    for (const step of WEEK_STEPS) {
      step.run(run);
      lap(step.name);
    }
  }
  return run.columns;
}

function main(): void {
  const agents = Number(process.argv[2] ?? 100_000);
  const runs = Number(process.argv[3] ?? 3);
  const scenario = loadScenario(SCENARIO, {
    set: [
      `agents=${agents}`,
      `weeks=${WEEKS}`,
      'policies.quota.startWeek=0',
      'policies.leaderboard.startWeek=0',
      'policies.review.startWeek=0',
      'policies.deployment.startWeek=0',
    ],
  });

  timedRun(scenario, SEED + 1, new Map());
  const fastest: Laps = new Map();
  let columns: MetricColumns | undefined;
  for (let r = 0; r < runs; r++) {
    const laps: Laps = new Map();
    columns = timedRun(scenario, SEED, laps);
    for (const [name, ms] of laps) fastest.set(name, Math.min(fastest.get(name) ?? Infinity, ms));
  }

  const steps = agents * WEEKS;
  const rows = [...fastest].sort((a, b) => b[1] - a[1]);
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`${agents.toLocaleString('en-US')} agents × ${WEEKS} weeks, fastest of ${runs} runs per step`);
  for (const [name, ms] of rows) {
    console.log(`${name.padEnd(width)}  ${ms.toFixed(0).padStart(6)} ms  ${((ms * NS_PER_MS) / steps).toFixed(1).padStart(6)} ns/agent-step`);
  }
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`${'total'.padEnd(width)}  ${total.toFixed(0).padStart(6)} ms  ${((total * NS_PER_MS) / steps).toFixed(1).padStart(6)} ns/agent-step`);

  const reference = simulate(scenario, SEED).metrics;
  const drifted = Object.keys(reference).filter((name) => !reference[name].every((v, t) => Object.is(v, columns![name][t])));
  if (drifted.length > 0) console.log(`\nWARNING: the timed steps no longer give simulate()'s metrics (${drifted.join(', ')} differ).`);
}

main();
