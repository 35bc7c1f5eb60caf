/**
 * Step 8 of the week (MODEL.md §3): morale drifts back toward its level at hire, engineers leave
 * with a hazard that rises as morale falls, and each empty position is filled `hiringLagWeeks`
 * later by a new hire with fresh attributes, who ramps up. The same pass adds up who is left and
 * how they feel, for the recorder (src/sim/totals.ts).
 */
import { hire, type AttributeSamplers } from '../agents/population.ts';
import type { WeekContext } from './context.ts';
import { BELIEF, HEADCOUNT, MORALE, TRUST } from './totals.ts';

const WEEKS_PER_YEAR = 52;

/**
 * Relative room left for rounding when a uniform is compared with an upper bound of the hazard
 * instead of the hazard itself; Math.exp and the products are within about 1e-16 of exact.
 */
const ROUNDING_ROOM = 1e-12;

/** Weekly hazard equivalent to an annual leaving rate. */
export function weeklyHazard(perYear: number): number {
  return 1 - (1 - perYear) ** (1 / WEEKS_PER_YEAR);
}

export function updatePeople(ctx: WeekContext, hireDraws: AttributeSamplers): void {
  const { pop, org, scenario } = ctx;
  const p = scenario.people;
  const baseHazard = weeklyHazard(p.attritionPerYear);
  const coin = ctx.coins.attrition;
  const { moraleRecovery, initialMorale, moraleSensitivity } = p;
  // The hazard is highest at morale 0. An engineer whose morale is not negative and whose uniform
  // is above that highest hazard stays without the exponential being computed; most engineers do.
  const highestHazard = baseHazard * Math.exp(moraleSensitivity * initialMorale) * (1 + ROUNDING_ROOM);
  const boundHolds = moraleSensitivity >= 0 && baseHazard >= 0;
  const { active, morale, tenure, vacancyWeeks, belief, trust } = pop;
  const totals = org.totals;
  for (let i = 0; i < pop.size; i++) {
    const u = coin[i];
    if (active[i] !== 0) {
      morale[i] += moraleRecovery * (initialMorale - morale[i]);
      const stays = boundHolds && morale[i] >= 0 && u >= highestHazard;
      if (!stays && u < baseHazard * Math.exp(moraleSensitivity * (initialMorale - morale[i]))) {
        active[i] = 0;
        vacancyWeeks[i] = p.hiringLagWeeks;
        org.leavers++;
      } else {
        tenure[i]++;
      }
    }
    if (active[i] === 0 && vacancyWeeks[i]-- <= 0) {
      hire(pop, i, hireDraws, scenario, ctx.signals.statedUsageWeight, 0);
      // The policies' own draws for the new engineer, from the hires' stream, after the attributes.
      for (let h = 0; h < ctx.hireHooks.length; h++) ctx.hireHooks[h](i, ctx.streams.hires);
      org.hires++;
    }
    if (active[i] !== 0) {
      totals[HEADCOUNT]++;
      totals[BELIEF] += belief[i];
      totals[TRUST] += trust[i];
      totals[MORALE] += morale[i];
    }
  }
}
