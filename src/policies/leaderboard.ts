/**
 * Usage leaderboard (MODEL.md §6-7): last week's tokens per engineer, ranked and shown. Status
 * seekers gain from a higher rank, and a top-K place is recognised. Rank feedback raises effort but
 * also sabotage and self-inflation (Charness, Masclet and Villeval 2014); since maxers aim beyond
 * last week's top percentile, the top of the distribution escalates week after week.
 *
 * Each week the board also moves effort and morale: engineers ranked above the rank they expected
 * work harder and push their rank, those ranked below lose motivation, and real output follows
 * (src/policies/rank-feedback.ts).
 */
import { z } from 'zod';
import { STRATEGY_COUNT } from '../agents/strategies.ts';
import { flag, int, scheduled } from '../scenario/params.ts';
import { assumed, chosen } from '../scenario/evidence.ts';
import { usageQuantile } from '../sim/usage-distribution.ts';
import { definePolicy, inForce } from './policy.ts';
import { applyRankFeedback, createRankFeedback, forgetExpectation, rankFeedbackFields, type RankFeedbackState } from './rank-feedback.ts';

export const leaderboardSchema = z
  .strictObject({
    enabled: flag(false, 'Whether a usage leaderboard is published.'),
    startWeek: int(0, 100_000, 0, 'Week the leaderboard starts (from 0).', chosen('week', [0, 52], 'when the scenario starts its leaderboard')),
    visibility: scheduled(0, 1, 1, 'Who sees it: 0 nobody, 0.5 managers only, 1 the whole organisation.', chosen('0..1', [0, 1], 'a policy setting')),
    topK: scheduled(0, 1e7, 10, 'Engineers recognised at the top of the board (0 for none).', chosen('engineers', [0, 100], 'a policy setting')),
    topKBonus: scheduled(0, 100, 0.5, 'Utility of a top-K place, for an engineer of status seeking 1.', assumed('utility', [0.1, 1.5], 'rank feedback raises effort and self-inflation (Charness et al. 2014), not measured on this scale')),
    moralePressure: scheduled(0, 1, 0.001, 'Morale lost per week at full visibility (being watched; Falk and Kosfeld 2006).', assumed('morale per week', [0, 0.005], 'being watched has a cost (Falk and Kosfeld 2006) of unknown size')),
    ...rankFeedbackFields,
  })
  .describe('A usage leaderboard.');

export const leaderboard = definePolicy({
  name: 'leaderboard',
  label: 'Leaderboard',
  schema: leaderboardSchema,
  startWeek: (l) => (l.enabled ? l.startWeek : undefined),

  createState: ({ pop }): RankFeedbackState => createRankFeedback(pop.size),

  hire(state: RankFeedbackState, i: number) {
    forgetExpectation(state, i);
  },

  utility(ctx, l) {
    if (!inForce(l, ctx.t)) return;
    const usage = ctx.org.usage;
    const topK = Math.floor(l.topK);
    // Tokens needed for a top-K place on last week's board; unreachable when there is no top K.
    const topKThreshold = topK > 0 && usage.total > 0 ? usageQuantile(usage, 1 - Math.min(topK, usage.total) / usage.total) : Infinity;
    const { visibility, topKBonus } = l;
    const { plannedTokens, plannedPercentile, utility: U, statusSeeking, motivation } = ctx.pop;
    const { revisers, reviserCount } = ctx;
    for (let j = 0; j < reviserCount; j++) {
      const i = revisers[j];
      // An engineer the board has motivated pushes their rank harder; one it has discouraged, less.
      const rankWeight = statusSeeking[i] * visibility * motivation[i];
      const topWeight = statusSeeking[i] * topKBonus;
      const base = j * STRATEGY_COUNT;
      for (let k = 0; k < STRATEGY_COUNT; k++) {
        const tokens = plannedTokens[base + k];
        // plannedPercentile[base + k] is usagePercentile(usage, tokens), worked out with the prospects.
        U[base + k] += rankWeight * plannedPercentile[base + k] + (tokens >= topKThreshold ? topWeight : 0);
      }
    }
  },

  afterOutcomes(ctx, l, state) {
    if (!inForce(l, ctx.t)) return;
    // Being watched costs everyone morale (moralePressure); rank feedback moves effort and morale by rank.
    applyRankFeedback(ctx, state, l, l.moralePressure * l.visibility);
  },

  metrics: [
    {
      name: 'rankEffort',
      label: 'Effort under the leaderboard',
      unit: 'multiple of usual effort',
      description: 'Mean effort on real work of the engineers who worked this week, as the leaderboard’s rank feedback moved it (1 without a board).',
      aggregate: 'mean',
      better: 'higher',
      format: 'decimal',
      record: (_ctx, _l, state: RankFeedbackState) => state.meanEffort,
    },
  ],

  levers: [
    { field: 'enabled', label: 'Usage leaderboard', kind: 'flag' },
    { field: 'visibility', label: 'Who sees the board', kind: 'range', min: 0, max: 1, step: 0.5, format: 'visibility' },
    // A scenario file may recognise more places than the slider reaches.
    { field: 'topK', label: 'Top places recognised', kind: 'range', min: 0, max: 100, step: 1, format: 'count' },
  ],
});
