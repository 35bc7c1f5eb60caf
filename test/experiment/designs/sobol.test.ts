import { describe, expect, it } from 'vitest';
import { saltelliDesign, SOBOL_MAX_DIMENSIONS, sobolSequence } from '../../../src/experiment/designs/sobol.ts';

/** Rows of a point matrix as plain arrays, for comparing with published points. */
function rows(m: { rows: number; columns: number; values: Float64Array }): number[][] {
  return Array.from({ length: m.rows }, (_, r) => Array.from(m.values.subarray(r * m.columns, (r + 1) * m.columns)));
}

describe('Sobol sequence (Joe–Kuo new-joe-kuo-6.21201, Gray-code order)', () => {
  it('starts at the origin, then the published points in two dimensions (scipy, scramble=False)', () => {
    expect(rows(sobolSequence(2, 8))).toEqual([
      [0, 0],
      [0.5, 0.5],
      [0.75, 0.25],
      [0.25, 0.75],
      [0.375, 0.375],
      [0.875, 0.875],
      [0.625, 0.125],
      [0.125, 0.625],
    ]);
  });

  it('skip 1 gives the sequence of Joe and Kuo’s sobol.cc, which leaves out the origin', () => {
    expect(rows(sobolSequence(2, 5, { skip: 1 }))).toEqual([
      [0.5, 0.5],
      [0.75, 0.25],
      [0.25, 0.75],
      [0.375, 0.375],
      [0.875, 0.875],
    ]);
  });

  it('every one of the 64 dimensions matches scipy.stats.qmc.Sobol(64, scramble=False, bits=32), point 777', () => {
    // scipy: round(Sobol(64, scramble=False, bits=32).random(1024)[777] * 1024)
    const scipy = [
      709, 959, 167, 281, 651, 365, 195, 781, 357, 331, 763, 713, 393, 485, 583, 527, 413, 885, 379, 771, 243, 279, 969, 493, 353, 149, 61, 799, 65,
      113, 555, 921, 115, 3, 825, 969, 473, 359, 351, 367, 739, 273, 971, 411, 329, 155, 385, 33, 795, 975, 85, 37, 631, 725, 709, 933, 365, 661,
      821, 565, 525, 501, 141, 437,
    ];
    expect(SOBOL_MAX_DIMENSIONS).toBe(64);
    const points = sobolSequence(64, 1024);
    expect(Array.from(points.values.subarray(777 * 64, 778 * 64), (v) => v * 1024)).toEqual(scipy);
  });

  it('a skip far into the sequence gives the same points as scipy’s fast_forward, to all 32 bits', () => {
    // scipy: s = Sobol(40, scramble=False, bits=32); s.fast_forward(1000003); s.random(1)[0] * 2**32, first 8 dimensions
    const scipy = [1187450880, 2413424640, 334991360, 1796354048, 3773812736, 2341023744, 948097024, 1145868288];
    const point = sobolSequence(40, 1, { skip: 1_000_003 });
    expect(Array.from(point.values.subarray(0, 8), (v) => v * 2 ** 32)).toEqual(scipy);
    // Skipping is the same as generating and dropping.
    expect(rows(sobolSequence(5, 3, { skip: 37 }))).toEqual(rows(sobolSequence(5, 40)).slice(37));
  });

  it('the first 2^m points are a balanced net: each dimension takes every value k/2^m exactly once', () => {
    const m = 10;
    const points = sobolSequence(20, 2 ** m);
    for (let d = 0; d < 20; d++) {
      const column = Array.from({ length: 2 ** m }, (_, r) => points.values[r * 20 + d] * 2 ** m).sort((a, b) => a - b);
      expect(column).toEqual(Array.from({ length: 2 ** m }, (_, k) => k));
    }
  });

  it('refuses dimensions the table does not hold', () => {
    expect(() => sobolSequence(65, 4)).toThrow(/from 1 to 64/);
    expect(() => sobolSequence(0, 4)).toThrow(RangeError);
    expect(() => sobolSequence(2, 4, { skip: -1 })).toThrow(RangeError);
  });
});

describe('Saltelli design', () => {
  it('has N(d + 2) rows: A, B, and A with column i from B', () => {
    const d = 3;
    const n = 8;
    const design = saltelliDesign(d, n);
    expect(design.points.rows).toBe(n * (d + 2));
    expect(design.points.columns).toBe(d);
    expect(design.blocks.map((b) => [b.matrix, b.parameter, b.start])).toEqual([
      ['A', undefined, 0],
      ['B', undefined, n],
      ['AB', 0, 2 * n],
      ['AB', 1, 3 * n],
      ['AB', 2, 4 * n],
    ]);
    const base = rows(sobolSequence(2 * d, n));
    const all = rows(design.points);
    for (let j = 0; j < n; j++) {
      const a = base[j].slice(0, d);
      const b = base[j].slice(d);
      expect(all[j]).toEqual(a);
      expect(all[n + j]).toEqual(b);
      for (let i = 0; i < d; i++) expect(all[(2 + i) * n + j]).toEqual(a.map((v, c) => (c === i ? b[i] : v)));
    }
  });
});
