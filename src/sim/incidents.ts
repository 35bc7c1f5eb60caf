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
  const coin = ctx.streams.incidents;
  const split = ctx.streams.severity;
  const { active, strategy, care, botDeploys, incidents } = pop;
  for (let i = 0; i < pop.size; i++) {
    const u = coin();
    incidents[i] = 0;
    if (active[i] === 0) continue;
    const k = strategy[i];
    const careOnBotCode = k === AUTOPILOT ? 0 : care[i] * inc.aiCareFactor;
    const botRate = botDeploys[i] * inc.botFlaw * (1 - rigor * careOnBotCode);
    const humanRate = inc.humanChangesPerWeek * shape.time[k] * inc.humanFailure;
    const rate = botRate + humanRate;
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
