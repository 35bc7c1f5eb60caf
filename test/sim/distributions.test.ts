import normal from '@stdlib/random-base-normal';
import poisson from '@stdlib/random-base-poisson';
import { describe, expect, it } from 'vitest';
import { poissonCount, zigguratNormal } from '../../src/sim/distributions.ts';
import { stream } from '../../src/sim/random.ts';

// The draws must be stdlib's own, number for number: every published result depends on them.
describe('the incidents\' draws are the stdlib packages\' draws', () => {
  it('normals: the same sequence as @stdlib/random-base-normal on the same stream, tails included', () => {
    for (const seed of [1, 2, 3, 42, 2026]) {
      const ours = zigguratNormal(stream(seed, 'severity'));
      const theirs = normal.factory(0, 1, { prng: stream(seed, 'severity') });
      const a = Array.from({ length: 20_000 }, ours);
      const b = Array.from({ length: 20_000 }, theirs);
      expect(a).toEqual(b);
      // Some draws beyond the ziggurat's last rectangle (3.44): the tail sampler is exercised too.
      expect(a.filter((x) => Math.abs(x) > 3.45).length).toBeGreaterThan(0);
    }
  });

  it('Poisson counts: the same sequence as @stdlib/random-base-poisson for small and large means', () => {
    for (const seed of [1, 7, 99]) {
      const ours = poissonCount(stream(seed, 'incidents'));
      const theirs = poisson.factory({ prng: stream(seed, 'incidents') });
      // Below 30 stdlib uses Knuth's method, from 30 a rejection method: both, interleaved.
      const means = Array.from({ length: 5_000 }, (_, k) => [0.01, 0.3, 2.5, 12, 29.9, 30, 45, 400][k % 8]);
      expect(means.map((m) => ours(m))).toEqual(means.map((m) => theirs(m)));
    }
  });
});
