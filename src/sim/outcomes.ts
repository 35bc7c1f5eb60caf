/**
 * Step 5 of the week (MODEL.md §3-4): what each engineer's strategy produces. Real output uses the
 * true AI fit and the engineer's effort (`pop.motivation`, which policies may move); tokens above the
 * genuine need are gaming. What a manager and the engineer see of it is observed output, real output ×
 * the week's noise (src/sim/observed-output.ts): reviews add it up, and engineers who used the tool
 * learn from it (src/agents/tool-beliefs.ts). Also counts, per team, who gamed: the norm
 * teammates see next week.
 *
 * The same pass adds up the week for everything downstream (src/sim/totals.ts): output and its
 * square (the organisation's statistics), tokens, genuine tokens and bot deploys (the recorder), per
 * team what needs code review and the defects it carries (src/sim/code-review.ts) and next week's
 * usage histogram. One pass over the population instead of four: at a million engineers the week is
 * limited by reading memory, not by arithmetic.
 */
import { maxerAim, plannedPosition, rampFactor, strategyOutput, updateWeekAims } from '../agents/prospects.ts';
import { learnedBias } from '../agents/tool-beliefs.ts';
import { noiseFactor } from './observed-output.ts';
import type { WeekContext } from './context.ts';
import { gamed } from '../agents/norms.ts';
import { AUTOPILOT, plannedTokens, STRATEGY_COUNT } from '../agents/strategies.ts';
import { COVERED, GENUINE_TOKENS, MEETING_TARGET, OUTPUT, OUTPUT_SQUARES, STRATEGIES, TOKENS, WORKING } from './totals.ts';

/**
 * `noise` is the table of observed output's noise factors (noiseFactors), `learningRate` how much
 * engineers learn about the tool from this week (0 before the first week, which nobody observes).
 */
export function realiseOutcomes(ctx: WeekContext, noise: Float64Array, learningRate: number): void {
  const { pop, org, scenario, aims } = ctx;
  const { perceptionBias } = scenario.behaviour;
  const observationCoin = ctx.coins.observation;
  const tool = scenario.aiTool;
  const people = scenario.people;
  const { time, aiUse: aiUses } = ctx.shape;
  const maxAim = maxerAim(ctx);
  updateWeekAims(aims, ctx, maxAim);
  const available = 1 - org.outageLoss;
  const rateLimit = tool.rateLimitTokensPerWeek;
  const { usageTarget, anyUsageTarget } = ctx.signals;
  const { active, strategy, skill, aiFit, aiFitBias, care, tenure, motivation, genuineTokensPerWeek, genuinePosition, autopilotPosition, output, observedOutput, tokens, usagePosition, cycleOutput, cycleTokens, team } = pop;
  const { teamGamers, teamActive, teamStrategies, teamCare, totals } = org;
  const nextUsage = org.nextUsage.counts;
  teamGamers.fill(0);
  teamActive.fill(0);
  teamStrategies.fill(0);
  teamCare.fill(0);
  nextUsage.fill(0);
  for (let i = 0; i < pop.size; i++) {
    if (active[i] === 0) {
      output[i] = 0;
      observedOutput[i] = 0;
      tokens[i] = 0;
      continue;
    }
    const k = strategy[i];
    const aiUse = aiUses[k];
    const genuine = genuineTokensPerWeek[i];
    const fit = aiFit[i];
    const out = strategyOutput(skill[i], fit, time[k], aiUse) * rampFactor(tenure[i], people) * available * motivation[i];
    const epsilon = noiseFactor(observationCoin[i], noise);
    const seen = out * epsilon;
    const target = anyUsageTarget ? usageTarget[i] : 0;
    const used = plannedTokens(k, genuine, target, maxAim, tool);
    const position = k === AUTOPILOT ? autopilotPosition[i] : plannedPosition(k, used, genuine, genuinePosition[i], target, rateLimit, aims);
    output[i] = out;
    observedOutput[i] = seen;
    tokens[i] = used;
    usagePosition[i] = position;
    cycleOutput[i] += seen;
    cycleTokens[i] += used;
    // Without the tool, or with nothing to see (a week lost to outages), there is nothing to learn from.
    if (learningRate > 0 && aiUse > 0 && out > 0) aiFitBias[i] = learnedBias(aiFitBias[i], fit, aiUse, epsilon, learningRate, perceptionBias);
    const g = team[i];
    teamActive[g]++;
    if (gamed(k, used, genuine)) teamGamers[g]++;
    // What a team ships and reviews depends only on its engineers' strategies and care (src/sim/code-review.ts).
    teamStrategies[g * STRATEGY_COUNT + k]++;
    teamCare[g] += care[i];
    nextUsage[position | 0]++;
    totals[WORKING]++;
    totals[STRATEGIES + k]++;
    totals[OUTPUT] += out;
    totals[OUTPUT_SQUARES] += out * out;
    totals[TOKENS] += used;
    totals[GENUINE_TOKENS] += aiUse > 0 ? Math.min(used, genuine) : 0;
    if (target > 0) {
      totals[COVERED]++;
      if (used >= target) totals[MEETING_TARGET]++;
    }
  }
}
