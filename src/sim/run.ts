/**
 * One run of one scenario with one seed: the week of MODEL.md §3, as a named list of steps, over a
 * struct-of-arrays population. Pure: no files, no clock, no global state; everything random comes
 * from the streams derived from the seed.
 */
import { chooseStrategies, drawRevisers } from '../agents/choice.ts';
import { allocatePopulation, hireAll, hireSamplers, initialSamplers, type AttributeSamplers } from '../agents/population.ts';
import { computeProspects, createWeekAims } from '../agents/prospects.ts';
import { STRATEGY_COUNT, strategyShape } from '../agents/strategies.ts';
import { baseUtility, closeUnavailable } from '../agents/utility.ts';
import type { Policy } from '../policies/policy.ts';
import type { WeekPolicies } from '../scenario/schedule.ts';
import type { Scenario } from '../scenario/schema.ts';
import { createReviewOutcome, settleCodeReview } from './code-review.ts';
import type { OrgState, WeekContext } from './context.ts';
import { changeProfile } from './defects.ts';
import { drawIncidents, incidentDraws, type IncidentDraws } from './incidents.ts';
import { checkInvariants } from './invariants.ts';
import { allocateColumns, type MetricColumns, type MetricDefinition } from './metrics.ts';
import { compiledScenario, type Model } from './model.ts';
import { NO_NOISE, noiseFactors } from './observed-output.ts';
import { updateOrganisation } from './organisation.ts';
import { updatePeople } from './people.ts';
import { createPositionCoins, createStreams, drawPositionCoins, stream } from './random.ts';
import { createRecorder, recordWeek, type Recorder } from './recorder.ts';
import { realiseOutcomes } from './outcomes.ts';
import { steadyLatent } from './security.ts';
import { createSignals, resetSignals } from './signals.ts';
import { TOTALS_SIZE } from './totals.ts';
import { createUsageDistribution } from './usage-distribution.ts';

/** Options of one run: invariant checks, the model, a callback after each week. */
export interface SimulationOptions {
  /** Check the invariants of src/sim/invariants.ts after every week (slower; for tests). */
  checkInvariants?: boolean;
  /** The model the scenario is run with: the one it was validated with unless given (src/sim/model.ts). */
  model?: Model;
  /** Called after each week, e.g. to animate a run; must not change the state. */
  onWeek?: (t: number, ctx: WeekContext) => void;
}

/** What one run produced: one value per week for each metric, in the model's order. */
export interface RunResult {
  seed: number;
  weeks: number;
  metrics: MetricColumns;
  /** The declarations of the metrics, in the order of `metrics` (the model's). */
  definitions: readonly MetricDefinition[];
}

/** A policy with the state it keeps over one run. */
export interface PolicyInstance {
  policy: Policy;
  state: unknown;
}

/** Everything one run keeps from week to week. */
export interface Run {
  ctx: WeekContext;
  model: Model;
  schedule: WeekPolicies[];
  policies: readonly PolicyInstance[];
  hireDraws: AttributeSamplers;
  incidents: IncidentDraws;
  /** The weekly noise factor of observed output, by bin of its uniform (src/sim/observed-output.ts). */
  noiseFactors: Float64Array;
  columns: MetricColumns;
  recorder: Recorder;
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
    totals: new Float64Array(TOTALS_SIZE),
    teamStrategies: new Float64Array(teamCount * STRATEGY_COUNT),
    teamCare: new Float64Array(teamCount),
    review: createReviewOutcome(),
    latentVulnerabilities: 0,
    incidents: 0,
    botIncidents: 0,
    securityIncidents: 0,
    majorOutages: 0,
    severeOutages: 0,
    incidentCost: 0,
    severityLoss: 0,
    leavers: 0,
    hires: 0,
  };
}

export function resetWeek(org: OrgState): void {
  org.totals.fill(0);
  org.incidents = 0;
  org.botIncidents = 0;
  org.securityIncidents = 0;
  org.majorOutages = 0;
  org.severeOutages = 0;
  org.incidentCost = 0;
  org.severityLoss = 0;
  org.leavers = 0;
  org.hires = 0;
}

/** Step 1 (schedule): the week's policy values, and the signals the policies give. */
function setSignals(run: Run): void {
  const { ctx } = run;
  resetSignals(ctx.signals);
  for (const { policy, state } of run.policies) policy.signals?.(ctx, ctx.policies[policy.name], state);
}

/**
 * The steps of a week, in order (MODEL.md §3). `simulate` runs them; the benchmark times each
 * (bench/phases.ts).
 */
