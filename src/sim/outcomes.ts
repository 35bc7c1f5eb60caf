/**
 * Step 5 of the week (MODEL.md §3-4): what each engineer's strategy produces. Real output uses the
 * true AI fit; tokens above the genuine need are gaming. Also counts, per team, who gamed: the norm
 * teammates see next week.
 */
import { maxerAim, plannedPosition, plannedTokens, rampFactor, strategyOutput, updateWeekAims } from '../agents/prospects.ts';
import { AUTOPILOT, isGaming } from '../agents/strategies.ts';
import { quotaCoverage } from '../policies/quota.ts';
import { botDeploysAllowed } from '../policies/deployment.ts';
import type { WeekContext } from './context.ts';

export function realiseOutcomes(ctx: WeekContext): void {
  const { pop, org, scenario, aims } = ctx;
  const tool = scenario.aiTool;
  const people = scenario.people;
  const { time, aiUse: aiUses } = ctx.shape;
  const maxAim = maxerAim(ctx);
  updateWeekAims(aims, ctx, maxAim);
  const available = 1 - org.outageLoss;
  const botsDeploy = botDeploysAllowed(ctx);
  const assistedDeploys = scenario.incidents.assistedBotDeploysPerWeek;
  const autopilotDeploys = scenario.incidents.autopilotBotDeploysPerWeek;
  const coverage = quotaCoverage(ctx);
  const quotaTarget = ctx.policies.quota.target;
  const { active, strategy, skill, aiFit, tenure, genuineTokensPerWeek, genuinePosition, autopilotPosition, coverageRank, output, tokens, usagePosition, genuineTokens, botDeploys, cycleOutput, cycleTokens, team } = pop;
  const { teamGamers, teamActive } = org;
  teamGamers.fill(0);
  teamActive.fill(0);
  for (let i = 0; i < pop.size; i++) {
    if (active[i] === 0) {
      output[i] = 0;
      tokens[i] = 0;
      genuineTokens[i] = 0;
      botDeploys[i] = 0;
      continue;
    }
    const k = strategy[i];
    const aiUse = aiUses[k];
    const genuine = genuineTokensPerWeek[i];
    const out = strategyOutput(skill[i], aiFit[i], time[k], aiUse) * rampFactor(tenure[i], people) * available;
    const used = plannedTokens(k, genuine, coverageRank[i] < coverage ? quotaTarget : 0, maxAim, tool);
    output[i] = out;
    tokens[i] = used;
    usagePosition[i] = k === AUTOPILOT ? autopilotPosition[i] : plannedPosition(used, genuine, genuinePosition[i], aims);
    genuineTokens[i] = aiUse > 0 ? Math.min(used, genuine) : 0;
    botDeploys[i] = !botsDeploy || aiUse === 0 ? 0 : k === AUTOPILOT ? autopilotDeploys : assistedDeploys;
    cycleOutput[i] += out;
    cycleTokens[i] += used;
    const g = team[i];
    teamActive[g]++;
    if (isGaming(k)) teamGamers[g]++;
  }
}
