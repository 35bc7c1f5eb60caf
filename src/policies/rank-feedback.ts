/**
 * Relative-performance feedback (MODEL.md §7): what a public ranking does to effort and morale.
 * The leaderboard (src/policies/leaderboard.ts) calls it once a week, after the week's board is
 * built; nothing else in the model knows of it.
 *
 * Each engineer expects a rank on the board. The first week they see it, they expect the rank their
 * own genuine use would earn there (manual engineers: the rank of no tokens), a self-image from the
 * work they do rather than from the board; from then on the expectation moves slowly toward the
 * ranks they see (those ranked better than expected come to expect better, those ranked worse come
 * to expect worse: Kuhnen and Tymula 2012). The surprise, rank − expected in [−1, 1], sets where
 * their effort heads:
 *
 *   target = clamp(1 + gain · statusSeeking · visibility · surprise, 0, MAX_EFFORT),
 *   gain = effortGainAbove when the surprise is positive, effortGainBelow when it is negative;
 *   motivation += effortAdjustment · (target − motivation)         (weekly)
 *   morale     += moraleFromEffort · (target − 1)                  (weekly, kept in [0, 1])
 *
 * `pop.motivation` multiplies real output (src/sim/outcomes.ts), so a board that ranks an honest
 * engineer below gamers costs real work through effort, not only through strategy switching, and
 * the morale it costs raises attrition (src/sim/people.ts). The leaderboard's rank term in utility
 * is weighted by the same motivation, so those ranked above their expectation push the ranked
 * measure, tokens, harder, and those below care less for it.
 *
 * The evidence disagrees on the sign, which is why both gains may be negative: revealing relative
 * rank raised productivity by 6.8% in a warehouse (Blanes i Vidal and Nossol 2011), while removing
 * private rank feedback raised sales by 11% among 1,754 furniture salespeople, whose effort moved
 * to unranked brands when their rank was worse than expected (Barankay 2012); in the laboratory,
 * those ranked worse than expected raised output and those ranked better lowered it (Kuhnen and
 * Tymula 2012). The defaults (engineers ranked below their expectation lose motivation, twice as
 * much per unit of surprise as those above gain it) are assumptions; so is the response of real
 * output, when what is ranked is tokens, to a surprise on the board.
 */
import { num } from '../scenario/params.ts';
import { assumed } from '../scenario/evidence.ts';
import type { WeekContext } from '../sim/context.ts';
import { usagePercentileAt } from '../sim/usage-distribution.ts';

/** An expectation not yet formed: the engineer has not seen the board since hire. */
const UNKNOWN = -1;

/** Where a manual engineer's genuine use (no tokens) sits on the usage scale (tokensPosition(0)). */
const NO_TOKENS_POSITION = 0.5;

/**
 * Highest effort multiplier, in multiples of usual effort: twice the usual week is beyond any
 * response to rank feedback reported (a few percent to about a tenth: Blanes i Vidal and Nossol
 * 2011, Barankay 2012). Only reached with gains and status seeking far above the defaults.
 */
const MAX_EFFORT = 2;

/** The leaderboard's fields for the mechanism, spread into its schema. */
export const rankFeedbackFields = {
  effortGainAbove: num(-5, 5, 0.5, 'Change of effort per unit of surprise for an engineer ranked above their expectation (status seeking 1, full visibility); negative for complacency.', assumed('effort per unit of rank surprise', [-0.5, 1], 'Blanes i Vidal and Nossol (2011): revealing relative rank raised productivity 6.8%; Kuhnen and Tymula (2012): those ranked better than expected lowered output; half the gain below (loss aversion), not measured')),
  effortGainBelow: num(-5, 5, 1, 'Loss of effort per unit of surprise for an engineer ranked below their expectation (status seeking 1, full visibility); negative if being ranked low spurs effort.', assumed('effort per unit of rank surprise', [-0.5, 2], 'Barankay (2012): removing rank feedback raised sales 11%, effort moved away from the ranked task when rank was worse than expected; Kuhnen and Tymula (2012): the opposite in the laboratory. At 1, an engineer of status seeking 0.3 ranked 30 points below expectation heads for 9% less effort')),
  effortAdjustment: num(0, 1, 0.25, 'Share of the gap to the effort the board calls for closed each week.', assumed('per week', [0.1, 1], 'effort follows feedback within weeks (the weekly boards of Blanes i Vidal and Nossol 2011); no figure for the lag')),
  expectationUpdate: num(0, 1, 0.05, 'Share of the gap between expected and seen rank closed each week.', assumed('per week', [0.01, 0.3], 'expectations follow the ranks seen (Kuhnen and Tymula 2012), slowly: the field effects lasted months to years (Blanes i Vidal and Nossol 2011; Barankay 2012); half-life about 14 weeks at 0.05')),
  moraleFromEffort: num(0, 1, 0.01, 'Morale gained or lost per week per unit of effort the board calls for above or below usual.', assumed('morale per week per unit of effort', [0, 0.05], 'no figure; at 0.01, heading for 10% less effort costs 0.001 of morale a week, about 0.05 at the steady state of morale recovery')),
};

