/**
 * Checks that must hold after every week; the tests turn them on (`checkInvariants`). A violation
 * is a bug in the model, not a user's mistake, so it throws.
 */
import { STRATEGIES } from '../agents/strategies.ts';
import type { WeekContext } from './context.ts';
import type { MetricColumns } from './metrics.ts';
import { GENUINE_TOKENS, TOKENS, WORKING } from './totals.ts';

export class InvariantError extends Error {
  override name = 'InvariantError';
}

const SHARE_TOLERANCE = 1e-9;

export function checkInvariants(ctx: WeekContext, columns: MetricColumns): void {
  const t = ctx.t;
  const fail = (what: string) => {
    throw new InvariantError(`week ${t}: ${what}`);
  };
  for (const name of Object.keys(columns)) {
    if (!Number.isFinite(columns[name][t])) fail(`${name} is ${columns[name][t]}`);
  }
  const headcount = columns.headcount[t];
  if (headcount < 0) fail(`headcount is ${headcount}`);
  const totals = ctx.org.totals;
  if (totals[WORKING] > 0) {
    const shares = STRATEGIES.reduce((sum, s) => sum + columns[s.shareMetric][t], 0);
    if (Math.abs(shares - 1) > SHARE_TOLERANCE) fail(`strategy shares sum to ${shares}`);
  }
  if (!(totals[GENUINE_TOKENS] >= 0)) fail(`genuine tokens add up to ${totals[GENUINE_TOKENS]}`);
  if (!(totals[TOKENS] >= totals[GENUINE_TOKENS])) fail(`${totals[TOKENS]} tokens used, fewer than the genuine ${totals[GENUINE_TOKENS]}`);
  const { review, latentVulnerabilities } = ctx.org;
  if (!(review.unreviewed >= 0 && review.unreviewed <= review.changes * (1 + SHARE_TOLERANCE))) fail(`${review.unreviewed} of ${review.changes} changes unreviewed`);
  if (!(review.humanFailures >= 0 && review.botFailures >= 0 && review.vulnerabilities >= 0)) fail('a negative expected number of failures or vulnerabilities');
  if (!(latentVulnerabilities >= 0)) fail(`${latentVulnerabilities} latent vulnerabilities`);
  const { tokens, output, observedOutput, aiFitBias, motivation, morale, size } = ctx.pop;
  for (let i = 0; i < size; i++) {
    if (!(tokens[i] >= 0)) fail(`engineer ${i} uses ${tokens[i]} tokens`);
    // Noise scales what is seen; it cannot make something of nothing or turn output negative.
    if (!(observedOutput[i] >= 0) || (output[i] === 0) !== (observedOutput[i] === 0)) fail(`engineer ${i} is seen producing ${observedOutput[i]} of ${output[i]}`);
    if (!Number.isFinite(aiFitBias[i])) fail(`engineer ${i} overrates the tool by ${aiFitBias[i]}`);
    if (!(motivation[i] >= 0 && motivation[i] < Infinity)) fail(`engineer ${i} has effort ${motivation[i]}`);
    if (!(morale[i] >= 0)) fail(`engineer ${i} has morale ${morale[i]}`);
  }
}
