/**
 * Where a run's time goes: the week loop of src/sim/run.ts written out again with a clock around
 * each step, on the benchmark's scenario (meshclaw, every policy from week 0).
 *
 *   node --import tsx bench/phases.ts [AGENTS] [RUNS]
 *
 * It prints, per step, the fastest of RUNS runs (after one warm-up run), in milliseconds and in
 * nanoseconds per agent-step. This is a copy of the loop: when src/sim/run.ts changes, change it
 * too. To notice when they drift apart it compares its metrics with simulate()'s and says so.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chooseStrategies, drawRevisers } from '../src/agents/choice.ts';
import { hireSamplers } from '../src/agents/population.ts';
import { computeProspects } from '../src/agents/prospects.ts';
import { baseUtility } from '../src/agents/utility.ts';
import { loadScenario } from '../src/index.ts';
import { POLICIES } from '../src/policies/index.ts';
import { compileSchedule } from '../src/scenario/schedule.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import { drawIncidents, incidentDraws } from '../src/sim/incidents.ts';
import { allocateColumns, METRIC_NAMES, type MetricColumns } from '../src/sim/metrics.ts';
import { updateOrganisation } from '../src/sim/organisation.ts';
import { realiseOutcomes } from '../src/sim/outcomes.ts';
import { updatePeople } from '../src/sim/people.ts';
import { drawPositionCoins } from '../src/sim/random.ts';
import { createRecorder, recordWeek } from '../src/sim/recorder.ts';
import { resetWeek, simulate, startRun } from '../src/sim/run.ts';

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

  const schedule = compileSchedule(scenario.policies, scenario.weeks);
  const ctx = startRun(scenario, seed, schedule);
  const { pop, org, streams } = ctx;
  const hireDraws = hireSamplers(scenario, streams.hires);
  const incidents = incidentDraws(streams);
  const columns = allocateColumns(scenario.weeks);
  const recorder = createRecorder(columns);
  lap('setup (initial population)');

  for (let t = 0; t < scenario.weeks; t++) {
    ctx.t = t;
    ctx.policies = schedule[t];
    resetWeek(org);

    drawPositionCoins(ctx.coins, streams, pop.size);
    lap('drawPositionCoins');
    ctx.reviserCount = drawRevisers(ctx);
    lap('drawRevisers');
    computeProspects(ctx);
    lap('computeProspects');
    baseUtility(ctx);
    lap('baseUtility');
    for (const policy of POLICIES) {
      if (!policy.utility) continue;
      policy.utility(ctx);
      lap(`${policy.name}.utility`);
    }
    chooseStrategies(ctx);
    lap('chooseStrategies');
    realiseOutcomes(ctx);
    lap('realiseOutcomes');
    drawIncidents(ctx, incidents);
    lap('drawIncidents');
    updateOrganisation(ctx);
    lap('updateOrganisation');
    for (const policy of POLICIES) {
      if (!policy.afterOutcomes) continue;
      policy.afterOutcomes(ctx);
      lap(`${policy.name}.afterOutcomes`);
    }
    if ((t + 1) % ctx.policies.review.cycleWeeks === 0) {
      org.reviewWeek = true;
      for (const policy of POLICIES) policy.onReview?.(ctx);
      pop.cycleOutput.fill(0);
      pop.cycleTokens.fill(0);
      lap('review.onReview');
    }
    updatePeople(ctx, hireDraws);
    lap('updatePeople');
    recordWeek(recorder, ctx);
    lap('recordWeek');
  }
  return columns;
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
  const drifted = METRIC_NAMES.filter((name) => !reference[name].every((v, t) => Object.is(v, columns![name][t])));
  if (drifted.length > 0) console.log(`\nWARNING: this copy of the week loop no longer matches src/sim/run.ts (${drifted.join(', ')} differ); update bench/phases.ts.`);
}

main();
