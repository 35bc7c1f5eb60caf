/**
 * Samplers for the scenario's attribute distributions, each taking its random source
 * (d3-random's `.source(rng)` convention). Every family is given by mean and sd.
 */
import { randomBeta, randomLogNormal, randomNormal } from 'd3-random';
import type { Distribution } from '../scenario/params.ts';
import type { Random } from '../sim/random.ts';

const SQRT3 = Math.sqrt(3);

/** Returns a function drawing from `d` with `rng`. */
export function sampler(d: Distribution, rng: Random): () => number {
  const lo = d.min ?? -Infinity;
  const hi = d.max ?? Infinity;
  const clip = (x: number) => (x < lo ? lo : x > hi ? hi : x);
  switch (d.dist) {
    case 'constant':
      return () => clip(d.mean);
    case 'normal': {
      if (d.sd === 0) return () => clip(d.mean);
      const draw = randomNormal.source(rng)(d.mean, d.sd);
      return () => clip(draw());
    }
    case 'lognormal': {
      if (d.sd === 0) return () => clip(d.mean);
      const logVariance = Math.log(1 + (d.sd * d.sd) / (d.mean * d.mean));
      const draw = randomLogNormal.source(rng)(Math.log(d.mean) - logVariance / 2, Math.sqrt(logVariance));
      return () => clip(draw());
    }
    case 'uniform': {
      const a = d.mean - SQRT3 * d.sd;
      const width = 2 * SQRT3 * d.sd;
      return () => clip(a + width * rng());
    }
    case 'beta': {
      const a = d.min ?? 0;
      const width = (d.max ?? 1) - a;
      const m = (d.mean - a) / width;
      const s = d.sd / width;
      const concentration = (m * (1 - m)) / (s * s) - 1;
      // An sd so small that the concentration overflows is a constant for any purpose.
      if (s === 0 || !Number.isFinite(concentration)) return () => d.mean;
      const draw = randomBeta.source(rng)(m * concentration, (1 - m) * concentration);
      return () => a + width * draw();
    }
  }
}
