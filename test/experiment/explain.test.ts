import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explain, ExplainError, planExplain, type Explanation, pairedDifferences, runScenario, exactShapley, pairInteraction, permutationShapley, samplePermutations, simulate } from '../../src/index.ts';
import { coalitionScenario, differingBlocks, resolveComponents } from '../../src/experiment/explain.ts';
import { grandCoalition, shapleyWeights, type Game } from '../../src/experiment/shapley.ts';
import { stream } from '../../src/sim/random.ts';
import { bundled } from '../helpers.ts';

/** Small enough for dozens of runs per test, large enough for every policy to act. */
const SMALL = ['agents=150', 'weeks=30'];
const SEEDS = 4;

const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);
const fromTable = (table: readonly number[]): Game => (c) => table[c];

/** The sum of each seed's Shapley values equals its difference up to rounding: relative 1e-12 of the outcome's size. */
function expectEfficient(explanation: Explanation) {
  for (const o of explanation.outcomes) {
    const scale = Math.max(1e-9, Math.abs(o.baseline.mean), Math.abs(o.target.mean));
    expect(o.efficiencyGap).toBeLessThanOrEqual(1e-12 * scale);
    expect(Math.abs(o.sum - o.difference.mean)).toBeLessThanOrEqual(1e-12 * scale);
  }
}

describe('Shapley core (pure)', () => {
  it('splits an interaction of two players equally: v = 1, 2, 5 gives 2 and 3', () => {
    expect(Array.from(exactShapley(2, fromTable([0, 1, 2, 5])))).toEqual([2, 3]);
  });

  it('weights: the orders in which a coalition of each size precedes a player add up to all orders', () => {
    for (let k = 1; k <= 10; k++) {
      const w = shapleyWeights(k);
      let total = 0;
      let binomial = 1;
      for (let s = 0; s < k; s++) {
        total += binomial * w[s];
        binomial = (binomial * (k - 1 - s)) / (s + 1);
      }
      expect(total).toBeCloseTo(1, 12);
    }
  });

  it('efficiency: the values add up to v(all) − v(none) for any game of up to 8 players', () => {
    const games = fc.integer({ min: 1, max: 8 }).chain((k) => fc.tuple(fc.constant(k), fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2 ** k, maxLength: 2 ** k })));
    fc.assert(
      fc.property(games, ([k, table]) => {
        const phi = exactShapley(k, fromTable(table));
        const scale = Math.max(1, ...table.map(Math.abs));
        expect(Math.abs(sum(phi) - (table[grandCoalition(k)] - table[0]))).toBeLessThanOrEqual(1e-12 * scale);
      }),
      { numRuns: 200 },
    );
  });

  it('an additive game: each value is the one-at-a-time effect', () => {
    const effects = [3, -1.5, 0, 7, 0.25];
    const game: Game = (c) => 10 + effects.reduce((s, e, i) => s + (c & (2 ** i) ? e : 0), 0);
    const phi = exactShapley(effects.length, game);
    effects.forEach((e, i) => {
      expect(phi[i]).toBeCloseTo(e, 12);
      expect(phi[i]).toBeCloseTo(game(2 ** i) - game(0), 12);
    });
  });

  it('a known interaction is split equally between its two players; the others keep their own effect', () => {
    // Players 0 and 1 add 4 and 1 alone and 9 more together; player 2 adds 2; player 3 does nothing.
    const game: Game = (c) => (c & 1 ? 4 : 0) + (c & 2 ? 1 : 0) + ((c & 3) === 3 ? 9 : 0) + (c & 4 ? 2 : 0);
    const phi = exactShapley(4, game);
    expect(pairInteraction(game, 0, 1)).toBe(9);
    expect(phi[0]).toBeCloseTo(4 + 9 / 2, 12);
    expect(phi[1]).toBeCloseTo(1 + 9 / 2, 12);
    expect(phi[2]).toBeCloseTo(2, 12);
    expect(phi[3]).toBe(0);
  });

  it('sampled orders: efficient for any sample, exact when every order is used, with an error that shrinks', () => {
    const table = Array.from({ length: 8 }, (_, c) => Math.sin(c * 1.7) * 10 + c);
    const game = fromTable(table);
    const exact = exactShapley(3, game);
    const some = permutationShapley(3, samplePermutations(3, 5, stream(1, 'test')), game);
    expect(Math.abs(sum(some.values) - (table[7] - table[0]))).toBeLessThan(1e-12);
    const orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]].map((o) => Int32Array.from(o));
    const every = permutationShapley(3, orders, game);
    every.values.forEach((v, i) => expect(v).toBeCloseTo(exact[i], 12));
    const few = permutationShapley(3, samplePermutations(3, 20, stream(2, 'test')), game);
    const many = permutationShapley(3, samplePermutations(3, 2000, stream(2, 'test')), game);
    for (let i = 0; i < 3; i++) {
      expect(many.standardErrors[i]).toBeLessThan(few.standardErrors[i] / 5);
      expect(Math.abs(many.values[i] - exact[i])).toBeLessThan(4 * many.standardErrors[i]);
    }
  });
});

