/**
 * Step 8 of the week (MODEL.md §3): morale drifts back toward its level at hire, engineers leave
 * with a hazard that rises as morale falls, and each empty position is filled `hiringLagWeeks`
 * later by a new hire with fresh attributes, who ramps up.
 */
import { hire, type AttributeSamplers } from '../agents/population.ts';
import type { WeekContext } from './context.ts';

const WEEKS_PER_YEAR = 52;

/** Weekly hazard equivalent to an annual leaving rate. */
export function weeklyHazard(perYear: number): number {
  return 1 - (1 - perYear) ** (1 / WEEKS_PER_YEAR);
}

export function updatePeople(ctx: WeekContext, hireDraws: AttributeSamplers): void {
  const { pop, org, scenario } = ctx;
  const p = scenario.people;
  const baseHazard = weeklyHazard(p.attritionPerYear);
  const coin = ctx.streams.attrition;
  const { active, morale, tenure, vacancyWeeks } = pop;
  for (let i = 0; i < pop.size; i++) {
    const u = coin();
    if (active[i] !== 0) {
      morale[i] += p.moraleRecovery * (p.initialMorale - morale[i]);
      const hazard = baseHazard * Math.exp(p.moraleSensitivity * (p.initialMorale - morale[i]));
      if (u < hazard) {
        active[i] = 0;
        vacancyWeeks[i] = p.hiringLagWeeks;
        org.leavers++;
      } else {
        tenure[i]++;
      }
    }
    if (active[i] === 0 && vacancyWeeks[i]-- <= 0) {
      hire(pop, i, hireDraws, scenario, ctx.policies.review.statedWeight, 0);
      org.hires++;
    }
  }
}
