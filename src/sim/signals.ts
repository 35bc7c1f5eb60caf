/**
 * Signals: what policies tell the rest of the model each week, so that prospects, outcomes,
 * incidents and people read a usage target or a review depth without knowing which policy set it.
 * The engine resets them at the start of each week; each policy's `signals` hook then sets what it
 * governs, in registry order.
 */

export interface Signals {
  /** Tokens per week each position is asked to use (0: no target), by position. Policies raise it, never lower it. */
  usageTarget: Float64Array;
  /** Whether any position has a usage target this week (spares the loops a test per engineer when none has). */
  anyUsageTarget: boolean;
  /**
   * The target most positions with one share, if any: only a key of the prospects' look-ups of a
   * padder's aim (src/agents/prospects.ts, WeekAims); a wrong value costs time, never a result.
   */
  commonUsageTarget: number;
  /** Whether the AI bot may ship changes this week. */
  botDeploys: boolean;
  /** Share of bot changes sent to the team's code review, 0 none to 1 all (the rest merge unreviewed; src/sim/code-review.ts). */
  botReviewRigor: number;
  /** Multiplier of the cost of an outage a change causes (1: no canary or guardrails). */
  blastRadiusScale: number;
  /** Whether managers rate engineers at the end of this week. */
  reviewWeek: boolean;
  /** Weight of usage in reviews that the organisation states: where a new hire's belief starts. */
  statedUsageWeight: number;
}

export function createSignals(size: number): Signals {
  return {
    usageTarget: new Float64Array(size),
    anyUsageTarget: false,
    commonUsageTarget: 0,
    botDeploys: false,
    botReviewRigor: 0,
    blastRadiusScale: 1,
    reviewWeek: false,
    statedUsageWeight: 0,
  };
}

/** The week's signals before any policy speaks: no target, no bot, no review. */
export function resetSignals(signals: Signals): void {
  if (signals.anyUsageTarget) signals.usageTarget.fill(0);
  signals.anyUsageTarget = false;
  signals.commonUsageTarget = 0;
  signals.botDeploys = false;
  signals.botReviewRigor = 0;
  signals.blastRadiusScale = 1;
  signals.reviewWeek = false;
  signals.statedUsageWeight = 0;
}
