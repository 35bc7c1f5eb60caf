import { describe, expect, it } from 'vitest';
import { NOISE_TABLE_SIZE, noiseFactors } from '../../src/sim/observed-output.ts';
import { simulate } from '../../src/sim/run.ts';
import { bundled, meanOver, replicate } from '../helpers.ts';

const SEED = 4;

function moments(values: ArrayLike<number>): { mean: number; sd: number } {
  let sum = 0;
  let squares = 0;
  for (let j = 0; j < values.length; j++) {
    sum += values[j];
    squares += values[j] * values[j];
  }
  const mean = sum / values.length;
  return { mean, sd: Math.sqrt(squares / values.length - mean * mean) };
}

/** Observed over real output of every engineer with some output, in week t. */
function noiseOf(scenario: ReturnType<typeof bundled>, t: number): Map<number, number> {
  const ratios = new Map<number, number>();
  simulate(scenario, SEED, {
    checkInvariants: true,
    onWeek: (week, ctx) => {
      if (week !== t) return;
      const { active, output, observedOutput } = ctx.pop;
      for (let i = 0; i < ctx.pop.size; i++) if (active[i] !== 0 && output[i] > 0) ratios.set(i, observedOutput[i] / output[i]);
    },
  });
  return ratios;
}

describe('observed output: weekly noise as a manager sees it', () => {
  it('the noise factor is a log-normal of mean 1 and the stated sd', () => {
    for (const sd of [0.1, 0.3, 0.5]) {
      const table = noiseFactors(sd);
      expect(table.length).toBe(NOISE_TABLE_SIZE);
      const m = moments(table);
      expect(m.mean).toBeCloseTo(1, 12);
      expect(Math.abs(m.sd / sd - 1)).toBeLessThan(0.005);
      expect(Math.min(...table)).toBeGreaterThan(0);
      // Right-skewed: the median factor is below the mean.
      expect(table[NOISE_TABLE_SIZE / 2]).toBeLessThan(1);
    }
    expect(noiseFactors(0).every((factor) => factor === 1)).toBe(true);
  });

  it("an engineer's week is seen with noise of the stated size", () => {
    const ratios = [...noiseOf(bundled('baseline', ['population.weeklyOutputNoise=0.3']), 10).values()];
    expect(ratios.length).toBeGreaterThan(900);
    const m = moments(ratios);
    expect(m.mean).toBeGreaterThan(0.97);
    expect(m.mean).toBeLessThan(1.03);
    expect(m.sd).toBeGreaterThan(0.27);
    expect(m.sd).toBeLessThan(0.33);
  });

  it('two scenarios with the same seed see the same noise on the same positions (common random numbers)', () => {
    const base = noiseOf(bundled('baseline'), 20);
    const mandate = noiseOf(bundled('meshclaw'), 20);
    let compared = 0;
    for (const [i, ratio] of base) {
      const other = mandate.get(i);
      if (other === undefined) continue;
      expect(other).toBeCloseTo(ratio, 12);
      compared++;
    }
    expect(compared).toBeGreaterThan(900);
  });

  it("the organisation's real output is the sum of real outputs; reviews add up observed output", () => {
    const scenario = bundled('baseline', ['agents=400', 'population.weeklyOutputNoise=0.5']);
    const realSums: number[] = [];
    const observedSums: number[] = [];
    let cycleMatches = 0;
    const result = simulate(scenario, SEED, {
      checkInvariants: true,
      onWeek: (t, ctx) => {
        const { active, output, observedOutput, cycleOutput } = ctx.pop;
        let real = 0;
        let seen = 0;
        for (let i = 0; i < ctx.pop.size; i++) {
          real += output[i];
          seen += observedOutput[i];
          // Week 0 is the first of a cycle: what reviews will rate so far is this week's observed output.
          if (t === 0 && active[i] !== 0 && cycleOutput[i] === observedOutput[i]) cycleMatches++;
        }
        realSums.push(real);
        observedSums.push(seen);
      },
    });
    realSums.forEach((sum, t) => expect(result.metrics.realOutput[t]).toBeCloseTo(sum, 6));
    // The noise is of what is seen: observed output differs from real output week by week.
    expect(observedSums.some((seen, t) => Math.abs(seen - realSums[t]) > 1e-6 * realSums[t])).toBe(true);
    expect(cycleMatches).toBeGreaterThan(390);
  });

  it('metric validity is measured against observed output: the more noise, the lower it is', () => {
    const validity = (noise: number) => meanOver(replicate(bundled('baseline', [`population.weeklyOutputNoise=${noise}`]), 3), 'metricValidity', 0, 8);
    const clear = validity(0);
    const usual = validity(0.3);
    const blurred = validity(0.5);
    expect(usual).toBeLessThan(clear - 0.01);
    expect(blurred).toBeLessThan(usual - 0.01);
    expect(blurred).toBeGreaterThan(0);
  });
});
