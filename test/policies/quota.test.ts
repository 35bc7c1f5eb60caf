import { describe, expect, it } from 'vitest';
import { bundled, snapshot } from '../helpers.ts';

/** Share of covered, active engineers whose tokens lie in [target, 1.1 × target). */
function shareJustAboveTarget(name: string, seed: number): number {
  const target = 25e6;
  const s = snapshot(bundled(name), seed, 51);
  // Without a quota nobody has a usage target: compare the same share of engineers, the first 80% of positions.
  const isCovered = (i: number) => (name === 'baseline' ? i < 0.8 * s.tokens.length : s.usageTarget[i] > 0);
  let covered = 0;
  let inBand = 0;
  for (let i = 0; i < s.tokens.length; i++) {
    if (!s.active[i] || !isCovered(i)) continue;
    covered++;
    if (s.tokens[i] >= target && s.tokens[i] < 1.1 * target) inBand++;
  }
  return inBand / covered;
}

describe('quota policy', () => {
  it('a quota bunches usage just above the target', () => {
    const withQuota = shareJustAboveTarget('quota-only', 1);
    const without = shareJustAboveTarget('baseline', 1);
    // Without a quota about 3% of engineers happen to use 25-27.5 M tokens a week.
    expect(without).toBeLessThan(0.08);
    expect(withQuota).toBeGreaterThan(0.35);
    expect(withQuota).toBeGreaterThan(5 * without);
  });

  it('engineers not covered by the quota do not bunch', () => {
    const s = snapshot(bundled('quota-only'), 2, 51);
    let uncovered = 0;
    let inBand = 0;
    for (let i = 0; i < s.tokens.length; i++) {
      if (!s.active[i] || s.usageTarget[i] > 0) continue;
      uncovered++;
      if (s.tokens[i] >= 25e6 && s.tokens[i] < 27.5e6) inBand++;
    }
    expect(inBand / uncovered).toBeLessThan(0.1);
  });

  it('a quota raises gaming and spend, and meets most targets', () => {
    const s = snapshot(bundled('quota-only'), 3, 51);
    let covered = 0;
    let meeting = 0;
    for (let i = 0; i < s.tokens.length; i++) {
      if (!s.active[i] || !(s.usageTarget[i] > 0)) continue;
      covered++;
      if (s.tokens[i] >= 25e6) meeting++;
    }
    expect(meeting / covered).toBeGreaterThan(0.7);
  });
});
