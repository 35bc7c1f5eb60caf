import { describe, expect, it } from 'vitest';
import { bundled, meanOver, replicate, snapshot } from '../helpers.ts';

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
    const late = snapshot(scenario, 1, 51);
    expect(quantileOfTokens(late.tokens, late.active, 0.99)).toBe(scenario.aiTool.rateLimitTokensPerWeek);
    // The middle of the distribution does not move with it.
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
