/**
 * Bot deployment rights (MODEL.md §7). When the AI bot may deploy, AI-using engineers ship some
 * changes through it, reviewed with their care times the required human review (`humanReview`);
 * engineers on autopilot ship unreviewed. Canary releases and guardrails shrink the blast radius of
 * a major outage. The policy changes risk, not what engineers want, except that autopilot needs
 * deploy rights and costs more effort when every bot change needs a human sign-off.
 */
import { z } from 'zod';
import { AUTOPILOT, STRATEGY_COUNT } from '../agents/strategies.ts';
import { flag, int, scheduled } from '../scenario/params.ts';
import type { WeekContext } from '../sim/context.ts';
import type { Policy } from './policy.ts';

export const deploymentSchema = z
  .strictObject({
    botMayDeploy: flag(false, 'Whether the AI bot may deploy code.'),
    startWeek: int(0, 100_000, 0, 'Week the bot gets deploy rights (from 0).'),
    humanReview: scheduled(0, 1, 0.2, 'Required human review of bot changes (rigor), 0 none to 1 mandatory and thorough.'),
    canary: scheduled(0, 1, 0, 'Share of a major outage’s blast radius removed by canary releases and guardrails.'),
    reviewEffort: scheduled(0, 10, 0.3, 'Extra effort of autopilot under fully mandatory review.'),
  })
  .describe('What the AI bot may deploy, and under which review.');

export type DeploymentConfig = z.infer<typeof deploymentSchema>;

/** Whether the bot may deploy this week. */
export function botDeploysAllowed(ctx: WeekContext): boolean {
  const d = ctx.policies.deployment;
  return d.botMayDeploy && ctx.t >= d.startWeek;
}

function utility(ctx: WeekContext): void {
  const allowed = botDeploysAllowed(ctx);
  const extraEffort = ctx.policies.deployment.reviewEffort * ctx.policies.deployment.humanReview;
  const U = ctx.pop.utility;
  const reviserCount = ctx.reviserCount;
  for (let j = 0; j < reviserCount; j++) {
    const at = j * STRATEGY_COUNT + AUTOPILOT;
    U[at] = allowed ? U[at] - extraEffort : -Infinity;
  }
}

export const deployment: Policy = { name: 'deployment', utility };
