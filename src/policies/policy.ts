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
   * Adds this policy's terms to `pop.utility[i * STRATEGY_COUNT + k]` for each engineer i revising
   * this week (ctx.revisers), given the prospects in `pop.perceivedOutput` and `pop.plannedTokens`.
   */
  utility?(ctx: WeekContext): void;
  /** Effects after this week's outcomes are known (e.g. pressure on morale). */
  afterOutcomes?(ctx: WeekContext): void;
  /** Effects in a review week, after ratings. */
  onReview?(ctx: WeekContext): void;
}
