/**
 * Step 2 of the week (MODEL.md §3-4): for each engineer revising, the output they expect and the
 * tokens they would use under each strategy. Expected output uses the engineer's perceived AI fit
 * (aiFit + aiFitBias); realised output (src/sim/outcomes.ts) uses the true one.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { WeekContext } from '../sim/context.ts';
import { usageQuantile } from '../sim/usage-distribution.ts';
import { quotaTargetFor } from '../policies/quota.ts';
import { ADOPTER, AUTOPILOT, MANUAL, MAXER, PADDER, STRATEGY_COUNT } from './strategies.ts';

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

/**
 * Tokens used under strategy k by an engineer with the given genuine need, quota target (0 when not
 * covered) and maxer aim. Everything above the genuine need is gaming.
 */
export function plannedTokens(k: number, genuine: number, quotaTarget: number, maxAim: number, tool: Scenario['aiTool']): number {
  let tokens: number;
  switch (k) {
    case MANUAL:
      return 0;
    case ADOPTER:
      tokens = genuine;
      break;
    case PADDER:
      tokens = quotaTarget > 0 ? Math.max(genuine, quotaTarget * (1 + tool.padMargin)) : genuine;
      break;
    case MAXER:
      tokens = Math.max(genuine, maxAim);
      break;
    case AUTOPILOT:
    default:
      tokens = genuine * tool.autopilotTokenMultiple;
  }
  return Math.min(tokens, tool.rateLimitTokensPerWeek);
}

/** Output under strategy k for a given AI fit, before ramp-up and outages; never negative. */
export function strategyOutput(skill: number, fit: number, time: number, aiUse: number): number {
  const factor = 1 + fit * aiUse;
  return factor > 0 ? skill * time * factor : 0;
}

export function computeProspects(ctx: WeekContext): void {
  const { pop, scenario, revisers, reviserCount } = ctx;
  const tool = scenario.aiTool;
  const shape = ctx.shape;
  const maxAim = maxerAim(ctx);
  const available = 1 - ctx.org.outageLoss;
  const { skill, aiFit, aiFitBias, tenure, genuineTokensPerWeek, perceivedOutput, plannedTokens: T } = pop;
  for (let j = 0; j < reviserCount; j++) {
    const i = revisers[j];
    const base = i * STRATEGY_COUNT;
    const scale = rampFactor(tenure[i], scenario.people) * available;
    const perceivedFit = aiFit[i] + aiFitBias[i];
    const target = quotaTargetFor(ctx, i);
    for (let k = MANUAL; k <= AUTOPILOT; k++) {
      perceivedOutput[base + k] = strategyOutput(skill[i], perceivedFit, shape.time[k], shape.aiUse[k]) * scale;
      T[base + k] = plannedTokens(k, genuineTokensPerWeek[i], target, maxAim, tool);
    }
  }
}
