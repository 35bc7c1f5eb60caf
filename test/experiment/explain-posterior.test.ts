import { describe, expect, it } from 'vitest';
import { explain, KEY_OUTCOMES, pairedDifferences, parsePosterior, planExplain, runScenario, spread, type Explanation } from '../../src/index.ts';
import { ScenarioError } from '../../src/scenario/errors.ts';
import { bundled } from '../helpers.ts';

/** Few engineers and weeks, enough seeds for a spread: each explanation is 16 combinations × 6 seeds × 2. */
const SMALL = ['agents=150', 'weeks=10'];
const SEEDS = 6;
const PRICE = 'aiTool.pricePerMillionTokens';
/** Spend scales with the token price; real output does not depend on it. */
const PRICES = `weight,${PRICE}\n1,1\n1,2.5\n1,6\n`;
/** One particle at the scenarios' own price (2.5 dollars per million tokens): no uncertainty in the assumptions. */
const OWN_PRICE = `weight,${PRICE}\n1,2.5\n`;

const width = (i: { lo: number; hi: number }) => i.hi - i.lo;
const outcome = (e: Explanation, key: string) => e.outcomes.find((o) => o.outcome === key)!;

describe('explain with a posterior', () => {
  const baseline = bundled('baseline', SMALL);
  const meshclaw = bundled('meshclaw', SMALL);
  const posterior = parsePosterior(PRICES, baseline);

  it('draws seed k the same particle in the reference, the scenario and every combination: its difference is compare\'s, paired', async () => {
    const explanation = await explain(baseline, meshclaw, { seeds: SEEDS, workers: 0, posterior });
    expect(explanation.runs).toBe(2 * 16 * SEEDS);
    const a = runScenario(baseline, { seeds: SEEDS, posterior });
    const b = runScenario(meshclaw, { seeds: SEEDS, posterior });
    expect(explanation.particles).toEqual(b.particles);
    expect(a.particles).toEqual(b.particles);
    expect(new Set(explanation.particles).size).toBeGreaterThan(1);
    // The same spread of per-seed differences as compare --posterior gives: only if each seed's two runs share their particle.
    const paired = pairedDifferences(a, b, KEY_OUTCOMES, spread);
    explanation.outcomes.forEach((o, k) => {
      const scale = Math.max(1, Math.abs(o.baseline.mean));
      for (const end of ['mean', 'lo', 'hi'] as const) expect(Math.abs(o.withAssumptions!.difference[end] - paired[k][end])).toBeLessThanOrEqual(1e-9 * scale);
      // Efficient under the drawn parameters too: the contributions' means add up to the difference's.
      const sum = o.contributions.reduce((s, c) => s + c.withAssumptions!.mean, 0);
      expect(Math.abs(sum - o.withAssumptions!.difference.mean)).toBeLessThanOrEqual(1e-9 * scale);
    });
  });

  it('keeps the seeds-only attribution at the scenarios\' own parameters, and is the same on worker threads', async () => {
    const without = await explain(baseline, meshclaw, { seeds: SEEDS, workers: 0 });
    const withPosterior = await explain(baseline, meshclaw, { seeds: SEEDS, workers: 2, posterior });
    expect(without.particles).toBeUndefined();
    expect(without.outcomes.every((o) => o.withAssumptions === undefined && o.contributions.every((c) => c.withAssumptions === undefined))).toBe(true);
    withPosterior.outcomes.forEach((o, k) => {
      const { withAssumptions, contributions, ...central } = o;
      const { contributions: seedsOnly, ...reference } = without.outcomes[k];
      expect(withAssumptions).toBeDefined();
      expect(central).toEqual(reference);
      expect(contributions.map(({ withAssumptions: _, ...c }) => c)).toEqual(seedsOnly);
    });
    expect(await explain(baseline, meshclaw, { seeds: SEEDS, workers: 0, posterior })).toEqual(withPosterior);
  });

  it('widens a contribution as far as the posterior moves it: spend with the price uncertain, not real output', async () => {
    const uncertain = await explain(baseline, meshclaw, { seeds: SEEDS, workers: 0, posterior });
    const certain = await explain(baseline, meshclaw, { seeds: SEEDS, workers: 0, posterior: parsePosterior(OWN_PRICE, baseline) });
    // At the scenarios' own price the drawn runs are the central ones: the same contributions, seed by seed.
    for (const o of certain.outcomes) for (const c of o.contributions) expect(c.withAssumptions!.mean).toBeCloseTo(c.shapley.mean, 9);
    const spend = (e: Explanation, name: string) => outcome(e, 'spend').contributions.find((c) => c.component === name)!.withAssumptions!;
    // The quota's extra spend is tokens bought at the price drawn (1 to 6 dollars); the bot's moves less.
    expect(width(spend(uncertain, 'quota'))).toBeGreaterThan(2 * width(spend(certain, 'quota')));
    expect(width(spend(uncertain, 'deployment'))).toBeGreaterThan(width(spend(certain, 'deployment')));
    // The price does not enter real output: its intervals are those of the certain price exactly.
    expect(outcome(uncertain, 'realOutput').contributions.map((c) => c.withAssumptions)).toEqual(outcome(certain, 'realOutput').contributions.map((c) => c.withAssumptions));
  }, 60_000);

  it('sampled orders: the drawn runs use each seed\'s orders too, so their contributions still add up to the drawn difference', async () => {
    const sampled = await explain(baseline, meshclaw, { seeds: 3, workers: 0, posterior, exactUpTo: 2, permutations: 4 });
    const plain = await explain(baseline, meshclaw, { seeds: 3, workers: 0, exactUpTo: 2, permutations: 4 });
    expect(sampled.method).toBe('sampled');
    expect(sampled.runs).toBe(2 * plain.runs);
    for (const o of sampled.outcomes) {
      const scale = Math.max(1, Math.abs(o.baseline.mean));
      const sum = o.contributions.reduce((s, c) => s + c.withAssumptions!.mean, 0);
      expect(Math.abs(sum - o.withAssumptions!.difference.mean)).toBeLessThanOrEqual(1e-9 * scale);
    }
  });

  it('refuses, before any run, a particle that makes a combination invalid, naming the parameter', () => {
    const negative = parsePosterior(`weight,${PRICE}\n1,2\n1,-5\n`, baseline);
    expect(() => planExplain(baseline, meshclaw, { seeds: 40, posterior: negative })).toThrow(ScenarioError);
    expect(() => planExplain(baseline, meshclaw, { seeds: 40, posterior: negative })).toThrow(/aiTool\.pricePerMillionTokens/);
  });
});
