/**
 * The five strategies an engineer chooses among each week (MODEL.md §4).
 *
 * Strategies are indices 0..4 into flat arrays: prospects and utilities are stored as
 * `array[reviser * STRATEGY_COUNT + strategy]`, so a week is a few tight loops over typed arrays.
 */

export const MANUAL = 0;
export const ADOPTER = 1;
export const PADDER = 2;
export const MAXER = 3;
export const AUTOPILOT = 4;
export const STRATEGY_COUNT = 5;

export const STRATEGY_NAMES = ['manual', 'adopter', 'padder', 'maxer', 'autopilot'] as const;
export type StrategyName = (typeof STRATEGY_NAMES)[number];

/**
 * Gaming intensity G_k: how much of a strategy is performing for the metric rather than working.
 * Padding tops usage up to a target (mild); maxing chases the leaderboard (full); autopilot lets a
 * bot burn tokens and ship unreviewed changes (in between). Values from MODEL.md §4.
 */
export const GAMING_INTENSITY = Float64Array.of(0, 0, 0.3, 1, 0.6);

/** Share of real-work time, AI use and effort of each strategy, given the scenario's settings. */
export interface StrategyShape {
  /** Share of the week spent on real work (time_k). */
  time: Float64Array;
  /** Intensity of genuine AI use (aiUse_k): 0 for manual, 1 otherwise. */
  aiUse: Float64Array;
  /** Effort cost in utility (effort_k). */
  effort: Float64Array;
}

export function strategyShape(
  tool: { padTimeShare: number; maxTimeShare: number; autopilotTimeShare: number },
  effort: Record<StrategyName, number>,
): StrategyShape {
  return {
    time: Float64Array.of(1, 1, 1 - tool.padTimeShare, 1 - tool.maxTimeShare, tool.autopilotTimeShare),
    aiUse: Float64Array.of(0, 1, 1, 1, 1),
    effort: Float64Array.from(STRATEGY_NAMES, (name) => effort[name]),
  };
}

/** Strategies whose tokens exceed genuine need: a teammate doing one of these counts as gaming. */
export function isGaming(strategy: number): boolean {
  return strategy >= PADDER;
}
