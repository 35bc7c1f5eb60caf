import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { createSpearmanScratch, spearman } from '../../src/sim/spearman.ts';

/** Spearman's rho as a textbook computes it: average ranks from a comparison sort, then Pearson's r of the ranks. */
function reference(x: number[], y: number[]): number {
  const ranks = (v: number[]) => {
    const order = v.map((_, i) => i).sort((a, b) => v[a] - v[b]);
    const r = new Array<number>(v.length);
    for (let start = 0; start < v.length; ) {
      let end = start + 1;
      while (end < v.length && v[order[end]] === v[order[start]]) end++;
      for (let k = start; k < end; k++) r[order[k]] = (start + end - 1) / 2;
      start = end;
    }
    return r;
  };
  const rx = ranks(x);
  const ry = ranks(y);
  const mean = (x.length - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) ** 2;
    syy += (ry[i] - mean) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

const CAPACITY = 4096;

function rho(x: number[], y: number[]): number {
  const a = new Float64Array(CAPACITY);
  const b = new Float64Array(CAPACITY);
  a.set(x);
  b.set(y);
  // Leftovers past n must not count: fill them with values that would change the answer.
  a.fill(-1e300, x.length);
  b.fill(1e300, y.length);
  return spearman(a, b, x.length, createSpearmanScratch(CAPACITY));
}

describe('spearman', () => {
  it('is 1 for any increasing relation, −1 for a decreasing one, 0 when a side is constant or too short', () => {
    const x = [0.5, 3, 7, 1e6, 2e9];
    expect(rho(x, x.map((v) => Math.log(v)))).toBe(1);
    expect(rho(x, x.map((v) => -v * v))).toBe(-1);
    expect(rho(x, [4, 4, 4, 4, 4])).toBe(0);
    expect(rho([1], [2])).toBe(0);
  });

  it('gives tied values their average rank', () => {
    // Ranks x: 0, 1.5, 1.5, 3; y: 0, 2, 1, 3; so rho = 4.5 / sqrt(4.5 × 5).
    expect(rho([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(4.5 / Math.sqrt(22.5), 15);
  });

  it('orders negative numbers, zeros of both signs and magnitudes far apart as numbers are ordered', () => {
    const x = [-3.5, -1e-300, -0, 0, 1e-300, 2, -1e12, 7e200, -Infinity, Infinity];
    const y = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(rho(x, y)).toBe(reference(x, y));
    // -0 and 0 are one value: they share a rank.
    expect(rho([-0, 0, 1], [1, 2, 3])).toBe(reference([0, 0, 1], [1, 2, 3]));
  });

  it('orders values that differ only in the low half of their bits (within a millionth of each other)', () => {
    const random = seedrandom('close values');
    // 1 + k·2⁻⁴⁰ share sign, exponent and the mantissa's first 20 bits; some repeat (ties), some are negative.
    const x = Array.from({ length: 1000 }, () => (random() < 0.5 ? 1 : -1) * (1 + Math.floor(random() * 400) * 2 ** -40));
    const y = Array.from({ length: 1000 }, () => random());
    expect(rho(x, y)).toBe(reference(x, y));
    expect(rho(x, x)).toBe(1);
  });

  it('matches the textbook computation exactly on a thousand engineers with many ties', () => {
    const random = seedrandom('spearman');
    for (let trial = 0; trial < 20; trial++) {
      const n = 900 + Math.floor(random() * 200);
      // Like tokens: a third use none, the rest bunch at a few quota levels or spread.
      const x = Array.from({ length: n }, () => (random() < 0.33 ? 0 : random() < 0.5 ? 2e7 * (1 + Math.floor(random() * 3)) : random() * 5e7));
      const y = x.map((v) => v * 1e-7 + random() * 3 - 1);
      expect(rho(x, y)).toBe(reference(x, y));
    }
  });
});
