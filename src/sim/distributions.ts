/**
 * The incidents' random draws on the run's own streams: normals by stdlib's improved ziggurat,
 * Poisson counts by stdlib's Knuth and rejection algorithms (the same modules, and so the same
 * numbers, as `@stdlib/random-base-normal` and `@stdlib/random-base-poisson`).
 *
 * Taken from the algorithms' own modules rather than through those packages' factories: the
 * factories bring 0.28 MB of JavaScript (argument checks, state copying, complex-number and boolean
 * arrays for their toJSON) that every process and every page worker loaded and goodhart never calls.
 * The ziggurat picks its rectangle with a 32-bit Mersenne Twister that stdlib seeds from the stream's
 * first draw; pure-rand's is the same generator, seeded the same way (test/sim/distributions.test.ts
 * checks the draws against the packages' factories).
 */
import improvedZiggurat from '@stdlib/random-base-improved-ziggurat/lib/improved_ziggurat.js';
import poisson from '@stdlib/random-base-poisson/lib/poisson.js';
import { mersenne } from 'pure-rand/generator/mersenne';
import type { Random } from './random.ts';

/** The largest 32-bit unsigned integer: the Mersenne Twister's seed is drawn in [1, 2^32 − 1], as stdlib does. */
const UINT32_MAX = 4294967295;

/**
 * What the ziggurat's module exports: from uniforms and 32-bit integers, standard normal draws. Said
 * here as well as in src/types.d.ts: Deno, which type-checks the notebooks, reads the module's own
 * JSDoc instead, which describes the draw rather than the function that makes it.
 */
type Ziggurat = (randu: () => number, randi: () => number) => () => number;
const ziggurat = improvedZiggurat as unknown as Ziggurat;

/** Standard normal draws from `uniform` (and a Mersenne Twister seeded from its first draw). */
export function zigguratNormal(uniform: Random): () => number {
  const twister = mersenne(Math.floor(1 + UINT32_MAX * uniform()));
  return ziggurat(uniform, () => twister.next());
}

/** Poisson counts of a given mean (> 0) from `uniform`. */
export function poissonCount(uniform: Random): (mean: number) => number {
  return (mean) => poisson(uniform, mean);
}
