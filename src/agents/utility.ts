/**
 * Step 3 of the week, the engineer's own part (MODEL.md §6): the cost of gaming, the effort of each
 * strategy, and the habit of keeping the current one. Policies then add their terms (src/policies).
 *
 * The cost of gaming under strategy k is its gaming intensity times the engineer's moral cost, which
 * falls with the share of teammates who gamed last week, less the pull of the share who worked that
 * way (descriptive norms, src/agents/norms.ts). Padding's intensity is the padder strategy's
 * times the share of the week's tokens that must be faked (src/agents/padding.ts): those just short
 * of a target pad most.
 */
import type { WeekContext } from '../sim/context.ts';
import { conformityCost, gamed, moralCost, teamNorm, teamShare } from './norms.ts';
import { fakedShare } from './padding.ts';
import { PADDER, STRATEGIES, STRATEGY_COUNT, type StrategyDeclaration } from './strategies.ts';

export function baseUtility(ctx: WeekContext): void {
  const { pop, org, revisers, reviserCount } = ctx;
  const b = ctx.scenario.behaviour;
  const { effort, gaming } = ctx.shape;
  const { gamingAversion, contagion, conformity, inertia } = b;
  const { teamActive, teamGamers, teamStrategies } = org;
  const { integrity, strategy, team, tokens, genuineTokensPerWeek, plannedTokens, utility: U } = pop;
  for (let j = 0; j < reviserCount; j++) {
    const i = revisers[j];
    const g = team[i];
    const current = strategy[i];
    const genuine = genuineTokensPerWeek[i];
    // Last week's tokens: what the teammates' count of gamers saw.
    const norm = teamNorm(teamGamers[g], teamActive[g], gamed(current, tokens[i], genuine));
    const moral = moralCost(gamingAversion, integrity[i], contagion, norm);
    const base = j * STRATEGY_COUNT;
    for (let k = 0; k < STRATEGY_COUNT; k++) {
      let intensity = gaming[k];
      if (k === PADDER) {
        // Padding's intensity is the share faked; with nothing to fake (no target, or a genuine need
        // that meets it) there is nothing to pad, and no one works that way.
        const faked = fakedShare(genuine, plannedTokens[base + k]);
        if (!(faked > 0)) {
          U[base + k] = -Infinity;
          continue;
        }
        intensity *= faked;
      }
      const share = teamShare(teamStrategies[g * STRATEGY_COUNT + k], teamActive[g], k === current);
      const gamingCost = intensity > 0 ? intensity * moral + conformityCost(conformity, share) : 0;
      U[base + k] = -gamingCost - effort[k] + (k === current ? inertia : 0);
    }
  }
}

/** Strategies that can be chosen only while the bot may deploy (autopilot), found once. */
const NEED_BOT_DEPLOYS = STRATEGIES.flatMap((s: StrategyDeclaration, k) => (s.needs === 'botDeploys' ? [k] : []));

/** After every policy's terms: a strategy whose needs are not met this week cannot be chosen. */
export function closeUnavailable(ctx: WeekContext): void {
  if (ctx.signals.botDeploys) return;
  const U = ctx.pop.utility;
  for (const k of NEED_BOT_DEPLOYS) {
    for (let j = 0; j < ctx.reviserCount; j++) U[j * STRATEGY_COUNT + k] = -Infinity;
  }
}
