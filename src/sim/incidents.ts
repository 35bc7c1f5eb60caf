/**
 * Incidents (docs/MODEL.md §8): the week's production change failures and security incidents, and
 * what they cost.
 *
 * Defects come with what engineers and the bot ship (src/sim/defects.ts); code review catches some,
 * as much as the team's hours allow (src/sim/code-review.ts), which leaves the week's expected
 * failures of human-authored and of bot changes. Each change fails or not on its own, rarely, so a
 * week's failures are Poisson with the summed probabilities as mean (a sum of independent Poisson
 * counts is Poisson): two draws a week, exact under that model. Vulnerabilities review missed join
 * the latent stock, from which security incidents are drawn (src/sim/security.ts). Every incident
 * gets a cost in dollars (src/sim/severity.ts).
 *
 * Each kind of draw has its own stream (src/sim/random.ts): counts of change failures, whether one
 * becomes an outage, its cost, and everything about security incidents. Two scenarios with the
 * same seed then draw the same costs for their first incidents, whatever their security stock.
 */
import type { Random } from './random.ts';
import type { WeekContext } from './context.ts';
import { poissonCount, zigguratNormal } from './distributions.ts';
import { ageLatent, expectedExploits } from './security.ts';
import { incidentCost, recordCost } from './severity.ts';

/** The random draws of incidents, on the run's streams. */
export interface IncidentDraws {
  /** Poisson counts of change failures. */
  count: (mean: number) => number;
  /** Uniform: whether a change failure becomes a significant outage. */
  escalation: Random;
  /** Standard normal for a change failure's cost. */
  standardNormal: () => number;
  /** Count, escalation and cost of security incidents, all from one stream. */
  securityCount: (mean: number) => number;
  securityUniform: Random;
  securityNormal: () => number;
}

export function incidentDraws(streams: { incidents: Random; severity: Random; escalation: Random; security: Random }): IncidentDraws {
  const count = poissonCount(streams.incidents);
  const securityCount = poissonCount(streams.security);
  // A ziggurat: an incident's cost is the most frequent draw of a week, and it costs about half of
  // a polar-method draw. Made in this order (each takes its seed from its stream's next draw).
  const standardNormal = zigguratNormal(streams.severity);
  const securityNormal = zigguratNormal(streams.security);
  return {
    count: (mean) => (mean > 0 ? count(mean) : 0),
    escalation: streams.escalation,
    standardNormal,
    securityCount: (mean) => (mean > 0 ? securityCount(mean) : 0),
    securityUniform: streams.security,
    securityNormal,
  };
}

export function drawIncidents(ctx: WeekContext, draws: IncidentDraws): void {
  const { org } = ctx;
  const inc = ctx.scenario.incidents;
  const review = org.review;
  const bot = draws.count(review.botFailures);
  const human = draws.count(review.humanFailures);
  // Canary releases and guardrails contain an outage a change causes.
  const containment = ctx.signals.blastRadiusScale;
  for (let e = 0; e < bot + human; e++) {
    const u = draws.escalation();
    recordCost(org, inc, incidentCost(inc, inc.outageShare, containment, u, draws.standardNormal()));
  }
  const security = draws.securityCount(expectedExploits(org, inc));
  for (let e = 0; e < security; e++) {
    const u = draws.securityUniform();
    recordCost(org, inc, incidentCost(inc, inc.securityOutageShare, 1, u, draws.securityNormal()));
  }
  ageLatent(org, inc, review.vulnerabilities);
  org.incidents = bot + human + security;
  org.botIncidents = bot;
  org.securityIncidents = security;
}
