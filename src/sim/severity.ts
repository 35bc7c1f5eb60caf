/**
 * What an incident costs, in dollars (docs/MODEL.md §8c).
 *
 * Most incidents are minor: a rollback and a fix, log-normal around `minorCostMedian`. A share of
 * them becomes a significant outage (a production change failure with probability `outageShare`,
 * an exploited vulnerability with `securityOutageShare`), whose cost is log-normal with the median
 * and log-sd that put 54% of significant outages over $100k and 16% over $1M (Uptime Institute
 * 2024). Across all incidents the cost is a mixture with a heavy tail: a few outages carry most of
 * the loss. A major outage is an incident costing over `majorOutageCost` ($100k); the counts over
 * $100k and over $1M among significant incidents are what the model produces, checked against the
 * published shares (test/sim/severity.test.ts), not imposed.
 *
 * Canary releases and guardrails (the blast-radius signal) scale the cost of an outage caused by a
 * change; an exploited vulnerability is not contained by a canary.
 *
 * Engineers' share of the cost (`responseShare`, converted at `engineerWeekCost`) is output lost
 * next week: severityLoss, in engineer-weeks.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { OrgState } from './context.ts';

type Incidents = Scenario['incidents'];

/** Cost of an incident that stays minor, given a standard normal `z`. */
export function minorCost(incidents: Incidents, z: number): number {
  return incidents.minorCostMedian * Math.exp(incidents.minorCostLogSd * z);
}

/** Cost of a significant outage, given a standard normal `z`, before any containment. */
export function outageCost(incidents: Incidents, z: number): number {
  return incidents.outageCostMedian * Math.exp(incidents.outageCostLogSd * z);
}

/**
 * Cost of one incident: a significant outage when the uniform `u` falls below `outageShare`
 * (its cost scaled by `containment`), minor otherwise.
 */
export function incidentCost(incidents: Incidents, outageShare: number, containment: number, u: number, z: number): number {
  return u < outageShare ? outageCost(incidents, z) * containment : minorCost(incidents, z);
}

/** Adds an incident's cost to the week: dollars, the outage counts by threshold, and the output lost. */
export function recordCost(org: OrgState, incidents: Incidents, cost: number): void {
  org.incidentCost += cost;
  if (cost > incidents.majorOutageCost) org.majorOutages++;
  if (cost > incidents.severeOutageCost) org.severeOutages++;
  org.severityLoss += (cost * incidents.responseShare) / incidents.engineerWeekCost;
}
