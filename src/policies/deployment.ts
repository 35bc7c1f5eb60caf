/**
 * Bot deployment rights (docs/MODEL.md §8). When the AI bot may deploy, AI-using engineers ship some
 * changes through it and engineers on autopilot ship many. The required human review
 * (`humanReview`) is the share of bot changes sent to the team's code review, where they compete
 * with human changes for the team's review hours (src/sim/code-review.ts); the rest merge
 * unreviewed. Canary releases and guardrails contain the cost of an outage a change causes. The
 * policy changes risk, not what engineers want, except that autopilot needs deploy rights and
 * costs more effort when every bot change needs a human sign-off.
 */
import { z } from 'zod';
import { AUTOPILOT, STRATEGY_COUNT } from '../agents/strategies.ts';
import { flag, int, scheduled } from '../scenario/params.ts';
import { assumed, chosen } from '../scenario/evidence.ts';
import { definePolicy } from './policy.ts';

export const deploymentSchema = z
  .strictObject({
    botMayDeploy: flag(false, 'Whether the AI bot may deploy code.'),
    startWeek: int(0, 100_000, 0, 'Week the bot gets deploy rights (from 0).', chosen('week', [0, 52], 'when the scenario gives the bot deploy rights')),
    humanReview: scheduled(0, 1, 0.2, 'Required human review of bot changes (rigor), 0 none to 1 mandatory and thorough.', chosen('0..1', [0, 1], 'a policy setting; light review by default, as reported of MeshClaw')),
    canary: scheduled(0, 1, 0, 'Share of a major outage’s blast radius removed by canary releases and guardrails.', chosen('share', [0, 0.9], 'a policy setting; none by default')),
    reviewEffort: scheduled(0, 10, 0.3, 'Extra effort of autopilot under fully mandatory review.', assumed('utility', [0.1, 1], 'signing off every bot change takes time; not measured')),
  })
  .describe('What the AI bot may deploy, and under which review.');

export const deployment = definePolicy({
  name: 'deployment',
  label: 'Bot deploys',
  schema: deploymentSchema,
  startWeek: (d) => (d.botMayDeploy ? d.startWeek : undefined),

  signals(ctx, d) {
    const s = ctx.signals;
    s.botDeploys = d.botMayDeploy && ctx.t >= d.startWeek;
    s.botReviewRigor = d.humanReview;
    // Canary releases and guardrails contain every major outage, whoever shipped the change.
    s.blastRadiusScale = 1 - d.canary;
  },

  utility(ctx, d) {
    if (!ctx.signals.botDeploys) return;
    const extraEffort = d.reviewEffort * d.humanReview;
    const U = ctx.pop.utility;
    const reviserCount = ctx.reviserCount;
    for (let j = 0; j < reviserCount; j++) U[j * STRATEGY_COUNT + AUTOPILOT] -= extraEffort;
  },

  levers: [
    { field: 'botMayDeploy', label: 'Bot may deploy', kind: 'flag' },
    { field: 'humanReview', label: 'Human review of bot changes', kind: 'range', min: 0, max: 1, step: 0.05, format: 'percent' },
    { field: 'canary', label: 'Canary releases', kind: 'range', min: 0, max: 1, step: 0.05, format: 'percent' },
  ],
});
