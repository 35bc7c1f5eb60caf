/**
 * One run of one scenario with one seed: the week loop of MODEL.md §3 over a struct-of-arrays
 * population. Pure: no files, no clock, no global state; everything random comes from the streams
 * derived from the seed.
 */
import { chooseStrategies, drawRevisers } from '../agents/choice.ts';
import { allocatePopulation, hireAll, hireSamplers, initialSamplers } from '../agents/population.ts';
import { computeProspects, createWeekAims } from '../agents/prospects.ts';
import { sampler } from '../agents/sample.ts';
import { strategyShape } from '../agents/strategies.ts';
import { baseUtility } from '../agents/utility.ts';
import { POLICIES, type Policy } from '../policies/index.ts';
import { compileSchedule, type WeekPolicies } from '../scenario/schedule.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { OrgState, WeekContext } from './context.ts';
import { drawIncidents, incidentDraws } from './incidents.ts';
import { checkInvariants } from './invariants.ts';
import { allocateColumns, type MetricColumns } from './metrics.ts';
import { updateOrganisation } from './organisation.ts';
import { updatePeople } from './people.ts';
import { createPositionCoins, createStreams, drawPositionCoins, stream } from './random.ts';
import { createRecorder, recordWeek } from './recorder.ts';
import { realiseOutcomes } from './outcomes.ts';
import { TOTALS_SIZE } from './totals.ts';
import { createUsageDistribution } from './usage-distribution.ts';

export interface SimulationOptions {
  /** Check the invariants of src/sim/invariants.ts after every week (slower; for tests). */
  checkInvariants?: boolean;
  /** The policies acting on the population; defaults to the built-in registry. */
  policies?: readonly Policy[];
  /** Called after each week, e.g. to animate a run; must not change the state. */
  onWeek?: (t: number, ctx: WeekContext) => void;
}

/** What one run produced: one value per week for each metric. */
export interface RunResult {
  seed: number;
  weeks: number;
  metrics: MetricColumns;
}

export function createOrg(teamCount: number): OrgState {
  return {
    usage: createUsageDistribution(),
    nextUsage: createUsageDistribution(),
    meanOutput: 0,
    sdOutput: 0,
    outageLoss: 0,
    teamGamers: new Int32Array(teamCount),
    teamActive: new Int32Array(teamCount),
    revealedWeight: new Float64Array(teamCount),
    reviewSums: new Float64Array(2 * teamCount),
    totals: new Float64Array(TOTALS_SIZE),
    incidents: 0,
    botIncidents: 0,
    majorOutages: 0,
    severityLoss: 0,
    leavers: 0,
    hires: 0,
    reviewWeek: false,
  };
}

export function resetWeek(org: OrgState): void {
  org.totals.fill(0);
  org.incidents = 0;
  org.botIncidents = 0;
  org.majorOutages = 0;
  org.severityLoss = 0;
  org.leavers = 0;
  org.hires = 0;
  org.reviewWeek = false;
}

/**
 * The organisation before the first week: a population drawn from the scenario, everyone fully ramped
 * up and using the tool if they think it helps, and one week of outcomes realised (not recorded) so
 * that the first decisions see a leaderboard and an output distribution.
 */
export function startRun(scenario: Scenario, seed: number, schedule: WeekPolicies[]): WeekContext {
  const pop = allocatePopulation(scenario.agents, scenario.population.teamSize);
  const ctx: WeekContext = {
    t: 0,
    scenario,
    shape: strategyShape(scenario.aiTool, scenario.behaviour.effort),
    policies: schedule[0],
    pop,
    org: createOrg(pop.teamCount),
    streams: createStreams(seed),
    coins: createPositionCoins(pop.size),
    revisers: new Int32Array(pop.size),
    reviserCount: 0,
    aims: createWeekAims(),
  };
  hireAll(pop, initialSamplers(scenario, seed), scenario, schedule[0].review.statedWeight, scenario.people.rampWeeks);
  const managerWeight = sampler(scenario.policies.review.managerWeight, stream(seed, 'population/managerWeight'));
  for (let g = 0; g < pop.teamCount; g++) pop.managerWeight[g] = Math.min(1, Math.max(0, managerWeight()));
  realiseOutcomes(ctx);
  updateOrganisation(ctx);
  pop.cycleOutput.fill(0);
  pop.cycleTokens.fill(0);
  return ctx;
}

/** Runs `scenario` with `seed` and returns its weekly metrics. */
export function simulate(scenario: Scenario, seed: number, options: SimulationOptions = {}): RunResult {
  const schedule = compileSchedule(scenario.policies, scenario.weeks);
  const policies = options.policies ?? POLICIES;
  const ctx = startRun(scenario, seed, schedule);
  const { pop, org, streams } = ctx;

  const hireDraws = hireSamplers(scenario, streams.hires);
  const incidents = incidentDraws(streams);
  const columns = allocateColumns(scenario.weeks);
  const recorder = createRecorder(columns);

  for (let t = 0; t < scenario.weeks; t++) {
    ctx.t = t;
    ctx.policies = schedule[t];
    resetWeek(org);

    drawPositionCoins(ctx.coins, streams, pop.size);
    ctx.reviserCount = drawRevisers(ctx);
    computeProspects(ctx);
    baseUtility(ctx);
    for (const policy of policies) policy.utility?.(ctx);
    chooseStrategies(ctx);

    realiseOutcomes(ctx);
    drawIncidents(ctx, incidents);
    updateOrganisation(ctx);
    for (const policy of policies) policy.afterOutcomes?.(ctx);

    if ((t + 1) % ctx.policies.review.cycleWeeks === 0) {
      org.reviewWeek = true;
      for (const policy of policies) policy.onReview?.(ctx);
      pop.cycleOutput.fill(0);
      pop.cycleTokens.fill(0);
    }

    updatePeople(ctx, hireDraws);
    recordWeek(recorder, ctx);
    if (options.checkInvariants) checkInvariants(ctx, columns);
    options.onWeek?.(t, ctx);
  }
  return { seed, weeks: scenario.weeks, metrics: columns };
}
