/**
 * Step 6 of the week (MODEL.md §3): what the organisation as a whole makes of the week. The
 * leaderboard is recomputed from this week's tokens, output statistics are updated for next week's
 * review expectations, and this week's incidents take their toll on next week's output.
 *
 * Severity is in engineer-weeks, so the share of output lost is the loss over headcount: the same
 * incident rate per engineer costs the same share of output at 100 or at 1,000,000 engineers.
 */
import type { WeekContext } from './context.ts';
import { OUTPUT, OUTPUT_SQUARES, WORKING } from './totals.ts';
import { finishUsage } from './usage-distribution.ts';

export function updateOrganisation(ctx: WeekContext): void {
  const { org } = ctx;
  const { totals } = org;
  const headcount = totals[WORKING];
  const mean = headcount > 0 ? totals[OUTPUT] / headcount : 0;
  org.meanOutput = mean;
  org.sdOutput = headcount > 0 ? Math.sqrt(Math.max(0, totals[OUTPUT_SQUARES] / headcount - mean * mean)) : 0;
  org.outageLoss = headcount > 0 ? Math.min(1, org.severityLoss / headcount) : 0;
  // The outcomes' pass counted this week's usage into nextUsage: it becomes the board everyone sees.
  const lastWeek = org.usage;
  org.usage = org.nextUsage;
  org.nextUsage = lastWeek;
  finishUsage(org.usage);
}
