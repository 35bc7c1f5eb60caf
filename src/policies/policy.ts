/**
 * A policy is a module with one job: it reads its slice of the scenario (already evaluated for the
 * week) and acts on the whole population at fixed points of the week (MODEL.md §3). Adding a
 * policy is adding a file and naming it in src/policies/index.ts, not editing the engine.
 */
import type { WeekContext } from '../sim/context.ts';

export interface Policy {
  /** Key of the policy's block under `policies:` in a scenario. */
  name: string;
  /**
   * Adds this policy's terms to `pop.utility[j * STRATEGY_COUNT + k]` for the j-th engineer revising
   * this week, i = ctx.revisers[j] (j < ctx.reviserCount), given the prospects at the same index in
   * `pop.perceivedOutput`, `pop.plannedTokens` and `pop.plannedPercentile`. Attributes of the
   * engineer (`pop.ambition[i]`...) are indexed by position i.
   */
  utility?(ctx: WeekContext): void;
  /** Effects after this week's outcomes are known (e.g. pressure on morale). */
  afterOutcomes?(ctx: WeekContext): void;
  /** Effects in a review week, after ratings. */
  onReview?(ctx: WeekContext): void;
}
