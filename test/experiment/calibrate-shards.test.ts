/**
 * A calibration shared by shards: each runs its own slice of every generation and reads the others'
 * candidates; the posterior is the one a single process finds, whether the shards run together or one
 * of them never starts (its slice is then run by the others).
 */
import { describe, expect, it } from 'vitest';
import { calibrate, priorOf, type CalibrationShare } from '../../src/experiment/calibrate.ts';
import { parseTargetsText, type LoadedTargets } from '../../src/experiment/targets.ts';
import { DEFAULT_MODEL } from '../../src/index.ts';
import { bundled } from '../helpers.ts';

const baseline = bundled('baseline', ['agents=60', 'weeks=8']);
const { targets } = parseTargetsText(`targets:
  - { name: spend, figure: generated, sources: [claudeCodeCosts2026], statistic: { scenario: baseline, metric: spend, per: headcount, aggregate: mean }, observed: 60, sd: 15 }
  - { name: cfr, figure: generated, sources: [dora2024], statistic: { scenario: baseline, metric: incidents, per: changes }, observed: 0.06, sd: 0.03 }
`);
const loaded: LoadedTargets = { targets, cannot: [], scenarios: new Map([['baseline', baseline]]) };
const prior = priorOf(['aiTool.pricePerMillionTokens', 'behaviour.suspicion'], DEFAULT_MODEL, baseline);
const OPTIONS = { populationSize: 16, generations: 3, seed: 5, workers: 0 };

type Line = readonly [number, number, readonly number[]];

/** N shards in one process, as N tasks sharing a folder would be: each sees what the others wrote since it last looked. */
function shares(count: number, idle: (k: number) => boolean) {
  const written: Line[][] = Array.from({ length: count }, () => []);
  const seen = Array.from({ length: count }, () => new Array<number>(count).fill(0));
  const share = (index: number): CalibrationShare => ({
    index,
    count,
    poll: () => {
      const lines: Line[] = [];
      for (let k = 0; k < count; k++) {
        if (k === index - 1) continue;
        lines.push(...written[k].slice(seen[index - 1][k]));
        seen[index - 1][k] = written[k].length;
      }
      return lines;
    },
    idle,
  });
  const journal = (index: number) => (g: number, i: number, s: readonly number[]) => written[index - 1].push([g, i, s]);
  return { share, journal, written };
}

describe('a calibration in shards', () => {
  it('two shards running together: each runs its own slice, and both end with the posterior of one process', async () => {
    const alone = await calibrate(loaded, prior, OPTIONS);
    const { share, journal, written } = shares(2, () => false);
    const [one, two] = await Promise.all([1, 2].map((k) => calibrate(loaded, prior, { ...OPTIONS, share: share(k), onCandidate: journal(k) })));
    for (const shard of [one, two]) {
      expect(shard.population.particles).toEqual(alone.population.particles);
      expect(shard.population.weights).toEqual(alone.population.weights);
      expect(shard.predictive).toEqual(alone.predictive);
    }
    // Shard K ran only candidates whose index is K − 1 modulo 2, and each shard ran some.
    expect(written[0].every(([, i]) => i % 2 === 0)).toBe(true);
    expect(written[1].every(([, i]) => i % 2 === 1)).toBe(true);
    expect(written[0].length).toBeGreaterThan(0);
    expect(written[1].length).toBeGreaterThan(0);
  });

  it('a shard that never starts: the other runs its slice as well, and finds the same posterior', async () => {
    const alone = await calibrate(loaded, prior, OPTIONS);
    const { share, journal, written } = shares(3, (k) => k === 3);
    const [one, two] = await Promise.all([1, 2].map((k) => calibrate(loaded, prior, { ...OPTIONS, share: share(k), onCandidate: journal(k) })));
    expect(one.population.particles).toEqual(alone.population.particles);
    expect(two.population.weights).toEqual(alone.population.weights);
    // The third slice (index 2 modulo 3) was run by the two others.
    expect([...written[0], ...written[1]].some(([, i]) => i % 3 === 2)).toBe(true);
    expect(written[2]).toHaveLength(0);
  });
});
