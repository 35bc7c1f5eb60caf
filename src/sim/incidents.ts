/**
 * Incidents (MODEL.md §7). A bot deploy fails with probability botFlaw · (1 − rigor · care_eff),
 * care_eff being the reviewer's care on AI-written code (lower than on human code: Perry et al.
 * 2023), and 0 on autopilot; a human change fails at the DORA elite rate. Severity is log-normal
 * with a heavy tail; above the `majorQuantile` of severity an incident is a major outage whose cost
 * is multiplied by the blast radius, which canary releases shrink. Next week's output loses the
 * share of engineer-weeks this week's incidents cost.
 *
 * Each engineer ships a handful of changes a week, each failing rarely, so an engineer's incidents
 * are Poisson with the sum of their changes' failure probabilities as mean; and a sum of independent
 * Poisson counts is Poisson with the summed mean. So the organisation's bot and human incidents are
 * two Poisson draws a week, from the rates added up over engineers (by the outcomes' pass, see
 * src/sim/totals.ts): exact under that model, and additions instead of a random draw per engineer.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import normal from '@stdlib/random-base-normal';
import poisson from '@stdlib/random-base-poisson';
import type { Random } from './random.ts';
import type { WeekContext } from './context.ts';
import { BOT_FAILURE_CHANCES, HUMAN_WORK_TIME } from './totals.ts';

/** Severity above which an incident is a major outage, in engineer-weeks. */
export function majorThreshold(incidents: WeekContext['scenario']['incidents']): number {
  return incidents.severityMedian * Math.exp(incidents.severityLogSd * normalQuantile(incidents.majorQuantile, 0, 1));
}

/** The random draws of incidents: counts, and a standard normal for severities, on the run's streams. */
export interface IncidentDraws {
  count: (mean: number) => number;
  standardNormal: () => number;
}

export function incidentDraws(streams: { incidents: Random; severity: Random }): IncidentDraws {
  const count = poisson.factory({ prng: streams.incidents });
  // stdlib's normal is a ziggurat: an incident's severity is the most frequent draw of a week, and it
  // costs about half of a polar-method draw.
  return { count: (mean) => (mean > 0 ? count(mean) : 0), standardNormal: normal.factory(0, 1, { prng: streams.severity }) };
}

export function drawIncidents(ctx: WeekContext, draws: IncidentDraws): void {
  const { org } = ctx;
  const inc = ctx.scenario.incidents;
  const bot = draws.count(org.totals[BOT_FAILURE_CHANCES] * inc.botFlaw);
  const human = draws.count(org.totals[HUMAN_WORK_TIME] * inc.humanChangesPerWeek * inc.humanFailure);
  const blast = Math.max(1, inc.blastRadius * ctx.signals.blastRadiusScale);
  const major = majorThreshold(inc);
  org.incidents = bot + human;
  org.botIncidents = bot;
  for (let e = 0; e < bot + human; e++) {
    const severity = inc.severityMedian * Math.exp(inc.severityLogSd * draws.standardNormal());
    if (severity > major) {
      org.majorOutages++;
      org.severityLoss += severity * blast;
    } else {
      org.severityLoss += severity;
    }
  }
}
