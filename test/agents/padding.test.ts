import { describe, expect, it } from 'vitest';
import { fakedShare, paddedOffsets, paddedPosition, paddedTokens } from '../../src/agents/padding.ts';
import { POSITIONS_PER_DECADE, tokensPosition } from '../../src/sim/usage-distribution.ts';
import { PADDER } from '../../src/agents/strategies.ts';
import { simulate } from '../../src/sim/run.ts';
import { bundled } from '../helpers.ts';

describe('padding', () => {
  it('a padder lands above the target by a share of what they fake', () => {
    expect(paddedTokens(10e6, 25e6, 0.1)).toBeCloseTo(26.5e6, 0);
    expect(paddedTokens(24e6, 25e6, 0.1)).toBeCloseTo(25.1e6, 0);
    // Nothing to fake: no target, or a genuine need that meets it.
    expect(paddedTokens(10e6, 0, 0.1)).toBe(10e6);
    expect(paddedTokens(30e6, 25e6, 0.1)).toBe(30e6);
    expect(fakedShare(10e6, 26.5e6)).toBeCloseTo(16.5 / 26.5, 12);
    expect(fakedShare(30e6, 30e6)).toBe(0);
  });

  // Schweitzer, Ordóñez and Douma (2004): unmet goals raise unethical behaviour, most when people fall just short.
  it('those just short of a quota pad more than those far below it, and usage bunches just above the target', () => {
    const edges = [0, 0.25, 0.5, 0.75, 1];
    const padders = [0, 0, 0, 0];
    const short = [0, 0, 0, 0];
    let covered = 0;
    let inBand = 0;
    const landing: number[] = [];
    for (const seed of [1, 2, 3]) {
      simulate(bundled('quota-only'), seed, {
        onWeek: (t, ctx) => {
          if (t !== 51) return;
          const { active, tokens, strategy, genuineTokensPerWeek } = ctx.pop;
          const target = ctx.signals.usageTarget;
          for (let i = 0; i < active.length; i++) {
            if (!active[i] || !(target[i] > 0)) continue;
            covered++;
            if (tokens[i] >= target[i] && tokens[i] < 1.1 * target[i]) inBand++;
            const distance = genuineTokensPerWeek[i] / target[i];
            if (distance >= 1) continue;
            const bin = edges.findIndex((edge, k) => distance >= edge && distance < edges[k + 1]);
            short[bin]++;
            if (strategy[i] === PADDER) {
              padders[bin]++;
              landing.push(tokens[i] / target[i]);
            }
          }
        },
      });
    }
    const share = padders.map((n, k) => n / short[k]);
    // Measured: 0.82, 0.83, 0.88, 0.98 of those short pad, by genuine use of 0-25%, 25-50%, 50-75%, 75-100% of the target.
    expect(share[3]).toBeGreaterThan(share[0] + 0.08);
    expect(share[2] + share[3]).toBeGreaterThan(share[0] + share[1] + 0.1);
    // Bunching (measured 0.66): all padders land in (target, 1.1 × target], where they land is not one multiple.
    expect(inBand / covered).toBeGreaterThan(0.35);
    landing.sort((a, b) => a - b);
    expect(landing[0]).toBeGreaterThan(1);
    expect(landing[landing.length - 1]).toBeLessThanOrEqual(1.1);
    const q = (p: number) => landing[Math.floor(p * (landing.length - 1))];
    expect(q(0.9) - q(0.1)).toBeGreaterThan(0.03);
  });
});

describe('padded positions from a table', () => {
  it('are the positions of the padded tokens on the usage scale, to within 1e-5 of a bin', () => {
    for (const margin of [0, 0.1, 0.3, 2]) {
      const offsets = paddedOffsets(margin, POSITIONS_PER_DECADE);
      for (const target of [2e4, 25e6, 3e9]) {
        for (const share of [0, 0.0001, 0.3, 0.5, 0.77, 0.9999]) {
          const genuine = share * target;
          const exact = tokensPosition(paddedTokens(genuine, target, margin));
          expect(Math.abs(paddedPosition(genuine, target, tokensPosition(target), offsets) - exact)).toBeLessThan(1e-5);
        }
      }
    }
  });
});
