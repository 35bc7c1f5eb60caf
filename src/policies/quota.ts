/**
 * Token quota (MODEL.md §5): a weekly usage target for a share of engineers, with a penalty for
 * falling short. Padding to just above the target avoids the penalty at a cost that grows with how
 * much must be faked (src/agents/padding.ts), so those just short pad most (Schweitzer, Ordóñez and
 * Douma 2004): the pattern "a quota bunches usage just above the target".
 *
 * Signals: the usage target of each covered engineer, which prospects (padding), outcomes (quota
 * attainment) and the review's usage credit read.
 */
import { z } from 'zod';
import { STRATEGY_COUNT } from '../agents/strategies.ts';
import { flag, int, scheduled } from '../scenario/params.ts';
import { assumed, chosen, sourced } from '../scenario/evidence.ts';
import type { Random } from '../sim/random.ts';
import { definePolicy, inForce } from './policy.ts';

export const quotaSchema = z
  .strictObject({
    enabled: flag(false, 'Whether a quota is in force.'),
    startWeek: int(0, 100_000, 0, 'Week the quota starts (from 0).', chosen('week', [0, 52], 'when the scenario starts its quota')),
    target: scheduled(0, 1e13, 50e6, 'Tokens per engineer per week asked for (meshclaw: about 2× the median genuine use).', chosen('tokens per week', [1e7, 2e8], 'a policy setting; meshclaw asks 25 M, about twice the median genuine use')),
    coverage: scheduled(0, 1, 0.8, 'Share of engineers the quota applies to.', sourced('share of engineers', [0.5, 1], { meshclaw2026: 'a target of 80% of developers using the tool weekly' }, 'a policy setting')),
    enforcement: scheduled(0, 1, 0.5, 'How surely a shortfall is noticed and acted on.', assumed('probability', [0.2, 0.9], 'how closely a quota is watched is not reported')),
    penalty: scheduled(0, 100, 1, 'Utility cost of a noticed shortfall.', assumed('utility', [0.3, 3], 'comparable to a standard score of rating; no figure')),
    moralePressure: scheduled(0, 1, 0.004, 'Morale lost per week by a covered engineer at full enforcement (Falk and Kosfeld 2006: control has hidden costs).', assumed('morale per week', [0, 0.01], 'Falk and Kosfeld (2006) show that control lowers effort, not by how much morale falls')),
  })
  .describe('A weekly token quota.');

export interface QuotaState {
  /**
   * A uniform draw fixed per position: covered by a quota of coverage c when below c, so raising c
   * only adds people. Drawn for every position whether a quota is in force or not, so that two
   * scenarios with the same seed cover the same engineers.
   */
  coverageRank: Float64Array;
}

export const quota = definePolicy({
  name: 'quota',
  label: 'Token quota',
  schema: quotaSchema,
  startWeek: (q) => (q.enabled ? q.startWeek : undefined),

  createState({ pop, stream }): QuotaState {
    const coverageRank = new Float64Array(pop.size);
    const rng = stream('population/coverageRank');
    for (let i = 0; i < pop.size; i++) coverageRank[i] = rng();
    return { coverageRank };
  },

  hire(state: QuotaState, i: number, rng: Random) {
    state.coverageRank[i] = rng();
  },

  signals(ctx, q, state) {
    ctx.signals.commonUsageTarget = q.target;
    if (!inForce(q, ctx.t) || !(q.target > 0) || !(q.coverage > 0)) return;
    const { usageTarget } = ctx.signals;
    const { coverageRank } = state;
    const { coverage, target } = q;
    for (let i = 0; i < usageTarget.length; i++) {
      if (coverageRank[i] < coverage && usageTarget[i] < target) usageTarget[i] = target;
    }
    ctx.signals.anyUsageTarget = true;
  },

  utility(ctx, q, state) {
    if (!inForce(q, ctx.t)) return;
    const shortfallCost = q.penalty * q.enforcement;
    const { coverage, target } = q;
    const { plannedTokens, utility: U } = ctx.pop;
    const { coverageRank } = state;
    const { revisers, reviserCount } = ctx;
    for (let j = 0; j < reviserCount; j++) {
      const i = revisers[j];
      if (coverageRank[i] >= coverage) continue;
      const base = j * STRATEGY_COUNT;
      for (let k = 0; k < STRATEGY_COUNT; k++) {
        if (plannedTokens[base + k] < target) U[base + k] -= shortfallCost;
      }
    }
  },

  afterOutcomes(ctx, q, state) {
    if (!inForce(q, ctx.t)) return;
    const loss = q.moralePressure * q.enforcement;
    const coverage = q.coverage;
    const { coverageRank } = state;
    const { morale, active, size } = ctx.pop;
    for (let i = 0; i < size; i++) {
      if (active[i] !== 0 && coverageRank[i] < coverage) morale[i] = Math.max(0, morale[i] - loss);
    }
  },

  levers: [
    { field: 'enabled', label: 'Quota in force', kind: 'flag' },
    // The slider reaches 8× meshclaw's target, past any target in use; a scenario file may set more.
    { field: 'target', label: 'Quota target', kind: 'range', min: 0, max: 200e6, step: 1e6, format: 'tokens' },
    { field: 'coverage', label: 'Quota coverage', kind: 'range', min: 0, max: 1, step: 0.05, format: 'percent' },
    { field: 'enforcement', label: 'Quota enforcement', kind: 'range', min: 0, max: 1, step: 0.05, format: 'percent' },
  ],
});
