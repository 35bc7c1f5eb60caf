import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.ts';
import { stream } from '../../src/sim/random.ts';
import { bundled, snapshot } from '../helpers.ts';

describe('random streams', () => {
  it('a stream is a pure function of (seed, name)', () => {
    const a = stream(7, 'choice');
    const b = stream(7, 'choice');
    const c = stream(7, 'incidents');
    const d = stream(8, 'choice');
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(c()).not.toBe(first[0]);
    expect(d()).not.toBe(first[0]);
  });

  it('two scenarios with the same seed draw the same population (common random numbers)', () => {
    const base = snapshot(bundled('baseline'), 5, 0);
    const mandate = snapshot(bundled('meshclaw'), 5, 0);
    expect(mandate.skill).toEqual(base.skill);
    expect(mandate.integrity).toEqual(base.integrity);
  });

  it('two scenarios with the same quota cover the same engineers', () => {
    const quotaOnly = snapshot(bundled('quota-only'), 5, 8);
    const mandate = snapshot(bundled('meshclaw'), 5, 8);
    expect(quotaOnly.usageTarget.some((target) => target > 0)).toBe(true);
    expect(mandate.usageTarget).toEqual(quotaOnly.usageTarget);
  });

  it('changing one attribute distribution leaves the other attributes as they were', () => {
    const base = snapshot(bundled('baseline'), 5, 0);
    const honest = snapshot(bundled('baseline', ['population.integrity={dist: beta, mean: 0.8, sd: 0.1}']), 5, 0);
    expect(honest.skill).toEqual(base.skill);
    expect(honest.integrity).not.toEqual(base.integrity);
  });

  it('different seeds draw different populations', () => {
    const a = snapshot(bundled('baseline'), 1, 0);
    const b = snapshot(bundled('baseline'), 2, 0);
    expect(a.skill).not.toEqual(b.skill);
  });

  it('the same scenario and seed give identical metrics', () => {
    const scenario = bundled('meshclaw', ['agents=300']);
    const first = simulate(scenario, 3);
    const second = simulate(scenario, 3);
    expect(second.metrics).toEqual(first.metrics);
  });
});
