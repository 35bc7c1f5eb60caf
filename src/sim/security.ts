/**
 * Security incidents from latent vulnerabilities (docs/MODEL.md §8c).
 *
 * A vulnerability that review does not catch (src/sim/code-review.ts) is not a failure: it sits in
 * production, latent, until it is fixed or retired, or exploited. The organisation keeps a stock of
 * them. Each week every latent vulnerability leaves the stock with probability 1 / `latentWeeks`,
 * and a share `exploitShare` of those that leave are exploited: a security incident. So a
 * vulnerability is exploited with probability `exploitShare` over its life, and security incidents
 * follow what was shipped with a delay of months: they keep coming after a policy ends.
 *
 * The stock is an expected number (a sum of probabilities); the week's count of security incidents
 * is a Poisson draw from it, on its own random stream.
 */
import type { Scenario } from '../scenario/schema.ts';
import type { OrgState } from './context.ts';

type Incidents = Scenario['incidents'];

/** Expected exploits this week from the latent stock. */
export function expectedExploits(org: OrgState, incidents: Incidents): number {
  return (org.latentVulnerabilities * incidents.exploitShare) / incidents.latentWeeks;
}

/** The stock after this week: the part that stays, and what this week let through. */
export function ageLatent(org: OrgState, incidents: Incidents, escaped: number): void {
  org.latentVulnerabilities = org.latentVulnerabilities * (1 - 1 / incidents.latentWeeks) + escaped;
}

/** The stock an organisation shipping `escaped` a week has reached when it starts (the steady state). */
export function steadyLatent(incidents: Incidents, escaped: number): number {
  return escaped * incidents.latentWeeks;
}
