/**
 * Code review as a finite resource (docs/MODEL.md §8b).
 *
 * Each team has review hours: `reviewHoursPerEngineerWeek` from each working member, times the
 * member's real-work share. It spreads them over the changes that need a review: every
 * human-authored change, and the share `rigor` of bot changes that the deployment rules send to a
 * human (the rest merge unreviewed). A change given `h` hours is reviewed to depth
 * `1 − exp(−h / reviewHoursScale)`, and the review catches a defect with probability depth × the
 * team's mean care (× `aiCareFactor` on bot-written code: Perry et al. 2023). More changes mean
 * fewer hours each, so a lower catch rate; once the hours would fall below `minReviewHours` a
 * change, reviewers give that much to as many changes as their hours allow and the others merge
 * unreviewed. Faros (2025, 2026) measured this bottleneck: review time +91% and ×5, 31% more pull
 * requests merged with no review, and incidents per pull request up by more than 3× where AI use is
 * heavy (Cortex 2026: +23.5%).
 *
 * What a team ships, and the defects and vulnerabilities it carries, depend only on how many of its
 * engineers work under each strategy (src/sim/defects.ts): the outcomes' pass counts them, with
 * the team's summed care, and this step turns the counts into the week's expected production
 * failures and escaped vulnerabilities. Expected counts are linear in what each change carries, so
 * this is exact; src/sim/incidents.ts then draws the counts.
 */
import { STRATEGY_COUNT } from '../agents/strategies.ts';
import type { ReviewOutcome, WeekContext } from './context.ts';
import { botChangesPerWeek, type ChangeProfile } from './defects.ts';
import { BOT_DEPLOYS, STRATEGIES, UNREVIEWED_BOT_CHANGES } from './totals.ts';

export function createReviewOutcome(): ReviewOutcome {
  return { changes: 0, unreviewed: 0, humanFailures: 0, botFailures: 0, vulnerabilities: 0 };
}

/** Share of `changes` a team with `hours` can review, giving each at least `minHours`. */
export function reviewedShare(hours: number, changes: number, minHours: number): number {
  if (changes <= 0) return 1;
  return Math.min(1, hours / (changes * minHours));
}

/** Depth of a review given `hours` (0: none, 1: all that care allows), with `scale` the hours to reach 1 − 1/e. */
export function reviewDepth(hours: number, scale: number): number {
  return 1 - Math.exp(-hours / scale);
}

/** Slots of the sums reviewTeams adds up (a typed array: see the note on reviewTeams). */
const CHANGES = 0;
const UNREVIEWED = 1;
const HUMAN_FAILURES = 2;
const BOT_FAILURES = 3;
const VULNERABILITIES = 4;
const SUMS = 5;

/** The week's code review: bot changes from the strategy counts, then team by team. */
export function settleCodeReview(ctx: WeekContext, profile: ChangeProfile): void {
  const { org } = ctx;
  const { totals, review } = org;
  const { botDeploys, botReviewRigor: rigor } = ctx.signals;
  const botChanges = botChangesPerWeek(ctx.scenario.incidents, botDeploys, profile.botChanges);
  let deploys = 0;
  for (let k = 0; k < STRATEGY_COUNT; k++) deploys += totals[STRATEGIES + k] * botChanges[k];
  totals[BOT_DEPLOYS] = deploys;
  // Bot changes the deployment rules let through with no human review.
  const unreviewedBots = deploys * (1 - rigor);
  totals[UNREVIEWED_BOT_CHANGES] = unreviewedBots;
  const sums = reviewTeams(ctx, profile, rigor);
  review.changes = sums[CHANGES] + unreviewedBots;
  review.unreviewed = sums[UNREVIEWED] + unreviewedBots;
  review.humanFailures = sums[HUMAN_FAILURES];
  review.botFailures = sums[BOT_FAILURES] + unreviewedBots * profile.botDefect;
  review.vulnerabilities = sums[VULNERABILITIES] + unreviewedBots * profile.botVulnerability;
}

const scratch = new Float64Array(SUMS);

/**
 * What each team's review lets through, summed over teams. The sums go straight into a typed array
 * and the loop ends the function, so that V8's code for the loop never bails out after it
 * (docs/PERFORMANCE.md, "Loops end their function").
 */
function reviewTeams(ctx: WeekContext, profile: ChangeProfile, rigor: number): Float64Array {
  const { teamStrategies, teamCare, teamActive } = ctx.org;
  const { minReviewHours, reviewHoursScale, aiCareFactor } = ctx.scenario.incidents;
  const { changes, defects, vulnerabilities, reviewHours, botChanges, botDefect, botVulnerability } = profile;
  const sums = scratch;
  sums.fill(0);
  const teams = teamActive.length;
  for (let g = 0; g < teams; g++) {
    const active = teamActive[g];
    if (active === 0) continue;
    let n = 0;
    let hours = 0;
    let teamDefects = 0;
    let teamVulnerabilities = 0;
    let bots = 0;
    const base = g * STRATEGY_COUNT;
    for (let k = 0; k < STRATEGY_COUNT; k++) {
      const count = teamStrategies[base + k];
      if (count === 0) continue;
      const reviewedBots = count * botChanges[k] * rigor;
      n += count * changes[k] + reviewedBots;
      hours += count * reviewHours[k];
      teamDefects += count * defects[k];
      teamVulnerabilities += count * vulnerabilities[k];
      bots += reviewedBots;
    }
    if (n <= 0) continue;
    const reviewed = reviewedShare(hours, n, minReviewHours);
    const hoursEach = reviewed < 1 ? minReviewHours : hours / n;
    const catchHuman = reviewed * reviewDepth(hoursEach, reviewHoursScale) * (teamCare[g] / active);
    const catchBot = catchHuman * aiCareFactor;
    sums[CHANGES] += n;
    sums[UNREVIEWED] += n * (1 - reviewed);
    sums[HUMAN_FAILURES] += teamDefects * (1 - catchHuman);
    sums[BOT_FAILURES] += bots * botDefect * (1 - catchBot);
    sums[VULNERABILITIES] += teamVulnerabilities * (1 - catchHuman) + bots * botVulnerability * (1 - catchBot);
  }
  return sums;
}
