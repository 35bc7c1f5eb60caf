/**
 * The policy registry: each policy's scenario block and its module. Policies act in this order at
 * each point of the week; the order matters only for `deployment`, which marks autopilot as
 * unavailable after the others have added their terms.
 */
import { z } from 'zod';
import { deployment, deploymentSchema } from './deployment.ts';
import { leaderboard, leaderboardSchema } from './leaderboard.ts';
import type { Policy } from './policy.ts';
import { quota, quotaSchema } from './quota.ts';
import { review, reviewSchema } from './review.ts';

export const policiesSchema = z
  .strictObject({
    review: reviewSchema.prefault({}),
    quota: quotaSchema.prefault({}),
    leaderboard: leaderboardSchema.prefault({}),
    deployment: deploymentSchema.prefault({}),
  })
  .describe('Incentive policies in force. Any numeric value may be an expression of the week t.');

export type PoliciesConfig = z.infer<typeof policiesSchema>;

export const POLICIES: readonly Policy[] = [review, quota, leaderboard, deployment];

export type { Policy } from './policy.ts';
