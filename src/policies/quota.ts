/**
 * Token quota (MODEL.md §5): a weekly usage target for a share of engineers, with a penalty for
 * falling short. Unmet goals invite gaming most when people fall just short (Schweitzer, Ordóñez
 * and Douma 2004), which is what makes padding to just above the target attractive: the pattern
 * "a quota bunches usage just above the target".
 */
import { z } from 'zod';
import { STRATEGY_COUNT } from '../agents/strategies.ts';
import { flag, int, scheduled } from '../scenario/params.ts';
import type { WeekContext } from '../sim/context.ts';
import type { Policy } from './policy.ts';

export const quotaSchema = z
  .strictObject({
    enabled: flag(false, 'Whether a quota is in force.'),
    startWeek: int(0, 100_000, 0, 'Week the quota starts (from 0).'),
    target: scheduled(0, 1e13, 50e6, 'Tokens per engineer per week asked for (meshclaw: about 2× the median genuine use).'),
    coverage: scheduled(0, 1, 0.8, 'Share of engineers the quota applies to.'),
    enforcement: scheduled(0, 1, 0.5, 'How surely a shortfall is noticed and acted on.'),
    penalty: scheduled(0, 100, 1, 'Utility cost of a noticed shortfall.'),
    moralePressure: scheduled(0, 1, 0.004, 'Morale lost per week by a covered engineer at full enforcement (Falk and Kosfeld 2006: control has hidden costs).'),
  })
  .describe('A weekly token quota.');

export type QuotaConfig = z.infer<typeof quotaSchema>;

/**
 * The share of engineers the quota covers this week, 0 when none is in force: engineer i is covered
 * when coverageRank[i] < quotaCoverage(ctx). Loops over the population read it once a week.
 */
export function quotaCoverage(ctx: WeekContext): number {
  const q = ctx.policies.quota;
  return q.enabled && ctx.t >= q.startWeek ? q.coverage : 0;
}

function utility(ctx: WeekContext): void {
  const q = ctx.policies.quota;
  if (!q.enabled || ctx.t < q.startWeek) return;
  const shortfallCost = q.penalty * q.enforcement;
  const { coverage, target } = q;
  const { plannedTokens, utility: U, coverageRank } = ctx.pop;
  const { revisers, reviserCount } = ctx;
  for (let j = 0; j < reviserCount; j++) {
    const i = revisers[j];
    if (coverageRank[i] >= coverage) continue;
    const base = j * STRATEGY_COUNT;
    for (let k = 0; k < STRATEGY_COUNT; k++) {
      if (plannedTokens[base + k] < target) U[base + k] -= shortfallCost;
    }
  }
}

function afterOutcomes(ctx: WeekContext): void {
  const q = ctx.policies.quota;
  if (!q.enabled || ctx.t < q.startWeek) return;
  const loss = q.moralePressure * q.enforcement;
  const coverage = q.coverage;
  const { morale, coverageRank, active, size } = ctx.pop;
  for (let i = 0; i < size; i++) {
    if (active[i] !== 0 && coverageRank[i] < coverage) morale[i] = Math.max(0, morale[i] - loss);
  }
}

export const quota: Policy = { name: 'quota', utility, afterOutcomes };
