import normal from '@stdlib/random-base-normal';
import { describe, expect, it } from 'vitest';
import {
  acceptGeneration,
  cholesky,
  generationComplete,
  posteriorMarginals,
  proposeCandidates,
  runAbcSmc,
  standardisedDistance,
  startAbcSmc,
  weightedQuantile,
  type AbcPopulation,
  type AbcPrior,
  type AbcState,
  type RunAbcOptions,
} from '../../src/experiment/abc-smc.ts';
import { stream } from '../../src/sim/random.ts';

/**
 * The toy with a known answer: θ ~ Uniform(−10, 10), data n = 20 draws x_i ~ Normal(θ, 1), statistic
 * the sample mean, observed 1.5. The posterior is Normal(1.5, 1/√20) truncated to [−10, 10], where
 * the truncation is 38 sds away: Normal(1.5, 0.2236) to every digit that matters.
 */
const N_DRAWS = 20;
const OBSERVED_MEAN = 1.5;
const STATISTIC_SD = 1 / Math.sqrt(N_DRAWS);

/** The sample mean of n = 20 normal draws around theta[0], from the simulation's own seed. */
function sampleMean(theta: Float64Array, seed: number): number[] {
  const draw = normal.factory(theta[0], 1, { prng: stream(seed, 'toy') });
  let sum = 0;
  for (let i = 0; i < N_DRAWS; i++) sum += draw();
  return [sum / N_DRAWS];
}

/** A fixed-format CSV of a population: what posterior.csv will be. */
function csv(prior: AbcPrior, population: AbcPopulation): string {
  const d = prior.length;
  const lines = [[...prior.map((p) => p.name), 'weight', 'distance'].join(',')];
  for (let i = 0; i < population.weights.length; i++) {
    const row = Array.from(population.particles.subarray(i * d, (i + 1) * d), (v) => v.toExponential(12));
    lines.push([...row, population.weights[i].toExponential(12), population.distances[i].toExponential(12)].join(','));
  }
  return lines.join('\n');
}

