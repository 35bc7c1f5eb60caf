/**
 * Step 5 of the week (MODEL.md §3-4): what each engineer's strategy produces. Real output uses the
 * true AI fit; tokens above the genuine need are gaming. Also counts, per team, who gamed: the norm
 * teammates see next week.
 *
 * The same pass adds up the week for everything downstream (src/sim/totals.ts): output and its
 * square (the organisation's statistics), tokens, genuine tokens and bot deploys (the recorder), per
 * team what needs code review and the defects it carries (src/sim/code-review.ts) and next week's
 * usage histogram. One pass over the population instead of four: at a million engineers the week is
 * limited by reading memory, not by arithmetic.
 */
import { maxerAim, plannedPosition, rampFactor, strategyOutput, updateWeekAims } from '../agents/prospects.ts';
import type { WeekContext } from './context.ts';
import { gamed } from '../agents/norms.ts';
import { AUTOPILOT, plannedTokens, STRATEGY_COUNT } from '../agents/strategies.ts';
import { COVERED, GENUINE_TOKENS, MEETING_TARGET, OUTPUT, OUTPUT_SQUARES, STRATEGIES, TOKENS, WORKING } from './totals.ts';

export function realiseOutcomes(ctx: WeekContext): void {
  const { pop, org, scenario, aims } = ctx;
  const tool = scenario.aiTool;
  const people = scenario.people;
  const { time, aiUse: aiUses } = ctx.shape;
  const maxAim = maxerAim(ctx);
  updateWeekAims(aims, ctx, maxAim);
  const available = 1 - org.outageLoss;
  const { usageTarget, anyUsageTarget } = ctx.signals;
  const { active, strategy, skill, aiFit, care, tenure, genuineTokensPerWeek, genuinePosition, autopilotPosition, output, tokens, cycleOutput, cycleTokens, team } = pop;
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
      tokens[i] = 0;
      continue;
    }
    const k = strategy[i];
    const aiUse = aiUses[k];
    const genuine = genuineTokensPerWeek[i];
    const out = strategyOutput(skill[i], aiFit[i], time[k], aiUse) * rampFactor(tenure[i], people) * available;
    const target = anyUsageTarget ? usageTarget[i] : 0;
    const used = plannedTokens(k, genuine, target, maxAim, tool);
    const position = k === AUTOPILOT ? autopilotPosition[i] : plannedPosition(used, genuine, genuinePosition[i], aims);
    output[i] = out;
    tokens[i] = used;
    cycleOutput[i] += out;
    cycleTokens[i] += used;
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
