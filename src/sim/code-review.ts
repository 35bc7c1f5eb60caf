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
 * The outcomes' pass adds up, per team, the changes needing review, the hours, the care and the
 * defects and vulnerabilities those changes carry (slots below); this step turns them into the
 * week's expected production failures and escaped vulnerabilities. Expected counts are linear in
 * what each team ships, so per-team sums are exact; incidents then draws the counts.
 */
import type { ReviewOutcome, WeekContext } from './context.ts';
import { UNREVIEWED_BOT_CHANGES } from './totals.ts';

/** Per-team sums of the week, at team * REVIEW_SLOTS + slot. */
export const REVIEW_CHANGES = 0;
export const REVIEW_HOURS = 1;
export const REVIEW_CARE = 2;
export const REVIEW_DEFECTS = 3;
export const REVIEW_VULNERABILITIES = 4;
export const REVIEW_BOT_CHANGES = 5;
export const REVIEW_SLOTS = 6;

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

/**
 * The week's code review, team by team, from the sums the outcomes' pass left in org.teamReview
 * and the bot changes it counted as merged without review.
 */
export function settleCodeReview(ctx: WeekContext, profile: { botDefect: number; botVulnerability: number }): void {
  const { org } = ctx;
  const inc = ctx.scenario.incidents;
  const { teamReview, teamActive, review } = org;
  const { minReviewHours, reviewHoursScale, aiCareFactor } = inc;
  const { botDefect, botVulnerability } = profile;
  let changes = 0;
  let unreviewed = 0;
  let humanFailures = 0;
  let botFailures = 0;
  let vulnerabilities = 0;
  for (let g = 0; g < teamActive.length; g++) {
    const base = g * REVIEW_SLOTS;
    const n = teamReview[base + REVIEW_CHANGES];
    if (n <= 0 || teamActive[g] === 0) continue;
    const hours = teamReview[base + REVIEW_HOURS];
    const reviewed = reviewedShare(hours, n, minReviewHours);
    const hoursEach = reviewed < 1 ? minReviewHours : hours / n;
    const care = teamReview[base + REVIEW_CARE] / teamActive[g];
    const catchHuman = reviewed * reviewDepth(hoursEach, reviewHoursScale) * care;
    const catchBot = catchHuman * aiCareFactor;
    const bots = teamReview[base + REVIEW_BOT_CHANGES];
    changes += n;
    unreviewed += n * (1 - reviewed);
    humanFailures += teamReview[base + REVIEW_DEFECTS] * (1 - catchHuman);
    botFailures += bots * botDefect * (1 - catchBot);
    vulnerabilities += teamReview[base + REVIEW_VULNERABILITIES] * (1 - catchHuman) + bots * botVulnerability * (1 - catchBot);
  }
  // Bot changes the deployment rules let through with no human review.
  const unreviewedBots = org.totals[UNREVIEWED_BOT_CHANGES];
  review.changes = changes + unreviewedBots;
  review.unreviewed = unreviewed + unreviewedBots;
  review.humanFailures = humanFailures;
  review.botFailures = botFailures + unreviewedBots * botDefect;
  review.vulnerabilities = vulnerabilities + unreviewedBots * botVulnerability;
}
