/**
 * Step 2 of the week (MODEL.md §3-4): for each engineer revising, the output they expect and the
 * tokens they would use under each strategy. Expected output uses the engineer's perceived AI fit
 * (aiFit + aiFitBias); realised output (src/sim/outcomes.ts) uses the true one.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { WeekAims, WeekContext } from '../sim/context.ts';
import { POSITIONS_PER_DECADE, tokensPosition, usagePercentile, usagePercentileAt, usageQuantile, type UsageDistribution } from '../sim/usage-distribution.ts';
import { AUTOPILOT, MAXER, PADDER, plannedTokens, STRATEGY_COUNT } from './strategies.ts';
import { paddedOffsets, paddedPosition } from './padding.ts';

/** Share of full output of an engineer `tenure` weeks after hire. */
export function rampFactor(tenure: number, people: Scenario['people']): number {
  if (tenure >= people.rampWeeks) return 1;
  return people.rampStart + ((1 - people.rampStart) * tenure) / people.rampWeeks;
}

/** Tokens a maxer aims at this week: beyond last week's chosen usage percentile. */
export function maxerAim(ctx: WeekContext): number {
  const tool = ctx.scenario.aiTool;
  return usageQuantile(ctx.org.usage, tool.maxPercentile) * tool.maxMultiple;
}

/** Output under strategy k for a given AI fit, before ramp-up and outages; never negative. */
export function strategyOutput(skill: number, fit: number, time: number, aiUse: number): number {
  const factor = 1 + fit * aiUse;
  return factor > 0 ? skill * time * factor : 0;
}

export function createWeekAims(padMargin: number): WeekAims {
  return {
    padTarget: Number.NaN,
    padTargetPosition: 0,
    padOffsets: paddedOffsets(padMargin, POSITIONS_PER_DECADE),
    padTokens: 0,
    padPosition: 0,
    padPercentile: 0,
    maxTokens: 0,
    maxPosition: 0,
    maxPercentile: 0,
    nonePercentile: 0,
  };
}

/** Below this many tokens a target is off the usage scale (tokensPosition gives it the position of none). */
const SCALE_FLOOR_TOKENS = 1000;

export function updateWeekAims(aims: WeekAims, ctx: WeekContext, maxAim: number): void {
  const tool = ctx.scenario.aiTool;
  const usage = ctx.org.usage;
  const target = ctx.signals.commonUsageTarget;
  aims.padTarget = target >= SCALE_FLOOR_TOKENS ? target : Number.NaN;
  aims.padTargetPosition = tokensPosition(target);
  aims.padTokens = plannedTokens(PADDER, 0, target, maxAim, tool);
  aims.padPosition = tokensPosition(aims.padTokens);
  aims.padPercentile = usagePercentileAt(usage, aims.padPosition);
  aims.maxTokens = plannedTokens(MAXER, 0, 0, maxAim, tool);
  aims.maxPosition = tokensPosition(aims.maxTokens);
  aims.maxPercentile = usagePercentileAt(usage, aims.maxPosition);
  aims.nonePercentile = usagePercentile(usage, 0);
}

/**
 * tokensPosition(tokens) of strategy k's tokens, looked up when they are the engineer's genuine need
 * or one of the week's aims, and read from the table of padded positions when they are a padder's
 * under the common target (below the rate limit, which would have capped them).
 */
export function plannedPosition(k: number, tokens: number, genuine: number, genuinePosition: number, target: number, rateLimit: number, aims: WeekAims): number {
  if (tokens === genuine) return genuinePosition;
  if (k === PADDER && target === aims.padTarget && tokens > genuine && tokens < rateLimit) return paddedPosition(genuine, target, aims.padTargetPosition, aims.padOffsets);
  if (tokens === aims.padTokens) return aims.padPosition;
  if (tokens === aims.maxTokens) return aims.maxPosition;
  return tokensPosition(tokens);
}

/** usagePercentile(usage, tokens), looked up when the tokens are none, the engineer's genuine need or one of the week's aims. */
function plannedPercentileOf(k: number, tokens: number, genuine: number, genuinePercentile: number, target: number, rateLimit: number, aims: WeekAims, usage: UsageDistribution): number {
  if (tokens === genuine) return genuinePercentile;
  if (tokens === 0) return aims.nonePercentile;
  if (tokens === aims.padTokens) return aims.padPercentile;
  if (tokens === aims.maxTokens) return aims.maxPercentile;
  if (k === PADDER && target === aims.padTarget && tokens > genuine && tokens < rateLimit) {
    return usagePercentileAt(usage, paddedPosition(genuine, target, aims.padTargetPosition, aims.padOffsets));
  }
  return usagePercentile(usage, tokens);
}

export function computeProspects(ctx: WeekContext): void {
  const { pop, scenario, revisers, reviserCount, aims } = ctx;
  const tool = scenario.aiTool;
  const people = scenario.people;
  const { time, aiUse } = ctx.shape;
  const usage = ctx.org.usage;
  const maxAim = maxerAim(ctx);
  updateWeekAims(aims, ctx, maxAim);
  const available = 1 - ctx.org.outageLoss;
  const { usageTarget, anyUsageTarget } = ctx.signals;
  const { skill, aiFit, aiFitBias, tenure, genuineTokensPerWeek, genuinePosition, autopilotPosition, perceivedOutput, plannedTokens: T, plannedPercentile } = pop;
  for (let j = 0; j < reviserCount; j++) {
    const i = revisers[j];
    const base = j * STRATEGY_COUNT;
    const scale = rampFactor(tenure[i], people) * available;
    const perceivedFit = aiFit[i] + aiFitBias[i];
    const target = anyUsageTarget ? usageTarget[i] : 0;
    const genuine = genuineTokensPerWeek[i];
    const genuinePercentile = usagePercentileAt(usage, genuinePosition[i]);
    for (let k = 0; k < STRATEGY_COUNT; k++) {
      perceivedOutput[base + k] = strategyOutput(skill[i], perceivedFit, time[k], aiUse[k]) * scale;
      const tokens = plannedTokens(k, genuine, target, maxAim, tool);
      T[base + k] = tokens;
      plannedPercentile[base + k] =
        k === AUTOPILOT ? usagePercentileAt(usage, autopilotPosition[i]) : plannedPercentileOf(k, tokens, genuine, genuinePercentile, target, tool.rateLimitTokensPerWeek, aims, usage);
    }
  }
}
