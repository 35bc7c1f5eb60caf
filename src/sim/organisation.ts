/**
 * Step 6 of the week (MODEL.md §3): what the organisation as a whole makes of the week. The
 * leaderboard is recomputed from this week's tokens, output statistics are updated for next week's
 * review expectations, and this week's incidents take their toll on next week's output.
 *
 * Severity is in engineer-weeks, so the share of output lost is the loss over headcount: the same
 * incident rate per engineer costs the same share of output at 100 or at 1,000,000 engineers.
 */
import type { WeekContext } from './context.ts';
import { rebuildUsage } from './usage-distribution.ts';

export function updateOrganisation(ctx: WeekContext): void {
  const { pop, org } = ctx;
  const moments = org.outputMoments;
  const headcount = sumOutput(pop.output, pop.active, pop.size, moments);
  const sum = moments[0];
  const squares = moments[1];
  const mean = headcount > 0 ? sum / headcount : 0;
  org.meanOutput = mean;
  org.sdOutput = headcount > 0 ? Math.sqrt(Math.max(0, squares / headcount - mean * mean)) : 0;
  org.outageLoss = headcount > 0 ? Math.min(1, org.severityLoss / headcount) : 0;
  rebuildUsage(org.usage, pop.usagePosition, pop.active, pop.size);
}

/**
 * Sum and sum of squares of the active engineers' output, into moments[0] and moments[1]; returns
 * the headcount. It adds straight into `moments` so that nothing but the return follows its loop:
 * see "Loops end their function" in docs/PERFORMANCE.md.
 */
function sumOutput(output: Float64Array, active: Uint8Array, size: number, moments: Float64Array): number {
  moments.fill(0);
  let headcount = 0;
  for (let i = 0; i < size; i++) {
    if (active[i] === 0) continue;
    headcount++;
    moments[0] += output[i];
    moments[1] += output[i] * output[i];
  }
  return headcount;
}
