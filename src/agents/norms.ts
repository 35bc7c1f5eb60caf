/**
 * Descriptive norms (MODEL.md §6): what an engineer's peers do shifts what gaming costs them.
 * The peers are the teammates, who see each other's work week by week: the analogue of the
 * squadron of cadets who live and study together in Carrell, Malmstrom and West (2008). The norm is
 * the share of them who gamed last week. It lowers the cost of gaming in two ways:
 *
 * - "everyone does it": the moral cost, `gamingAversion · integrity` weighted by how much of the
 *   week is gamed, loses the share `contagion · norm`. It can only take away what integrity costs.
 * - conformity: gaming as it is done here. A way of gaming (padding, maxing, autopilot) gains
 *   `conformity` times the share of teammates who worked that way last week, the same for everyone:
 *   the social utility of a choice in proportion to the share of peers making it (Brock and Durlauf
 *   2001), on the side of gaming only. It pulls towards the gaming the team already does: where
 *   teammates pad, towards padding, not towards maxing tokens no target or board asks for. Without
 *   it a peer effect can be no larger than the moral cost it removes, far short of the one Carrell
 *   et al. measured.
 *
 * The peer effect is measured the way Carrell et al. measure it (test/agents/norms.test.ts): one more
 * gamer placed in each team for the run, the number of other gamers compared with the same teams
 * and seeds without them. Their estimate, one more cheater bringing 0.61 to 0.75 more and a social
 * multiplier of about 3, is what `conformity` is set to reproduce; nothing here fixes the response.
 */
import { isGaming, PADDER } from './strategies.ts';

/**
 * Whether an engineer counts as gaming for their teammates: working a gaming strategy, unless they
 * pad with nothing to fake (no target, or a genuine need that meets it).
 *
 * @param strategy - the strategy they worked
 * @param tokens - the tokens they used
 * @param genuine - their genuine need
 */
export function gamed(strategy: number, tokens: number, genuine: number): boolean {
  return isGaming(strategy) && (strategy !== PADDER || tokens > genuine);
}

/**
 * Share of an engineer's teammates who gamed last week, themselves left out: 0 in a team of one.
 *
 * @param teamGamers - engineers of the team who gamed last week, this one included if they did
 * @param teamActive - active engineers of the team
 * @param selfGamed - whether this engineer gamed last week
 */
export function teamNorm(teamGamers: number, teamActive: number, selfGamed: boolean): number {
  const teammates = teamActive - 1;
  return teammates > 0 ? (teamGamers - (selfGamed ? 1 : 0)) / teammates : 0;
}

/**
 * Share of an engineer's teammates who worked a given strategy last week, themselves left out.
 *
 * @param teamCount - engineers of the team who worked it, this one included if they did
 * @param teamActive - active engineers of the team
 * @param selfCounted - whether this engineer worked it
 */
export function teamShare(teamCount: number, teamActive: number, selfCounted: boolean): number {
  const teammates = teamActive - 1;
  return teammates > 0 ? (teamCount - (selfCounted ? 1 : 0)) / teammates : 0;
}

/** The moral cost of gaming at full intensity, in utility, when the share `norm` of the teammates game. */
export function moralCost(gamingAversion: number, integrity: number, contagion: number, norm: number): number {
  return gamingAversion * integrity * (1 - contagion * norm);
}

/** What conformity adds to the cost of a way of gaming, in utility: a gain, the larger the share of teammates who game that way. */
export function conformityCost(conformity: number, share: number): number {
  return -conformity * share;
}
