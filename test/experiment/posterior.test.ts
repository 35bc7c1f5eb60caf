import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/index.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePosteriorText, particleOf, scenarioWithParticle, type Posterior } from '../../src/experiment/posterior.ts';
import { parsePosterior } from '../../src/experiment/posterior-file.ts';
import { REPO } from '../cli/goodhart.ts';
import { bundled } from '../helpers.ts';

const baseline = bundled('baseline', ['agents=200', 'weeks=6']);

function refusal(text: string): string {
  try {
    parsePosterior(text, baseline);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('not refused');
}

describe('a posterior carried into runs', () => {
  it('reads posterior.csv: weights normalised, values by particle and parameter', () => {
    const p = parsePosterior('weight,aiTool.pricePerMillionTokens,population.aiFit\n1,2,0.1\n3,4,0.2\n', baseline);
    expect(p.parameters).toEqual(['aiTool.pricePerMillionTokens', 'population.aiFit']);
    expect(Array.from(p.weights)).toEqual([0.25, 0.75]);
    expect(Array.from(p.values)).toEqual([2, 0.1, 4, 0.2]);
  });

  it.each([
    ['an unknown parameter, with the nearest', 'weight,aiTool.pricePerMillionToken\n1,2\n', /aiTool\.pricePerMillionToken: is not a parameter of the model; did you mean "aiTool\.pricePerMillionTokens"\?/],
    ['a first column that is not weight', 'w,aiTool.pricePerMillionTokens\n1,2\n', /weight: the first column must be weight, got "w"/],
    ['a negative weight', 'weight,aiTool.pricePerMillionTokens\n-1,2\n', /weight \(line 2\): "-1" is not a weight: a number, 0 or more/],
    ['every weight 0', 'weight,aiTool.pricePerMillionTokens\n0,2\n0,3\n', /weight: every weight is 0/],
    ['a value that is not a number', 'weight,aiTool.pricePerMillionTokens\n1,two\n', /aiTool\.pricePerMillionTokens \(line 2\): "two" is not a number/],
    ['a header alone', 'weight,aiTool.pricePerMillionTokens\n', /needs a header .* and at least one particle/],
  ])('refuses %s in one line', (_, text, message) => {
    const line = refusal(text);
    expect(line).toMatch(message);
    expect(line).toMatch(/^posterior\.csv: /);
    expect(line.split('\n')).toHaveLength(1);
  });

  it("reads posterior.csv in a browser (no CSV library) as the command line does: the shipped posterior, to the bit", () => {
    const text = readFileSync(join(REPO, 'calibration', 'posterior', 'posterior.csv'), 'utf8');
    const page = parsePosteriorText(text, baseline);
    expect(page).toEqual(parsePosterior(text, baseline));
    expect(page.parameters.length).toBeGreaterThan(0);
    expect(parsePosteriorText(text.replaceAll('\n', '\r\n'), baseline)).toEqual(page);
  });

  it.each([
    ['an unknown parameter, with the nearest', 'weight,aiTool.pricePerMillionToken\n1,2\n', /^posterior\.csv: aiTool\.pricePerMillionToken: is not a parameter of the model; did you mean "aiTool\.pricePerMillionTokens"\?/],
    ['a value that is not a number, by column and line', 'weight,aiTool.pricePerMillionTokens\n1,2\n1,two\n', /^posterior\.csv: aiTool\.pricePerMillionTokens \(line 3\): "two" is not a number$/],
    ['a negative weight, by line after a blank one', 'weight,aiTool.pricePerMillionTokens\n\n-1,2\n', /^posterior\.csv: weight \(line 3\): "-1" is not a weight: a number, 0 or more$/],
    ['a line with a field too many', 'weight,aiTool.pricePerMillionTokens\n1,2\n1,2,3\n', /^posterior\.csv: line 3: has 3 fields where the header has 2$/],
    ['a line with a field too few', 'weight,aiTool.pricePerMillionTokens,population.aiFit\n1,2\n', /^posterior\.csv: line 2: has 2 fields where the header has 3$/],
    ['a quoted field', 'weight,"aiTool.pricePerMillionTokens"\n1,2\n', /^posterior\.csv: line 1: has a quoted field/],
    ['every weight 0', 'weight,aiTool.pricePerMillionTokens\n0,2\n', /^posterior\.csv: weight: every weight is 0/],
    ['an empty file', '', /^posterior\.csv: needs a header/],
  ])('refuses, read in a browser, %s in one line', (_, text, message) => {
    let line = '';
    try {
      parsePosteriorText(text, baseline);
    } catch (error) {
      line = (error as Error).message;
    }
    expect(line).toMatch(message);
    expect(line.split('\n')).toHaveLength(1);
  });

  it('each seed draws a particle by weight, the same every time', () => {
    const p: Posterior = { parameters: ['aiTool.pricePerMillionTokens'], values: Float64Array.of(1, 2, 3), weights: Float64Array.of(0.1, 0.3, 0.6) };
    const seeds = Array.from({ length: 6000 }, (_, k) => k + 1);
    const drawn = seeds.map((seed) => particleOf(p, seed));
    expect(seeds.map((seed) => particleOf(p, seed))).toEqual(drawn);
    for (const [r, w] of [0.1, 0.3, 0.6].entries()) {
      const share = drawn.filter((d) => d === r).length / seeds.length;
      // Three binomial standard deviations at 6,000 draws.
      expect(Math.abs(share - w)).toBeLessThan(3 * Math.sqrt((w * (1 - w)) / seeds.length));
    }
    expect(particleOf({ ...p, weights: Float64Array.of(0, 1, 0) }, 7)).toBe(1);
  });

  it("sets a particle's values, a distribution's mean by its path", () => {
    const p: Posterior = { parameters: ['aiTool.pricePerMillionTokens', 'population.aiFit'], values: Float64Array.of(4, 0.05), weights: Float64Array.of(1) };
    const s = scenarioWithParticle(baseline, p, 0);
    expect(s.aiTool.pricePerMillionTokens).toBe(4);
    expect(s.population.aiFit).toMatchObject({ dist: 'normal', mean: 0.05, sd: baseline.population.aiFit.sd });
    expect(baseline.aiTool.pricePerMillionTokens).toBe(2.5);
  });

  it('runs: seed k of two scenarios uses the same particle, and its values are the ones the run used', () => {
    const p: Posterior = { parameters: ['aiTool.pricePerMillionTokens'], values: Float64Array.of(1, 6), weights: Float64Array.of(0.5, 0.5) };
    const meshclaw = bundled('meshclaw', ['agents=200', 'weeks=6']);
    const a = runScenario(baseline, { seeds: 8, posterior: p });
    const b = runScenario(meshclaw, { seeds: 8, posterior: p });
    expect(a.particles).toEqual(b.particles);
    expect(new Set(a.particles).size).toBe(2);
    for (const [k, run] of a.runs.entries()) {
      const price = (run.metrics.spend[3] / run.metrics.tokens[3]) * 1e6;
      expect(price).toBeCloseTo(p.values[a.particles![k]], 9);
    }
    expect(runScenario(baseline, { seeds: 2 }).particles).toBeUndefined();
  });
});
