import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/run.ts';
import { bundled, meanOver, replicate, snapshot } from '../helpers.ts';

/** The last weeks of the year, over which the top of usage is compared with the rate limit. */
const LATE_WEEKS = 36;

/** The tokens of the engineer at quantile q among active engineers. */
function quantileOfTokens(tokens: Float64Array, active: Uint8Array, q: number): number {
  const used = Array.from(tokens).filter((_, i) => active[i]).sort((a, b) => a - b);
  return used[Math.floor(q * (used.length - 1))];
}

describe('leaderboard policy', () => {
  it('a public leaderboard makes the top of usage rise week after week, up to the rate limit', () => {
    // The leaderboard starts at week 8; maxers aim 20% beyond last week's 99th percentile.
    const scenario = bundled('leaderboard-only');
    const weeks = [8, 10, 12, 14, 16];
    const top = weeks.map((week) => {
      const s = snapshot(scenario, 1, week);
      return quantileOfTokens(s.tokens, s.active, 0.99);
    });
    for (let k = 1; k < top.length; k++) expect(top[k]).toBeGreaterThan(1.15 * top[k - 1]);
    expect(top[top.length - 1]).toBeGreaterThan(3 * top[0]);
    // Once there, the top stays at the limit while at least 1% of engineers are maxers; when they
    // fall below 1% it drops and climbs back (a saw-tooth), so the test counts the late weeks at the
    // limit rather than looking at one of them.
    let weeksAtLimit = 0;
    simulate(scenario, 1, {
      onWeek: (week, ctx) => {
        if (week >= LATE_WEEKS && quantileOfTokens(ctx.pop.tokens, ctx.pop.active, 0.99) === scenario.aiTool.rateLimitTokensPerWeek) weeksAtLimit++;
      },
    });
    expect(weeksAtLimit).toBeGreaterThanOrEqual((scenario.weeks - LATE_WEEKS) / 2);
    // The middle of the distribution does not move with it.
    const late = snapshot(scenario, 1, 51);
    const early = snapshot(scenario, 1, 8);
    expect(quantileOfTokens(late.tokens, late.active, 0.5)).toBeLessThan(1.5 * quantileOfTokens(early.tokens, early.active, 0.5));
  });

  it('without a leaderboard the top of usage stays put', () => {
    const scenario = bundled('baseline');
    const early = snapshot(scenario, 1, 8);
    const late = snapshot(scenario, 1, 51);
    const ratio = quantileOfTokens(late.tokens, late.active, 0.995) / quantileOfTokens(early.tokens, early.active, 0.995);
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1.4);
  });

  it('the leaderboard does not raise real output', () => {
    const board = replicate(bundled('leaderboard-only'), 6);
    const base = replicate(bundled('baseline'), 6);
    expect(meanOver(board, 'realOutput', 26, 52)).toBeLessThan(1.01 * meanOver(base, 'realOutput', 26, 52));
  });
});
