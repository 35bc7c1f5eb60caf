/**
 * Step 5 of the week (MODEL.md §3-4): what each engineer's strategy produces. Real output uses the
 * true AI fit; tokens above the genuine need are gaming. Also counts, per team, who gamed: the norm
 * teammates see next week.
 *
 * The same pass adds up the week for everything downstream (src/sim/totals.ts): output and its
 * square (the organisation's statistics), tokens, genuine tokens and bot deploys (the recorder), each
 * engineer's share of the expected incidents (src/sim/incidents.ts) and next week's usage
 * histogram. One pass over the population instead of four: at a million engineers the week is
 * limited by reading memory, not by arithmetic.
 */
import { maxerAim, plannedPosition, rampFactor, strategyOutput, updateWeekAims } from '../agents/prospects.ts';
import { AUTOPILOT, BOT_RULE, isGaming, NO_BOT, plannedTokens, UNREVIEWED_BOT } from '../agents/strategies.ts';
import type { WeekContext } from './context.ts';
import { BOT_DEPLOYS, BOT_FAILURE_CHANCES, COVERED, GENUINE_TOKENS, HUMAN_WORK_TIME, MEETING_TARGET, OUTPUT, OUTPUT_SQUARES, STRATEGIES, TOKENS, WORKING } from './totals.ts';


export function realiseOutcomes(ctx: WeekContext): void {
  const { pop, org, scenario, aims } = ctx;
  const tool = scenario.aiTool;
  const people = scenario.people;
  const { time, aiUse: aiUses } = ctx.shape;
  const maxAim = maxerAim(ctx);
  updateWeekAims(aims, ctx, maxAim);
  const available = 1 - org.outageLoss;
  const { botDeploys: botsDeploy, botReviewRigor: rigor, usageTarget, anyUsageTarget } = ctx.signals;
  const assistedDeploys = scenario.incidents.assistedBotDeploysPerWeek;
  const autopilotDeploys = scenario.incidents.autopilotBotDeploysPerWeek;
  const aiCareFactor = scenario.incidents.aiCareFactor;
  const { active, strategy, skill, aiFit, care, tenure, genuineTokensPerWeek, genuinePosition, autopilotPosition, output, tokens, cycleOutput, cycleTokens, team } = pop;
  const { teamGamers, teamActive, totals } = org;
  const nextUsage = org.nextUsage.counts;
  teamGamers.fill(0);
  teamActive.fill(0);
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
    const bot = BOT_RULE[k];
    const deploys = !botsDeploy || bot === NO_BOT ? 0 : bot === UNREVIEWED_BOT ? autopilotDeploys : assistedDeploys;
    const careOnBotCode = bot === UNREVIEWED_BOT ? 0 : care[i] * aiCareFactor;
    output[i] = out;
    tokens[i] = used;
    cycleOutput[i] += out;
    cycleTokens[i] += used;
    const g = team[i];
    teamActive[g]++;
    if (isGaming(k)) teamGamers[g]++;
    nextUsage[position | 0]++;
    totals[WORKING]++;
    totals[STRATEGIES + k]++;
    totals[OUTPUT] += out;
    totals[OUTPUT_SQUARES] += out * out;
    totals[TOKENS] += used;
    totals[GENUINE_TOKENS] += aiUse > 0 ? Math.min(used, genuine) : 0;
    totals[BOT_DEPLOYS] += deploys;
    totals[BOT_FAILURE_CHANCES] += deploys * (1 - rigor * careOnBotCode);
    totals[HUMAN_WORK_TIME] += time[k];
    if (target > 0) {
      totals[COVERED]++;
      if (used >= target) totals[MEETING_TARGET]++;
    }
  }
}
