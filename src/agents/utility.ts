/**
 * Step 3 of the week, the engineer's own part (MODEL.md §5): the cost of gaming, which integrity
 * raises and teammates' gaming lowers, the effort of each strategy, and the habit of keeping the
 * current one. Policies then add their terms (src/policies).
 *
 * Contagion: the cost of gaming falls with the share of teammates who gamed last week. With the
 * default weight, one more gamer in a team of eight draws in about 0.6 more (Carrell, Malmstrom and
 * West 2008: 0.61 to 0.75).
 */
import type { WeekContext } from '../sim/context.ts';
import { isGaming, STRATEGIES, STRATEGY_COUNT, type StrategyDeclaration } from './strategies.ts';

export function baseUtility(ctx: WeekContext): void {
  const { pop, org, revisers, reviserCount } = ctx;
  const b = ctx.scenario.behaviour;
  const { effort, gaming } = ctx.shape;
  const { gamingAversion, contagion, inertia } = b;
  const { teamActive, teamGamers } = org;
  const { integrity, strategy, team, utility: U } = pop;
  for (let j = 0; j < reviserCount; j++) {
    const i = revisers[j];
    const g = team[i];
    const current = strategy[i];
    const teammates = teamActive[g] - 1;
    const norm = teammates > 0 ? (teamGamers[g] - (isGaming(current) ? 1 : 0)) / teammates : 0;
    const gamingCost = gamingAversion * integrity[i] * (1 - contagion * norm);
    const base = j * STRATEGY_COUNT;
    for (let k = 0; k < STRATEGY_COUNT; k++) {
      U[base + k] = -gamingCost * gaming[k] - effort[k] + (k === current ? inertia : 0);
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
