/**
 * Step 5 of the week (MODEL.md §3-4): what each engineer's strategy produces. Real output uses the
 * true AI fit; tokens above the genuine need are gaming. Also counts, per team, who gamed: the norm
 * teammates see next week.
 */
import { plannedTokens, maxerAim, rampFactor, strategyOutput } from '../agents/prospects.ts';
import { AUTOPILOT, isGaming } from '../agents/strategies.ts';
import { quotaTargetFor } from '../policies/quota.ts';
import { botDeploysAllowed } from '../policies/deployment.ts';
import type { WeekContext } from './context.ts';

export function realiseOutcomes(ctx: WeekContext): void {
  const { pop, org, scenario, shape } = ctx;
  const tool = scenario.aiTool;
  const maxAim = maxerAim(ctx);
  const available = 1 - org.outageLoss;
  const botsDeploy = botDeploysAllowed(ctx);
  const assistedDeploys = scenario.incidents.assistedBotDeploysPerWeek;
  const autopilotDeploys = scenario.incidents.autopilotBotDeploysPerWeek;
  const { active, strategy, skill, aiFit, tenure, genuineTokensPerWeek, output, tokens, genuineTokens, botDeploys, cycleOutput, cycleTokens, team } = pop;
  org.teamGamers.fill(0);
  org.teamActive.fill(0);
  for (let i = 0; i < pop.size; i++) {
    if (active[i] === 0) {
      output[i] = 0;
      tokens[i] = 0;
      genuineTokens[i] = 0;
      botDeploys[i] = 0;
      continue;
    }
    const k = strategy[i];
    const aiUse = shape.aiUse[k];
    const out = strategyOutput(skill[i], aiFit[i], shape.time[k], aiUse) * rampFactor(tenure[i], scenario.people) * available;
    const used = plannedTokens(k, genuineTokensPerWeek[i], quotaTargetFor(ctx, i), maxAim, tool);
    output[i] = out;
    tokens[i] = used;
    genuineTokens[i] = aiUse > 0 ? Math.min(used, genuineTokensPerWeek[i]) : 0;
    botDeploys[i] = !botsDeploy || aiUse === 0 ? 0 : k === AUTOPILOT ? autopilotDeploys : assistedDeploys;
    cycleOutput[i] += out;
    cycleTokens[i] += used;
    const g = team[i];
    org.teamActive[g]++;
    if (isGaming(k)) org.teamGamers[g]++;
  }
}