describe('components', () => {
  const baseline = bundled('baseline', SMALL);
  const meshclaw = bundled('meshclaw', SMALL);

  it('finds the policy blocks in which meshclaw differs from baseline, and population or agents when they differ', () => {
    expect(differingBlocks(baseline, meshclaw)).toEqual(['policies.review', 'policies.quota', 'policies.leaderboard', 'policies.deployment']);
    const other = bundled('quota-only', [...SMALL, 'population.teamSize=10', 'agents=160']);
    expect(differingBlocks(baseline, other)).toEqual(['policies.quota', 'agents', 'population']);
  });

  it('groups and names blocks; the rest stay components of their own', () => {
    const components = resolveComponents(differingBlocks(baseline, meshclaw), ['incentives=quota+leaderboard', 'bot=deployment']);
    expect(components).toEqual([
      { name: 'incentives', blocks: ['policies.quota', 'policies.leaderboard'] },
      { name: 'bot', blocks: ['policies.deployment'] },
      { name: 'review', blocks: ['policies.review'] },
    ]);
  });

  it('refuses an unknown block, one the scenarios share, one in two groups, and a bad name, each with what is allowed', () => {
    const differing = differingBlocks(baseline, meshclaw);
    expect(() => resolveComponents(differing, ['x=quota+leaderbord'])).toThrow(/"leaderbord" is not a component \(did you mean "leaderboard"\?\); the scenarios differ in: review, quota, leaderboard, deployment/);
    expect(() => resolveComponents(differing, ['x=quota+population'])).toThrow(/"population" is the same in both scenarios/);
    expect(() => resolveComponents(differing, ['x=quota', 'y=quota+review'])).toThrow(/quota is in two components/);
    expect(() => resolveComponents(differing, ['9x=quota'])).toThrow(ExplainError);
    expect(() => resolveComponents(differing, ['review=quota'])).toThrow(/the name review is taken/);
  });

  it('refuses identical scenarios, different horizons and a bad number of orders', () => {
    expect(() => planExplain(baseline, bundled('baseline', SMALL))).toThrow(/do not differ in any simulated block/);
    expect(() => planExplain(baseline, bundled('baseline', SMALL), { components: ['x=quota'] })).toThrow(/do not differ in any simulated block/);
    expect(() => planExplain(baseline, bundled('meshclaw', ['agents=150', 'weeks=20']))).toThrow(/runs 30 weeks and meshclaw 20/);
    expect(() => planExplain(baseline, meshclaw, { permutations: 0 })).toThrow(/permutations must be a whole number from 1/);
  });

  it('the empty coalition simulates a, the full one b, exactly', () => {
    const components = resolveComponents(differingBlocks(baseline, meshclaw));
    expect(simulate(coalitionScenario(baseline, meshclaw, components, 0), 3).metrics).toEqual(simulate(baseline, 3).metrics);
    expect(simulate(coalitionScenario(baseline, meshclaw, components, 15), 3).metrics).toEqual(simulate(meshclaw, 3).metrics);
  });
});

