/**
 * The built-in policies, in the order they act at each point of the week. The order matters where
 * two policies add to the same utility (sums in floating point), so a policy of your own goes after
 * these (src/sim/model.ts, defineModel).
 */
import { deployment } from './deployment.ts';
import { leaderboard } from './leaderboard.ts';
import type { Policy } from './policy.ts';
import { quota } from './quota.ts';
import { review } from './review.ts';

/** The built-in policies, in the order the week applies them. */
export const POLICIES: readonly Policy[] = [review, quota, leaderboard, deployment];

export { definePolicy, inForce, type Policy, type PolicyMetric, type PolicySetup, type Lever } from './policy.ts';
