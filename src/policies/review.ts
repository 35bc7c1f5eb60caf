/**
 * Performance reviews (MODEL.md §5-6). Managers rate engineers on output and, with a hidden weight
 * of their own (metricEmphasis), on usage; the organisation states a weight (0 = "usage won't
 * count"). Engineers expect a rating from what they believe the weight is, and each cycle move that
 * belief toward the weight their team's ratings reveal. Trust falls by the gap between what was
 * stated and what was revealed; morale falls when ratings reward usage over output.
 * Source of the pattern: reporting on MeshClaw (2026), "not used in reviews" while managers look.
 */
import { z } from 'zod';
import { randomNormal } from 'd3-random';
import { STRATEGY_COUNT } from '../agents/strategies.ts';
import { dist, int, scheduled } from '../scenario/params.ts';
import { chosen, sourced, assumed } from '../scenario/evidence.ts';
import { sampler } from '../agents/sample.ts';
import { usagePercentile } from '../sim/usage-distribution.ts';
import { definePolicy } from './policy.ts';

export const reviewSchema = z
  .strictObject({
    startWeek: int(0, 100_000, 0, 'Week from which managers weigh usage with their real weight (from 0).', chosen('week', [0, 52], 'when the scenario\'s managers start looking at usage')),
    statedWeight: scheduled(0, 1, 0, 'Weight of usage in reviews that the organisation states (0: "usage will not count").', sourced('weight', [0, 0.5], { meshclaw2026: 'staff told usage will not count in reviews' }, 'a policy setting')),
    managerWeight: dist(
      { dist: 'constant', mean: 0 },
      "Managers' real weight on usage in ratings (metricEmphasis), drawn per manager; meshclaw: beta, mean 0.2.",
      undefined,
      chosen('weight', [0, 0.5], 'none unless a scenario says managers look at usage; meshclaw\'s 0.2 (managers look at the numbers, reporting on MeshClaw 2026) is an assumption of that scenario'),
    ),
    cycleWeeks: int(1, 520, 13, 'Weeks between reviews.', chosen('weeks', [13, 52], 'quarterly reviews; many organisations review twice a year')),
    ratingNoise: scheduled(0, 10, 0.2, 'Standard deviation of rating noise, in standard scores.', assumed('standard scores', [0.1, 0.6], 'ratings are noisy measures of work; no figure on this scale')),
  })
  .describe('Performance reviews, what is said about them, and what managers really weigh.');

export interface ReviewState {
  /** Per team: the manager's real weight on usage in ratings (metricEmphasis). */
  managerWeight: Float64Array;
  /** Per team: the weight of usage in ratings revealed at the team's last review. */
  revealedWeight: Float64Array;
  /** Scratch of a review: two sums per team. */
  sxy: Float64Array;
  sxx: Float64Array;
}

/** Standard deviation of a uniform variable on [0, 1]: puts percentiles on the scale of standard scores. */
const UNIFORM_SD = Math.sqrt(1 / 12);

/**
 * Usage credit as engineers see it, in standard scores: attainment of their usage target (capped at
 * 1) when they have one (a quota), their usage percentile otherwise.
 */
function usageCredit(target: number, tokens: number, percentile: number): number {
  const credit = target > 0 ? Math.min(1, tokens / target) : percentile;
  return (credit - 0.5) / UNIFORM_SD;
}