describe('explain on the model', () => {
  const baseline = bundled('baseline', SMALL);
  const meshclaw = bundled('meshclaw', SMALL);

  it('a pair differing in one component: it gets the whole paired difference, seed by seed', async () => {
    const quotaOnly = bundled('quota-only', SMALL);
    const explanation = await explain(baseline, quotaOnly, { seeds: SEEDS, workers: 0 });
    expect(explanation.components).toEqual([{ name: 'quota', blocks: ['policies.quota'] }]);
    expect(explanation.runs).toBe(2 * SEEDS);
    const paired = pairedDifferences(runScenario(baseline, { seeds: SEEDS }), runScenario(quotaOnly, { seeds: SEEDS }));
    explanation.outcomes.forEach((o, k) => {
      expect(o.contributions[0].shapley).toEqual(o.difference);
      expect(o.efficiencyGap).toBe(0);
      expect(o.difference.mean).toBeCloseTo(paired[k].mean, 9);
    });
    expect(explanation.outcomes.find((o) => o.outcome === 'gamingShare')!.difference.lo).toBeGreaterThan(0);
  });

  it('a known interaction: the bot\'s deploy rate changes nothing while bots may not deploy, so it gets half the interaction', async () => {
    const target = bundled('baseline', [...SMALL, 'policies.deployment.botMayDeploy=true', 'incidents.assistedBotDeploysPerWeek=2']);
    const explanation = await explain(baseline, target, { seeds: SEEDS, workers: 0 });
    expect(explanation.components.map((c) => c.name)).toEqual(['deployment', 'incidents']);
    expectEfficient(explanation);
    for (const o of explanation.outcomes) {
      const [deployment, rate] = o.contributions;
      const [pair] = o.interactions;
      expect(rate.alone).toEqual({ mean: 0, lo: 0, hi: 0 });
      expect(rate.shapley.mean).toBeCloseTo(pair.interaction.mean / 2, 9);
      expect(deployment.shapley.mean).toBeCloseTo(deployment.alone.mean + pair.interaction.mean / 2, 9);
    }
    const incidents = explanation.outcomes.find((o) => o.outcome === 'incidents')!;
    expect(incidents.interactions[0].interaction.lo).toBeGreaterThan(0);
    expect(incidents.interactions[0].notable).toBe(true);
  });

  it('is efficient on every outcome and identical with 0, 1 and 2 workers', async () => {
    const inThread = await explain(baseline, meshclaw, { seeds: 3, workers: 0 });
    const one = await explain(baseline, meshclaw, { seeds: 3, workers: 1 });
    const two = await explain(baseline, meshclaw, { seeds: 3, workers: 2 });
    expect(inThread.runs).toBe(16 * 3);
    expectEfficient(two);
    expect(one).toEqual(inThread);
    expect(two).toEqual(one);
  });

  it('above the exact limit: sampled orders, still efficient, near the exact values within their stated error', async () => {
    const options = { seeds: SEEDS, workers: 0, components: ['incentives=quota+leaderboard'] };
    const exact = await explain(baseline, meshclaw, options);
    const sampled = await explain(baseline, meshclaw, { ...options, exactUpTo: 2, permutations: 24 });
    expect(exact.method).toBe('exact');
    expect(sampled.method).toBe('sampled');
    expect(sampled.permutations).toBe(24);
    expectEfficient(sampled);
    sampled.outcomes.forEach((o, k) => {
      const scale = Math.max(Math.abs(o.baseline.mean), Math.abs(o.target.mean));
      o.contributions.forEach((c, i) => {
        expect(Math.abs(c.shapley.mean - exact.outcomes[k].contributions[i].shapley.mean)).toBeLessThanOrEqual(4 * c.samplingError + 1e-12 * scale);
      });
    });
    const spend = sampled.outcomes.find((o) => o.outcome === 'spend')!;
    expect(spend.contributions.every((c) => c.samplingError > 0)).toBe(true);
  });
});
