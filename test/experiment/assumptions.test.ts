import { describe, expect, it } from 'vitest';
import { KEY_OUTCOMES, runScenario, type Posterior } from '../../src/index.ts';
import { assumptionShares } from '../../src/experiment/assumptions.ts';
import { bundled } from '../helpers.ts';

describe('which assumptions a difference depends on', () => {
  // Eight prices and eight suspicions, crossed so that the two are uncorrelated over the particles.
  const prices = [1, 1.7, 2.4, 3.1, 3.8, 4.5, 5.2, 6];
  const posterior: Posterior = {
    parameters: ['aiTool.pricePerMillionTokens', 'behaviour.suspicion'],
    values: Float64Array.from(prices.flatMap((p, k) => [p, 0.1 + 0.05 * ((k * 3) % 8)])),
    weights: new Float64Array(8).fill(1 / 8),
  };
  const a = runScenario(bundled('baseline', ['agents=150', 'weeks=8']), { seeds: 24, posterior });
  const b = runScenario(bundled('meshclaw', ['agents=150', 'weeks=8', 'policies.quota.startWeek=0']), { seeds: 24, posterior });
  const spend = KEY_OUTCOMES.find((o) => o.key === 'spend')!;

  it('names the parameter that moves a difference, clear of chance, and not one that does not', () => {
    // The mandate's extra tokens are paid at the drawn price: its extra spend follows the price.
    const [first, second] = assumptionShares(a, b, spend);
    expect(first.parameter).toBe('aiTool.pricePerMillionTokens');
    expect(first.share).toBeGreaterThan(0.6);
    expect(first.clear).toBe(true);
    expect(second.parameter).toBe('behaviour.suspicion');
    expect(second.clear).toBe(false);
  });

  it('says nothing without a posterior', () => {
    const plain = runScenario(bundled('baseline', ['agents=150', 'weeks=8']), { seeds: 4 });
    expect(assumptionShares(plain, plain, spend)).toEqual([]);
  });
});
