/**
 * Incidents (MODEL.md §7). A bot deploy fails with probability botFlaw · (1 − rigor · care_eff),
 * care_eff being the reviewer's care on AI-written code (lower than on human code: Perry et al.
 * 2023), and 0 on autopilot; a human change fails at the DORA elite rate. Severity is log-normal
 * with a heavy tail; above the `majorQuantile` of severity an incident is a major outage whose cost
 * is multiplied by the blast radius, which canary releases shrink. Next week's output loses the
 * share of engineer-weeks this week's incidents cost.
 *
 * The count of an engineer's incidents is drawn as Poisson with the sum of the changes' failure
 * probabilities as mean (an engineer ships a handful of changes a week, each failing rarely), from a
 * single uniform per position, so that the draws stay aligned across scenarios.
 */
import { randomNormal } from 'd3-random';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { AUTOPILOT } from '../agents/strategies.ts';
import type { WeekContext } from './context.ts';

/** No engineer causes more incidents than this in a week; bounds the Poisson inversion. */
const MAX_INCIDENTS_PER_ENGINEER = 100;

/**
 * Room left for rounding when a uniform is compared with a lower bound of exp(−rate) instead of
 * exp(−rate) itself. The bound and Math.exp are each within a few units in the last place (about
 * 1e-16) of the exact values, so 1e-12 is far more than enough.
 */
const ROUNDING_ROOM = 1e-12;

const ONE_SIXTH = 1 / 6;

/**
 * A lower bound of exp(−rate) for rate ≥ 0: the Taylor series alternates, so stopping after a
 * negative term, 1 − r + r²/2 − r³/6, stays below it. Within 0.01 of exp(−rate) for rate ≤ 0.7.
 */
function expNegativeLowerBound(rate: number): number {
  return 1 - rate * (1 - rate * (0.5 - rate * ONE_SIXTH)) - ROUNDING_ROOM;
}

/** Severity above which an incident is a major outage, in engineer-weeks. */
export function majorThreshold(incidents: WeekContext['scenario']['incidents']): number {
  return incidents.severityMedian * Math.exp(incidents.severityLogSd * normalQuantile(incidents.majorQuantile, 0, 1));
}

export function drawIncidents(ctx: WeekContext, standardNormal: () => number): void {
  const { pop, org, shape } = ctx;
  const inc = ctx.scenario.incidents;
  const d = ctx.policies.deployment;
  const rigor = d.humanReview;
  const blast = Math.max(1, inc.blastRadius * (1 - d.canary));
  const major = majorThreshold(inc);
  const coin = ctx.coins.incidents;
  const split = ctx.streams.severity;
  const { aiCareFactor, botFlaw, humanChangesPerWeek, humanFailure } = inc;
  const time = shape.time;
  const { active, strategy, care, botDeploys, incidents } = pop;
  for (let i = 0; i < pop.size; i++) {
    const u = coin[i];
    incidents[i] = 0;
    if (active[i] === 0) continue;
    const k = strategy[i];
    const careOnBotCode = k === AUTOPILOT ? 0 : care[i] * aiCareFactor;
    const botRate = botDeploys[i] * botFlaw * (1 - rigor * careOnBotCode);
    const humanRate = humanChangesPerWeek * time[k] * humanFailure;
    const rate = botRate + humanRate;
    // Most engineers have no incident: u at or below exp(−rate), which a uniform well under a lower
    // bound of it settles without computing the exponential. The inversion below gives the same 0.
    if (rate >= 0 && u < expNegativeLowerBound(rate)) continue;
    // Inverse of the Poisson CDF at u.
    let p = Math.exp(-rate);
    let cumulative = p;
    let n = 0;
    while (u > cumulative && n < MAX_INCIDENTS_PER_ENGINEER) {
      n++;
      p *= rate / n;
      cumulative += p;
    }
    if (n === 0) continue;
    incidents[i] = n;
    org.incidents += n;
    const botShare = botRate / rate;
    for (let e = 0; e < n; e++) {
      if (split() < botShare) org.botIncidents++;
      const severity = inc.severityMedian * Math.exp(inc.severityLogSd * standardNormal());
      if (severity > major) {
        org.majorOutages++;
        org.severityLoss += severity * blast;
      } else {
        org.severityLoss += severity;
      }
    }
  }
}

/** A standard normal generator on the run's severity stream. */
export function severityNormal(ctx: Pick<WeekContext, 'streams'>): () => number {
  return randomNormal.source(ctx.streams.severity)(0, 1);
}