export const WEEK_STEPS: readonly { name: string; run: (run: Run) => void }[] = [
  {
    name: 'schedule',
    run(run) {
      const { ctx } = run;
      ctx.policies = run.schedule[ctx.t];
      resetWeek(ctx.org);
      setSignals(run);
      drawPositionCoins(ctx.coins, ctx.streams, ctx.pop.size);
    },
  },
  { name: 'revisers', run: ({ ctx }) => void (ctx.reviserCount = drawRevisers(ctx)) },
  { name: 'prospects', run: ({ ctx }) => computeProspects(ctx) },
  {
    name: 'utilities',
    run({ ctx, policies }) {
      baseUtility(ctx);
      for (const { policy, state } of policies) policy.utility?.(ctx, ctx.policies[policy.name], state);
      closeUnavailable(ctx);
    },
  },
  { name: 'choice', run: ({ ctx }) => chooseStrategies(ctx) },
  { name: 'outcomes', run: ({ ctx, noiseFactors }) => realiseOutcomes(ctx, noiseFactors, ctx.scenario.behaviour.toolLearningRate) },
  { name: 'code review', run: ({ ctx }) => settleCodeReview(ctx, ctx.changeProfile) },
  { name: 'incidents', run: ({ ctx, incidents }) => drawIncidents(ctx, incidents) },
  {
    name: 'organisation',
    run({ ctx, policies }) {
      updateOrganisation(ctx);
      for (const { policy, state } of policies) policy.afterOutcomes?.(ctx, ctx.policies[policy.name], state);
    },
  },
  {
    name: 'reviews',
    run({ ctx, policies }) {
      if (!ctx.signals.reviewWeek) return;
      for (const { policy, state } of policies) policy.onReview?.(ctx, ctx.policies[policy.name], state);
      ctx.pop.cycleOutput.fill(0);
      ctx.pop.cycleTokens.fill(0);
    },
  },
  { name: 'people', run: ({ ctx, hireDraws }) => updatePeople(ctx, hireDraws) },
  {
    name: 'record',
    run({ ctx, policies, recorder, columns }) {
      recordWeek(recorder, ctx);
      for (const { policy, state } of policies) {
        for (const metric of policy.metrics ?? []) columns[metric.name][ctx.t] = metric.record(ctx, ctx.policies[policy.name], state);
      }
    },
  },
];

/**
 * The organisation before the first week: a population drawn from the scenario, everyone fully ramped
 * up and using the tool if they think it helps, and one week of outcomes realised (not recorded) so
 * that the first decisions see a leaderboard and an output distribution.
 */
export function startRun(scenario: Scenario, seed: number, model?: Model): Run {
  const compiled = compiledScenario(scenario, model);
  const { schedule } = compiled;
  const pop = allocatePopulation(scenario.agents, scenario.population.teamSize);
  const streams = createStreams(seed);
  const policies = compiled.model.policies.map((policy) => ({
    policy,
    state: policy.createState?.({ pop, block: scenario.policies[policy.name], stream: (name) => stream(seed, name) }),
  }));
  const org = createOrg(pop.teamCount);
  const shape = strategyShape({ tool: scenario.aiTool, behaviour: scenario.behaviour });
  const ctx: WeekContext = {
    t: 0,
    scenario,
    shape,
    changeProfile: changeProfile(scenario.incidents, shape),
    policies: schedule[0],
    signals: createSignals(pop.size),
    hireHooks: policies.filter((p) => p.policy.hire).map(({ policy, state }) => (i, rng) => policy.hire!(state, i, rng)),
    pop,
    org,
    streams,
    coins: createPositionCoins(pop.size),
    revisers: new Int32Array(pop.size),
    reviserCount: 0,
    aims: createWeekAims(scenario.aiTool.padMargin),
  };
  const columns = allocateColumns(scenario.weeks, compiled.model.metrics);
  const run: Run = {
    ctx,
    model: compiled.model,
    schedule,
    policies,
    hireDraws: hireSamplers(scenario, streams.hires),
    incidents: incidentDraws(streams),
    noiseFactors: noiseFactors(scenario.population.weeklyOutputNoise),
    columns,
    recorder: createRecorder(columns),
  };
  setSignals(run);
  hireAll(pop, initialSamplers(scenario, seed), scenario, ctx.signals.statedUsageWeight, scenario.people.rampWeeks);
  // Nobody has seen this week: it is observed as it was, and teaches nothing about the tool.
  realiseOutcomes(ctx, NO_NOISE, 0);
  // The organisation has been shipping like this for a while: its stock of latent vulnerabilities is the steady state.
  settleCodeReview(ctx, ctx.changeProfile);
  org.latentVulnerabilities = steadyLatent(scenario.incidents, org.review.vulnerabilities);
  updateOrganisation(ctx);
  pop.cycleOutput.fill(0);
  pop.cycleTokens.fill(0);
  return run;
}

/** Runs `scenario` with `seed` and returns its weekly metrics. */
export function simulate(scenario: Scenario, seed: number, options: SimulationOptions = {}): RunResult {
  const run = startRun(scenario, seed, options.model);
  const { ctx, columns } = run;
  for (let t = 0; t < scenario.weeks; t++) {
    ctx.t = t;
    for (const step of WEEK_STEPS) step.run(run);
    if (options.checkInvariants) checkInvariants(ctx, columns);
    options.onWeek?.(t, ctx);
  }
  return { seed, weeks: scenario.weeks, metrics: columns, definitions: run.model.metrics };
}