export const review = definePolicy({
  name: 'review',
  label: 'Performance reviews',
  schema: reviewSchema,
  startWeek: (r) => (r.managerWeight.mean > 0 || r.statedWeight !== 0 ? r.startWeek : undefined),

  createState({ pop, block, stream }): ReviewState {
    const managerWeight = new Float64Array(pop.teamCount);
    const draw = sampler(block.managerWeight, stream('population/managerWeight'));
    for (let g = 0; g < pop.teamCount; g++) managerWeight[g] = Math.min(1, Math.max(0, draw()));
    return { managerWeight, revealedWeight: new Float64Array(pop.teamCount), sxy: new Float64Array(pop.teamCount), sxx: new Float64Array(pop.teamCount) };
  },

  signals(ctx, r) {
    ctx.signals.statedUsageWeight = r.statedWeight;
    ctx.signals.reviewWeek = (ctx.t + 1) % r.cycleWeeks === 0;
  },

  utility(ctx) {
    const { meanOutput, sdOutput } = ctx.org;
    const outputScale = sdOutput > 0 ? 1 / sdOutput : 0;
    const { usageTarget, anyUsageTarget } = ctx.signals;
    const { perceivedOutput, plannedTokens, plannedPercentile, utility: U, ambition, belief } = ctx.pop;
    const { revisers, reviserCount } = ctx;
    for (let j = 0; j < reviserCount; j++) {
      const i = revisers[j];
      const base = j * STRATEGY_COUNT;
      const b = belief[i];
      const a = ambition[i];
      const target = anyUsageTarget ? usageTarget[i] : 0;
      for (let k = 0; k < STRATEGY_COUNT; k++) {
        const outputScore = (perceivedOutput[base + k] - meanOutput) * outputScale;
        U[base + k] += a * ((1 - b) * outputScore + b * usageCredit(target, plannedTokens[base + k], plannedPercentile[base + k]));
      }
    }
  },

  /**
   * Ratings of the cycle, and what engineers learn from them. The revealed weight is the least-squares
   * slope of (rating - output score) on (usage score - output score) within the team: what a team
   * comparing notes would infer.
   */
  onReview(ctx, r, state) {
    const { pop, org } = ctx;
    const { active, team, cycleOutput, cycleTokens, belief, trust, morale, size } = pop;
    const { managerWeight, revealedWeight, sxy, sxx } = state;
    const people = ctx.scenario.people;

    let n = 0;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < size; i++) {
      if (active[i] === 0) continue;
      n++;
      sum += cycleOutput[i];
      sumSquares += cycleOutput[i] * cycleOutput[i];
    }
    if (n === 0) return;
    const mean = sum / n;
    const sd = Math.sqrt(Math.max(0, sumSquares / n - mean * mean));
    const outputScale = sd > 0 ? 1 / sd : 0;
    const managersLook = ctx.t >= r.startWeek;
    const noise = randomNormal.source(ctx.streams.reviews)(0, r.ratingNoise);

    sxy.fill(0);
    sxx.fill(0);
    for (let i = 0; i < size; i++) {
      if (active[i] === 0) continue;
      const m = managersLook ? managerWeight[team[i]] : 0;
      const outputScore = (cycleOutput[i] - mean) * outputScale;
      const usageScore = (usagePercentile(org.usage, cycleTokens[i] / r.cycleWeeks) - 0.5) / UNIFORM_SD;
      const rating = (1 - m) * outputScore + m * usageScore + noise();
      const x = usageScore - outputScore;
      sxy[team[i]] += x * (rating - outputScore);
      sxx[team[i]] += x * x;
    }
    for (let g = 0; g < pop.teamCount; g++) {
      if (sxx[g] > 0) revealedWeight[g] = Math.min(1, Math.max(0, sxy[g] / sxx[g]));
    }

    const stated = r.statedWeight;
    const learningRate = ctx.scenario.behaviour.learningRate;
    for (let i = 0; i < size; i++) {
      if (active[i] === 0) continue;
      const revealed = revealedWeight[team[i]];
      belief[i] += learningRate * (revealed - belief[i]);
      const excessGap = Math.max(0, Math.abs(revealed - stated) - people.gapTolerance);
      trust[i] = excessGap > 0 ? Math.max(0, trust[i] - people.trustLoss * excessGap) : trust[i] + people.trustRecovery * (1 - trust[i]);
      const unfairness = Math.max(0, revealed - people.gapTolerance);
      morale[i] = Math.max(0, morale[i] - people.fairnessLoss * unfairness);
    }
  },

  levers: [
    { field: 'statedWeight', label: 'Weight of usage, as stated', kind: 'range', min: 0, max: 1, step: 0.05, format: 'percent' },
    { field: 'managerWeight', label: 'Weight of usage, in practice', kind: 'mean', min: 0, max: 1, step: 0.05, format: 'percent' },
  ],
});