describe('ABC-SMC on a normal mean with a known posterior', () => {
  const prior: AbcPrior = [{ name: 'theta', low: -10, high: 10 }];
  const result = runAbcSmc(prior, sampleMean, [OBSERVED_MEAN], [STATISTIC_SD], { populationSize: 500, generations: 9, seed: 1 });
  const [theta] = posteriorMarginals(prior, result.population);

  it('recovers the posterior mean and sd', () => {
    // The Monte Carlo error of the weighted mean is about 0.224/√ESS ≈ 0.01 (ESS > 300 below): ±0.05 is several of them.
    expect(theta.mean).toBeGreaterThan(OBSERVED_MEAN - 0.05);
    expect(theta.mean).toBeLessThan(OBSERVED_MEAN + 0.05);
    // ABC accepts |x̄_sim − x̄_obs| ≤ ε·sd, which widens the posterior to sd·√(1 + ε²/3) (a uniform
    // window of half-width ε·sd added to the likelihood's noise): +0.6% at the final ε ≈ 0.19.
    // What remains is the sd's Monte Carlo error, larger than 1/√(2·ESS) because each generation's
    // weights carry the noise of the one before: over seeds 1–8 sd/(1/√20) was 0.89 to 1.10
    // (mean 1.008, sd 0.065), and 0.96 to 1.01 with 2000 particles. ±20% is three of those sds.
    expect(theta.sd).toBeGreaterThan(STATISTIC_SD * 0.8);
    expect(theta.sd).toBeLessThan(STATISTIC_SD * 1.2);
  });

  it('shrinks ε every generation; weights sum to 1; ESS is in [1, N]; every particle lies in the prior', () => {
    const epsilons = result.diagnostics.map((g) => g.epsilon);
    expect(epsilons[0]).toBe(Number.POSITIVE_INFINITY);
    for (let t = 1; t < epsilons.length; t++) expect(epsilons[t]).toBeLessThan(epsilons[t - 1]);
    for (const population of result.populations) {
      expect(population.weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(population.ess).toBeGreaterThanOrEqual(1);
      expect(population.ess).toBeLessThanOrEqual(500);
      for (const v of population.particles) {
        expect(v).toBeGreaterThanOrEqual(-10);
        expect(v).toBeLessThanOrEqual(10);
      }
      for (const distance of population.distances) expect(distance).toBeLessThanOrEqual(population.epsilon);
    }
    for (const g of result.diagnostics) {
      expect(g.acceptanceRate).toBeGreaterThan(0);
      expect(g.acceptanceRate).toBeLessThanOrEqual(1);
      expect(g.simulations).toBeGreaterThanOrEqual(g.candidates);
    }
    expect(result.population.ess).toBeGreaterThan(300);
  });
});

describe('ABC-SMC with a parameter the statistic ignores', () => {
  // The statistic is the sample mean of draws around a; b (log-uniform over two orders of magnitude)
  // changes nothing, so its posterior is its prior.
  const prior: AbcPrior = [
    { name: 'a', low: -10, high: 10 },
    { name: 'b', low: 0.1, high: 10, log: true },
  ];
  const result = runAbcSmc(prior, sampleMean, [OBSERVED_MEAN], [STATISTIC_SD], { populationSize: 300, generations: 7, seed: 2 });
  const [a, b] = posteriorMarginals(prior, result.population);

  it('narrows the identifiable one and leaves the other as wide as its prior', () => {
    const priorSdA = 20 / Math.sqrt(12);
    expect(a.sd).toBeLessThan(0.2 * priorSdA);
    // On its own (log) scale the ignored parameter keeps the sd of Uniform(log 0.1, log 10).
    const priorSdLogB = Math.log(100) / Math.sqrt(12);
    const d = prior.length;
    const { particles, weights } = result.population;
    let mean = 0;
    for (let i = 0; i < weights.length; i++) mean += weights[i] * Math.log(particles[i * d + 1]);
    let variance = 0;
    for (let i = 0; i < weights.length; i++) variance += weights[i] * (Math.log(particles[i * d + 1]) - mean) ** 2;
    expect(Math.sqrt(variance)).toBeGreaterThan(0.7 * priorSdLogB);
    // Flat up to its edges, where the prior's box cuts the kernel: the outer quarters of its log range
    // keep half the weight (seeds 2–7 gave 0.47 to 0.52; the sampling error is about 0.03).
    let outer = 0;
    for (let i = 0; i < weights.length; i++) {
      const u = (Math.log(particles[i * d + 1]) - Math.log(0.1)) / Math.log(100);
      if (u < 0.25 || u > 0.75) outer += weights[i];
    }
    expect(outer).toBeGreaterThan(0.4);
    expect(outer).toBeLessThan(0.6);
    expect(b.mean).toBeGreaterThan(0.1);
    for (let i = 0; i < weights.length; i++) {
      expect(particles[i * d + 1]).toBeGreaterThanOrEqual(0.1);
      expect(particles[i * d + 1]).toBeLessThanOrEqual(10);
    }
  });
});

describe('ABC-SMC with two parameters only their sum identifies', () => {
  // The statistic is the mean of draws around a + b: the posterior is a ridge a + b ≈ 1.5, which only
  // a kernel with the population's full covariance (not one variance per parameter) follows well.
  const prior: AbcPrior = [
    { name: 'a', low: -5, high: 5 },
    { name: 'b', low: -5, high: 5 },
  ];
  const sumMean = (theta: Float64Array, seed: number) => sampleMean(Float64Array.of(theta[0] + theta[1]), seed);
  const result = runAbcSmc(prior, sumMean, [OBSERVED_MEAN], [STATISTIC_SD], { populationSize: 300, generations: 8, seed: 5 });

  it('finds the ridge: a + b has the posterior of the one-parameter toy, and a and b are strongly anti-correlated', () => {
    const { particles, weights } = result.population;
    let sum = 0;
    let ma = 0;
    let mb = 0;
    for (let i = 0; i < weights.length; i++) {
      sum += weights[i] * (particles[2 * i] + particles[2 * i + 1]);
      ma += weights[i] * particles[2 * i];
      mb += weights[i] * particles[2 * i + 1];
    }
    let varSum = 0;
    let va = 0;
    let vb = 0;
    let cab = 0;
    for (let i = 0; i < weights.length; i++) {
      const a = particles[2 * i] - ma;
      const b = particles[2 * i + 1] - mb;
      varSum += weights[i] * (a + b + ma + mb - sum) ** 2;
      va += weights[i] * a * a;
      vb += weights[i] * b * b;
      cab += weights[i] * a * b;
    }
    expect(Math.abs(sum - OBSERVED_MEAN)).toBeLessThan(0.05);
    expect(Math.sqrt(varSum) / STATISTIC_SD).toBeGreaterThan(0.75);
    expect(Math.sqrt(varSum) / STATISTIC_SD).toBeLessThan(1.25);
    expect(cab / Math.sqrt(va * vb)).toBeLessThan(-0.9);
    expect(result.population.ess).toBeGreaterThan(100);
  });
});

describe('ABC-SMC with a statistic no parameter moves', () => {
  // Every simulation hits the observation (ε falls to 0 and all are accepted), so each generation is
  // pure importance sampling of the prior through the kernel: what the weights must undo.
  const prior: AbcPrior = [{ name: 'x', low: 0, high: 1 }];
  const result = runAbcSmc(prior, () => [0], [0], [1], { populationSize: 500, generations: 10, seed: 1, minEpsilon: -1 });

  it('gives back the prior, generation after generation', () => {
    expect(result.populations).toHaveLength(10);
    let outerMean = 0;
    for (const population of result.populations) {
      const [x] = posteriorMarginals(prior, population);
      // Sampling errors at ESS ≈ 490: 0.013 for the mean, 3% for the sd, 0.018 for the outer fifth's mass.
      expect(Math.abs(x.mean - 0.5)).toBeLessThan(0.05);
      expect(x.sd * Math.sqrt(12)).toBeGreaterThan(0.9);
      expect(x.sd * Math.sqrt(12)).toBeLessThan(1.1);
      let outer = 0;
      for (let i = 0; i < population.weights.length; i++) if (population.particles[i] < 0.1 || population.particles[i] > 0.9) outer += population.weights[i];
      expect(outer).toBeGreaterThan(0.12);
      expect(outer).toBeLessThan(0.28);
      outerMean += outer / result.populations.length;
    }
    // Over the ten generations the outer fifth holds a fifth of the weight (sampling error about 0.006;
    // over seeds 1–40 each generation gave 0.200 on average, sd 0.020). Equal weights, the kernel's
    // smoothing left uncorrected, would draw the particles inwards: about 0.15.
    expect(outerMean).toBeGreaterThan(0.18);
    expect(outerMean).toBeLessThan(0.22);
  });
});

describe('ABC-SMC is deterministic', () => {
  const prior: AbcPrior = [
    { name: 'a', low: -10, high: 10 },
    { name: 'b', low: 0.1, high: 10, log: true },
  ];
  const options = { populationSize: 100, generations: 4, seed: 3 };

  it('the same seed gives the same posterior, to the byte; another seed another one', () => {
    const first = runAbcSmc(prior, sampleMean, [OBSERVED_MEAN], [STATISTIC_SD], options);
    const second = runAbcSmc(prior, sampleMean, [OBSERVED_MEAN], [STATISTIC_SD], options);
    expect(csv(prior, second.population)).toBe(csv(prior, first.population));
    expect(second.diagnostics).toEqual(first.diagnostics);
    const other = runAbcSmc(prior, sampleMean, [OBSERVED_MEAN], [STATISTIC_SD], { ...options, seed: 4 });
    expect(csv(prior, other.population)).not.toBe(csv(prior, first.population));
  });

  /** One generation by hand: candidates in batches of `batch`, simulated in the order `order` gives, distances put back by index. */
  function generation(state: AbcState, batch: number, order: (indices: number[]) => number[]): AbcState {
    const d = state.prior.length;
    const parameters: number[] = [];
    const seeds: number[] = [];
    const distances: number[] = [];
    while (!generationComplete(state, distances)) {
      const candidates = proposeCandidates(state, seeds.length, batch);
      parameters.push(...candidates.parameters);
      seeds.push(...candidates.seeds);
      const indices = order(Array.from({ length: batch }, (_, c) => candidates.start + c));
      for (const i of indices) {
        distances[i] = standardisedDistance(sampleMean(Float64Array.from(parameters.slice(i * d, (i + 1) * d)), seeds[i]), [OBSERVED_MEAN], [STATISTIC_SD]);
      }
    }
    return acceptGeneration(state, Float64Array.from(parameters), distances);
  }

  it('does not depend on how a generation is split into batches nor the order its simulations finish in', () => {
    let inOrder = startAbcSmc(prior, options);
    let scrambled = startAbcSmc(prior, options);
    for (let t = 0; t < 4; t++) {
      inOrder = generation(inOrder, 250, (indices) => indices);
      scrambled = generation(scrambled, 7, (indices) => indices.reverse());
      expect(csv(prior, scrambled.previous!)).toBe(csv(prior, inOrder.previous!));
      expect(scrambled.epsilon).toBe(inOrder.epsilon);
    }
    // And the synchronous driver, which sizes its batches from acceptance rates, agrees with both.
    const driven = runAbcSmc(prior, sampleMean, [OBSERVED_MEAN], [STATISTIC_SD], options);
    expect(csv(prior, driven.population)).toBe(csv(prior, inOrder.previous!));
  });

  it('candidate i is the same in any batch', () => {
    const state = startAbcSmc(prior, options);
    const whole = proposeCandidates(state, 0, 10);
    const part = proposeCandidates(state, 4, 3);
    expect(part.parameters).toEqual(whole.parameters.subarray(8, 14));
    expect(part.seeds).toEqual(whole.seeds.subarray(4, 7));
    for (const seed of whole.seeds) expect(Number.isSafeInteger(seed)).toBe(true);
    expect(new Set(whole.seeds).size).toBe(10);
  });
});

describe('runAbcSmc stops', () => {
  const prior: AbcPrior = [{ name: 'theta', low: -10, high: 10 }];
  const toy = (options: Partial<RunAbcOptions>) =>
    runAbcSmc(prior, sampleMean, [OBSERVED_MEAN], [STATISTIC_SD], { populationSize: 100, generations: 20, seed: 6, ...options });

  it('after the generations asked for', () => {
    const result = toy({ generations: 3 });
    expect(result.stop).toBe('generations');
    expect(result.populations).toHaveLength(3);
  });

  it('at the first generation with ε at or below minEpsilon', () => {
    const result = toy({ minEpsilon: 1 });
    expect(result.stop).toBe('minEpsilon');
    expect(result.population.epsilon).toBeLessThanOrEqual(1);
    expect(result.populations.at(-2)!.epsilon).toBeGreaterThan(1);
  });

  it('when the budget is spent, with the last complete generation', () => {
    const result = toy({ maxSimulations: 1500 });
    expect(result.stop).toBe('maxSimulations');
    expect(result.simulations).toBe(1500);
    expect(result.population.weights).toHaveLength(100);
    expect(result.population.generation).toBe(result.diagnostics.length - 1);
    expect(() => toy({ maxSimulations: 99 })).toThrow(/generation 0 did not reach 100 particles \(maxSimulations\)/);
  });

  it('when acceptance gets rarer than minAcceptanceRate', () => {
    // Pure noise: the distance is a uniform draw, so generation t accepts about ε_t ≈ 2^−t of its candidates.
    const noise = (_theta: Float64Array, seed: number) => [stream(seed, 'noise')()];
    const result = runAbcSmc(prior, noise, [0], [1], { populationSize: 100, generations: 20, seed: 6, minAcceptanceRate: 0.1 });
    expect(result.stop).toBe('minAcceptanceRate');
    for (const g of result.diagnostics) expect(g.acceptanceRate).toBeGreaterThanOrEqual(0.1);
    expect(result.diagnostics.length).toBeGreaterThanOrEqual(3);
    expect(result.diagnostics.length).toBeLessThanOrEqual(5);
  });
});

describe('ABC-SMC pieces', () => {
  it('standardisedDistance divides each difference by its sd; a failed statistic is infinitely far', () => {
    expect(standardisedDistance([1, 2], [0, 0], [1, 2])).toBeCloseTo(Math.SQRT2, 15);
    expect(standardisedDistance([Number.NaN], [0], [1])).toBe(Number.POSITIVE_INFINITY);
    expect(() => standardisedDistance([1], [0], [0])).toThrow(/sd 0/);
    expect(() => standardisedDistance([1, 2], [0], [1])).toThrow(/2 simulated/);
  });

  it('weightedQuantile: the median of equal weights, interpolated; clamped at the ends', () => {
    const equal = Float64Array.of(0.25, 0.25, 0.25, 0.25);
    // Points sit at 1/8, 3/8, 5/8, 7/8 of the weight: the median is halfway between 2 and 3.
    expect(weightedQuantile(Float64Array.of(4, 1, 3, 2), equal, 0.5)).toBe(2.5);
    expect(weightedQuantile(Float64Array.of(4, 1, 3, 2), equal, 0.05)).toBe(1);
    expect(weightedQuantile(Float64Array.of(4, 1, 3, 2), equal, 1)).toBe(4);
    // A particle with most of the weight pulls the median to itself.
    expect(weightedQuantile(Float64Array.of(1, 2, 3), Float64Array.of(0.1, 0.8, 0.1), 0.5)).toBe(2);
  });

  it('cholesky factors a positive definite matrix and refuses one that is not', () => {
    const L = cholesky(Float64Array.of(4, 2, 2, 3), 2);
    expect(Array.from(L)).toEqual([2, 0, 1, Math.SQRT2]);
    expect(() => cholesky(Float64Array.of(1, 2, 2, 1), 2)).toThrow(/positive definite/);
  });

  it('refuses a bad prior or options, and a generation without N accepted particles', () => {
    expect(() => startAbcSmc([{ name: 'x', low: 1, high: 1 }], { populationSize: 10, seed: 1 })).toThrow(/low < high/);
    expect(() => startAbcSmc([{ name: 'x', low: 0, high: 1, log: true }], { populationSize: 10, seed: 1 })).toThrow(/low > 0/);
    expect(() => startAbcSmc([{ name: 'x', low: 0, high: 1 }], { populationSize: 1, seed: 1 })).toThrow(/populationSize/);
    const state = startAbcSmc([{ name: 'x', low: 0, high: 1 }], { populationSize: 3, seed: 1, initialEpsilon: 1 });
    expect(() => acceptGeneration(state, Float64Array.of(0.1, 0.2, 0.3), [0.5, 2, 0.5])).toThrow(/2 of 3 particles/);
    expect(() => acceptGeneration(state, Float64Array.of(0.1, 0.2), [0.5, 0.5, 0.5])).toThrow(/parameter values/);
    expect(() => acceptGeneration(state, Float64Array.of(0.1, 0.2, 0.3), [0.5, Number.NaN, 0.5])).toThrow(/distance 1 is NaN/);
  });

  it('waits for a candidate still running rather than pass it over for later ones that finished', () => {
    const state = startAbcSmc([{ name: 'x', low: 0, high: 1 }], { populationSize: 2, seed: 1, initialEpsilon: 1 });
    const parameters = Float64Array.of(0.1, 0.2, 0.3, 0.4);
    const distances: (number | undefined)[] = [0.5, undefined, 0.5, 0.5];
    expect(generationComplete(state, distances)).toBe(false);
    distances[1] = 0.9;
    expect(generationComplete(state, distances)).toBe(true);
    const next = acceptGeneration(state, parameters, distances);
    expect(Array.from(next.previous!.particles)).toEqual([0.1, 0.2]);
    expect(next.diagnostics[0]).toMatchObject({ candidates: 2, simulations: 4, acceptanceRate: 1 });
    // The surplus (candidates past the N-th accepted one) may still be running.
    expect(acceptGeneration(state, parameters, [0.5, 0.9, undefined, undefined]).previous!.particles).toEqual(next.previous!.particles);
  });
});
