/**
 * Checks that must hold after every week; the tests turn them on (`checkInvariants`). A violation
 * is a bug in the model, not a user's mistake, so it throws.
 */
import type { WeekContext } from './context.ts';
import { METRIC_NAMES, type MetricColumns } from './metrics.ts';

export class InvariantError extends Error {
  override name = 'InvariantError';
}

const SHARE_TOLERANCE = 1e-9;

export function checkInvariants(ctx: WeekContext, columns: MetricColumns): void {
  const t = ctx.t;
  const fail = (what: string) => {
    throw new InvariantError(`week ${t}: ${what}`);
  };
  for (const name of METRIC_NAMES) {
    if (!Number.isFinite(columns[name][t])) fail(`${name} is ${columns[name][t]}`);
  }
  const headcount = columns.headcount[t];
  if (headcount < 0) fail(`headcount is ${headcount}`);
  if (headcount > 0) {
    const shares = columns.shareManual[t] + columns.shareAdopter[t] + columns.sharePadder[t] + columns.shareMaxer[t] + columns.shareAutopilot[t];
    if (Math.abs(shares - 1) > SHARE_TOLERANCE) fail(`strategy shares sum to ${shares}`);
  }
  const { tokens, genuineTokens, size } = ctx.pop;
  for (let i = 0; i < size; i++) {
    if (!(genuineTokens[i] >= 0)) fail(`engineer ${i} has genuine tokens ${genuineTokens[i]}`);
    if (!(tokens[i] >= genuineTokens[i])) fail(`engineer ${i} uses ${tokens[i]} tokens, fewer than their genuine ${genuineTokens[i]}`);
  }
}