export interface RankFeedbackValues {
  visibility: number;
  effortGainAbove: number;
  effortGainBelow: number;
  effortAdjustment: number;
  expectationUpdate: number;
  moraleFromEffort: number;
}

export interface RankFeedbackState {
  /** Per position: the percentile its engineer expects on the board, or UNKNOWN before they first see it. */
  expected: Float64Array;
  /** This week's mean effort multiplier of engineers who worked (1 before the board acts). */
  meanEffort: number;
}

export function createRankFeedback(size: number): RankFeedbackState {
  return { expected: new Float64Array(size).fill(UNKNOWN), meanEffort: 1 };
}

/** A new engineer has not seen the board yet; their motivation starts at 1 with the population's hire. */
export function forgetExpectation(state: RankFeedbackState, i: number): void {
  state.expected[i] = UNKNOWN;
}

/** Where effort heads for a rank surprise: 1 + gain · weight · surprise, within [0, MAX_EFFORT]. */
export function effortTarget(surprise: number, weight: number, gainAbove: number, gainBelow: number): number {
  const target = 1 + (surprise >= 0 ? gainAbove : gainBelow) * weight * surprise;
  return target < 0 ? 0 : target > MAX_EFFORT ? MAX_EFFORT : target;
}

/**
 * One week of rank feedback, after the week's board is built (org.usage holds this week's tokens,
 * pop.usagePosition each engineer's place on it): surprise, effort, morale, then expectations.
 * Nobody sees a board of visibility 0, so nothing moves. The leaderboard's other weekly cost,
 * `watchedLoss` of morale for being watched, is taken in the same pass, so that each engineer's
 * morale is read and written once a week rather than twice (the pass is limited by memory).
 */
export function applyRankFeedback(ctx: WeekContext, state: RankFeedbackState, v: RankFeedbackValues, watchedLoss: number): void {
  const { pop, org } = ctx;
  const { active, strategy, statusSeeking, motivation, morale, usagePosition, genuinePosition, size } = pop;
  const { visibility, effortGainAbove, effortGainBelow, effortAdjustment, expectationUpdate, moraleFromEffort } = v;
  const { aiUse } = ctx.shape;
  const { expected } = state;
  const usage = org.usage;
  const seen = visibility > 0;
  let effortSum = 0;
  let working = 0;
  for (let i = 0; i < size; i++) {
    if (active[i] === 0) continue;
    working++;
    let m = Math.max(0, morale[i] - watchedLoss);
    if (seen) {
      const rank = usagePercentileAt(usage, usagePosition[i]);
      let e = expected[i];
      if (e === UNKNOWN) e = usagePercentileAt(usage, aiUse[strategy[i]] > 0 ? genuinePosition[i] : NO_TOKENS_POSITION);
      const target = effortTarget(rank - e, statusSeeking[i] * visibility, effortGainAbove, effortGainBelow);
      motivation[i] += effortAdjustment * (target - motivation[i]);
      m += moraleFromEffort * (target - 1);
      m = m < 0 ? 0 : m > 1 ? 1 : m;
      expected[i] = e + expectationUpdate * (rank - e);
    }
    morale[i] = m;
    effortSum += motivation[i];
  }
  state.meanEffort = working > 0 ? effortSum / working : 1;
}
