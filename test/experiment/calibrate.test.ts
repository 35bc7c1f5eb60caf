import { describe, expect, it } from 'vitest';
import { posteriorMarginals, weightedQuantile } from '../../src/experiment/abc-smc.ts';
import { calibrate, priorOf } from '../../src/experiment/calibrate.ts';
import { scenarioWithParticle } from '../../src/experiment/posterior.ts';
import { parseTargetsText, targetValue, type LoadedTargets } from '../../src/experiment/targets.ts';
import { DEFAULT_MODEL, simulate } from '../../src/index.ts';
import { bundled } from '../helpers.ts';

describe('calibration on the model recovers parameters it was given', () => {
  it('a target generated at a known price: the price is found, narrowly; a parameter the target ignores stays as wide as its prior', async () => {
    // Spend per engineer varies with who is drawn (genuine use is log-normal, log-sd 1.3: a coefficient
    // of variation of about 2.1 per engineer, 2.1/√n per organisation): 1,000 engineers make one run's
    // statistic good to about 7%, enough to pin a price; 150 would not be.
    const baseline = bundled('baseline', ['agents=1000', 'weeks=4']);
    const TRUE_PRICE = 4;
    const { targets } = parseTargetsText(`targets:
  - { name: spend, figure: generated, sources: [claudeCodeCosts2026], statistic: { scenario: baseline, metric: spend, per: headcount, aggregate: mean }, observed: 1, sd: 1 }
`);
    // The observed value: the statistic at the true price, over a few seeds.
    const atTruth = scenarioWithParticle(baseline, { parameters: ['aiTool.pricePerMillionTokens'], values: Float64Array.of(TRUE_PRICE), weights: Float64Array.of(1) }, 0);
    const observed = [1, 2, 3, 4].map((seed) => targetValue(targets[0], new Map([['baseline', simulate(atTruth, seed)]]))).reduce((a, b) => a + b) / 4;
    const loaded: LoadedTargets = { targets: [{ ...targets[0], observed, sd: 0.04 * observed }], cannot: [], scenarios: new Map([['baseline', baseline]]) };
    const prior = priorOf(['aiTool.pricePerMillionTokens', 'behaviour.suspicion'], DEFAULT_MODEL, baseline);
    const result = await calibrate(loaded, prior, { populationSize: 60, generations: 5, seed: 3, workers: 0 });
    const [price, suspicion] = posteriorMarginals(prior, result.population);
    const prices = Float64Array.from({ length: 60 }, (_, r) => result.population.particles[2 * r]);
    expect(weightedQuantile(prices, result.population.weights, 0.05)).toBeLessThan(TRUE_PRICE);
    expect(weightedQuantile(prices, result.population.weights, 0.95)).toBeGreaterThan(TRUE_PRICE);
    // Uniform priors: sd = range / √12.
    const priorSd = (p: { low: number; high: number }) => (p.high - p.low) / Math.sqrt(12);
    expect(price.sd).toBeLessThan(0.3 * priorSd(prior[0]));
    expect(suspicion.sd).toBeGreaterThan(0.6 * priorSd(prior[1]));
    // Tolerances shrink generation after generation.
    const epsilons = result.diagnostics.map((g) => g.epsilon);
    for (let t = 1; t < epsilons.length; t++) expect(epsilons[t]).toBeLessThan(epsilons[t - 1]);
  });
});
