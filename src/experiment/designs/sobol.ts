/**
 * Sobol' low-discrepancy points and Saltelli's sampling scheme, on the unit cube. A sweep's sobol design
 * runs the rows of `saltelliDesign`; `sobolIndices` (sensitivity.ts) turns the outputs into indices.
 *
 * The sequence is Sobol's (1967) in the Gray-code order of Antonov and Saleev (1979), built from the
 * direction numbers of Joe and Kuo (2008), the file new-joe-kuo-6.21201, the same table scipy uses.
 * No package on npm provides Sobol' sequences (none in the registry's listing of November 2026), and
 * the few rows needed are small, so they are embedded below.
 *
 * Convention: point 0 is the origin and point k is the k-th of the Gray-code sequence, exactly as
 * scipy.stats.qmc.Sobol(d, scramble=False).random(n) gives them (point 1 is 0.5, 0.5, ...). Joe and
 * Kuo's own sobol.cc leaves out the origin and starts at 0.5: that is `{ skip: 1 }` here.
 */

/**
 * Points as a row-major matrix: `rows` points of `columns` coordinates, point r's coordinate c at
 * `values[r * columns + c]`. Typed and flat so that a design of thousands of points is one allocation.
 */
export interface PointMatrix {
  rows: number;
  columns: number;
  values: Float64Array;
}

/**
 * Joe and Kuo (2008), new-joe-kuo-6.21201, dimensions 2 to 64: for each, the degree s of its primitive
 * polynomial, the polynomial's inner coefficients a (as bits), and the initial direction numbers m_1..m_s.
 * Dimension 1 is the van der Corput sequence (every m = 1) and has no row. Source:
 * https://web.maths.unsw.edu.au/~fkuo/sobol/ (checked against scipy's copy of the same file).
 */
const JOE_KUO: readonly (readonly [s: number, a: number, m: readonly number[]])[] = [
  [1, 0, [1]], // 2
  [2, 1, [1, 3]], // 3
  [3, 1, [1, 3, 1]], // 4
  [3, 2, [1, 1, 1]], // 5
  [4, 1, [1, 1, 3, 3]], // 6
  [4, 4, [1, 3, 5, 13]], // 7
  [5, 2, [1, 1, 5, 5, 17]], // 8
  [5, 4, [1, 1, 5, 5, 5]], // 9
  [5, 7, [1, 1, 7, 11, 19]], // 10
  [5, 11, [1, 1, 5, 1, 1]], // 11
  [5, 13, [1, 1, 1, 3, 11]], // 12
  [5, 14, [1, 3, 5, 5, 31]], // 13
  [6, 1, [1, 3, 3, 9, 7, 49]], // 14
  [6, 13, [1, 1, 1, 15, 21, 21]], // 15
  [6, 16, [1, 3, 1, 13, 27, 49]], // 16
  [6, 19, [1, 1, 1, 15, 7, 5]], // 17
  [6, 22, [1, 3, 1, 15, 13, 25]], // 18
  [6, 25, [1, 1, 5, 5, 19, 61]], // 19
  [7, 1, [1, 3, 7, 11, 23, 15, 103]], // 20
  [7, 4, [1, 3, 7, 13, 13, 15, 69]], // 21
  [7, 7, [1, 1, 3, 13, 7, 35, 63]], // 22
  [7, 8, [1, 3, 5, 9, 1, 25, 53]], // 23
  [7, 14, [1, 3, 1, 13, 9, 35, 107]], // 24
  [7, 19, [1, 3, 1, 5, 27, 61, 31]], // 25
  [7, 21, [1, 1, 5, 11, 19, 41, 61]], // 26
  [7, 28, [1, 3, 5, 3, 3, 13, 69]], // 27
  [7, 31, [1, 1, 7, 13, 1, 19, 1]], // 28
  [7, 32, [1, 3, 7, 5, 13, 19, 59]], // 29
  [7, 37, [1, 1, 3, 9, 25, 29, 41]], // 30
  [7, 41, [1, 3, 5, 13, 23, 1, 55]], // 31
  [7, 42, [1, 3, 7, 3, 13, 59, 17]], // 32
  [7, 50, [1, 3, 1, 3, 5, 53, 69]], // 33
  [7, 55, [1, 1, 5, 5, 23, 33, 13]], // 34
  [7, 56, [1, 1, 7, 7, 1, 61, 123]], // 35
  [7, 59, [1, 1, 7, 9, 13, 61, 49]], // 36
  [7, 62, [1, 3, 3, 5, 3, 55, 33]], // 37
  [8, 14, [1, 3, 1, 15, 31, 13, 49, 245]], // 38
  [8, 21, [1, 3, 5, 15, 31, 59, 63, 97]], // 39
  [8, 22, [1, 3, 1, 11, 11, 11, 77, 249]], // 40
  [8, 38, [1, 3, 1, 11, 27, 43, 71, 9]], // 41
  [8, 47, [1, 1, 7, 15, 21, 11, 81, 45]], // 42
  [8, 49, [1, 3, 7, 3, 25, 31, 65, 79]], // 43
  [8, 50, [1, 3, 1, 1, 19, 11, 3, 205]], // 44
  [8, 52, [1, 1, 5, 9, 19, 21, 29, 157]], // 45
  [8, 56, [1, 3, 7, 11, 1, 33, 89, 185]], // 46
  [8, 67, [1, 3, 3, 3, 15, 9, 79, 71]], // 47
  [8, 70, [1, 3, 7, 11, 15, 39, 119, 27]], // 48
  [8, 84, [1, 1, 3, 1, 11, 31, 97, 225]], // 49
  [8, 97, [1, 1, 1, 3, 23, 43, 57, 177]], // 50
  [8, 103, [1, 3, 7, 7, 17, 17, 37, 71]], // 51
  [8, 115, [1, 3, 1, 5, 27, 63, 123, 213]], // 52
  [8, 122, [1, 1, 3, 5, 11, 43, 53, 133]], // 53
  [9, 8, [1, 3, 5, 5, 29, 17, 47, 173, 479]], // 54
  [9, 13, [1, 3, 3, 11, 3, 1, 109, 9, 69]], // 55
  [9, 16, [1, 1, 1, 5, 17, 39, 23, 5, 343]], // 56
  [9, 22, [1, 3, 1, 5, 25, 15, 31, 103, 499]], // 57
  [9, 25, [1, 1, 1, 11, 11, 17, 63, 105, 183]], // 58
  [9, 44, [1, 1, 5, 11, 9, 29, 97, 231, 363]], // 59
  [9, 47, [1, 1, 5, 15, 19, 45, 41, 7, 383]], // 60
  [9, 52, [1, 3, 7, 7, 31, 19, 83, 137, 221]], // 61
  [9, 55, [1, 1, 1, 3, 23, 15, 111, 223, 83]], // 62
  [9, 59, [1, 1, 5, 13, 31, 15, 55, 25, 161]], // 63
  [9, 62, [1, 1, 3, 13, 25, 47, 39, 87, 257]], // 64
];

/** The most dimensions this table gives: 64, so a Saltelli design (2 dimensions per parameter) of up to 32 parameters. */
export const SOBOL_MAX_DIMENSIONS = JOE_KUO.length + 1;

/** Bits of each coordinate: 32, the width of JavaScript's bitwise integers, so points 0 to 2^32 - 1 are distinct. */
const BITS = 32;
const TWO_POW_32 = 2 ** 32;

/**
 * The BITS direction numbers V_1..V_BITS of one dimension, as unsigned integers scaled by 2^BITS
 * (the recurrence of Bratley and Fox 1988, as in Joe and Kuo's sobol.cc).
 */
function directionNumbers(dimension: number): Uint32Array {
  const v = new Uint32Array(BITS);
  if (dimension === 0) {
    for (let i = 0; i < BITS; i++) v[i] = 1 << (BITS - 1 - i);
    return v;
  }
  const [s, a, m] = JOE_KUO[dimension - 1];
  for (let i = 0; i < Math.min(s, BITS); i++) v[i] = m[i] << (BITS - 1 - i);
  for (let i = s; i < BITS; i++) {
    let next = v[i - s] ^ (v[i - s] >>> s);
    for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) next ^= v[i - k];
    v[i] = next;
  }
  return v;
}

/** Index of the lowest zero bit of k: which direction number changes between Gray codes of k and k + 1. */
function lowestZeroBit(k: number): number {
  let bit = 0;
  while (k % 2 === 1) {
    k = (k - 1) / 2;
    bit++;
  }
  return bit;
}

export interface SobolSequenceOptions {
  /** Points to leave out at the start (default 0: the sequence starts at the origin, as scipy's). */
  skip?: number;
}

/**
 * `count` Sobol' points in [0, 1)^dimensions, from point `skip` on (see the convention above).
 * Owen (2020): the first 2^m points from the origin are a balanced net; keep `count` a power of 2 and
 * `skip` 0 (or a multiple of `count`) to keep that balance.
 *
 * @example
 * ```ts
 * sobolSequence(2, 4).values; // Float64Array [0, 0, 0.5, 0.5, 0.75, 0.25, 0.25, 0.75]
 * sobolSequence(2, 2, { skip: 1 }).values; // [0.5, 0.5, 0.75, 0.25]: Joe and Kuo's sobol.cc
 * ```
 */
export function sobolSequence(dimensions: number, count: number, { skip = 0 }: SobolSequenceOptions = {}): PointMatrix {
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > SOBOL_MAX_DIMENSIONS) {
    throw new RangeError(`Sobol dimensions must be a whole number from 1 to ${SOBOL_MAX_DIMENSIONS}, got ${dimensions}`);
  }
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Sobol count must be a whole number >= 0, got ${count}`);
  if (!Number.isInteger(skip) || skip < 0 || skip + count > TWO_POW_32) {
    throw new RangeError(`Sobol skip must be a whole number >= 0 with skip + count <= 2^32, got ${skip}`);
  }
  const directions = Array.from({ length: dimensions }, (_, d) => directionNumbers(d));
  // Point k is the XOR of the direction numbers at the set bits of k's Gray code, k ^ (k >> 1).
  const x = new Uint32Array(dimensions);
  // skip may pass 2^31, where >> turns negative; ^ keeps the low 32 bits, and >>> 0 reads them unsigned.
  const gray = (skip ^ Math.floor(skip / 2)) >>> 0;
  for (let bit = 0; bit < BITS; bit++) {
    if ((gray >>> bit) & 1) for (let d = 0; d < dimensions; d++) x[d] ^= directions[d][bit];
  }
  const values = new Float64Array(count * dimensions);
  for (let r = 0; r < count; r++) {
    for (let d = 0; d < dimensions; d++) values[r * dimensions + d] = x[d] / TWO_POW_32;
    // Gray-code order: the next point differs from this one in one direction number per dimension.
    const bit = lowestZeroBit(skip + r);
    if (bit < BITS) for (let d = 0; d < dimensions; d++) x[d] ^= directions[d][bit];
  }
  return { rows: count, columns: dimensions, values };
}

/** A block of n rows of a Saltelli design: A, B, or A with parameter i's column taken from B. */
export interface SaltelliBlock {
  matrix: 'A' | 'B' | 'AB';
  /** For AB: the parameter whose column comes from B. */
  parameter?: number;
  /** The block's first row; it holds rows start .. start + n - 1. */
  start: number;
}

/**
 * The N(d + 2) points of Saltelli's scheme for first-order and total indices (Saltelli et al. 2010):
 * base matrices A and B (N rows each) and, for each parameter i, AB_i: A with column i from B.
 * Row j of every block belongs to base row j, so a bootstrap resamples base rows across all blocks.
 */
export interface SaltelliDesign {
  dimensions: number;
  /** N: the base rows, the sample size of each block. */
  n: number;
  /** All N(d + 2) points, blocks in the order A, B, AB_0 .. AB_{d-1}. */
  points: PointMatrix;
  blocks: SaltelliBlock[];
}

/**
 * Saltelli's design on the unit cube from a Sobol' sequence of 2d dimensions: A is its first d
 * coordinates and B its last d, so A and B are independent yet together low-discrepancy (Saltelli et
 * al. 2010). Keep `n` a power of 2 (see sobolSequence). Blocks are stacked: A in rows 0..N-1, B in
 * N..2N-1, AB_i in (2 + i)N..(3 + i)N - 1.
 *
 * @example
 * ```ts
 * const design = saltelliDesign(3, 1024); // 5,120 points of 3 coordinates
 * const y = evaluate(scaleToRanges(design.points, ranges)); // one output per row
 * sobolIndices(design, y); // S1 and ST of each parameter
 * ```
 */
export function saltelliDesign(dimensions: number, n: number, options: SobolSequenceOptions = {}): SaltelliDesign {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Saltelli N must be a whole number >= 1, got ${n}`);
  const d = dimensions;
  const base = sobolSequence(2 * d, n, options);
  const blocks: SaltelliBlock[] = [
    { matrix: 'A', start: 0 },
    { matrix: 'B', start: n },
    ...Array.from({ length: d }, (_, i) => ({ matrix: 'AB' as const, parameter: i, start: (2 + i) * n })),
  ];
  const values = new Float64Array(n * (d + 2) * d);
  for (let j = 0; j < n; j++) {
    const a = base.values.subarray(j * 2 * d, j * 2 * d + d);
    const b = base.values.subarray(j * 2 * d + d, (j + 1) * 2 * d);
    values.set(a, j * d);
    values.set(b, (n + j) * d);
    for (let i = 0; i < d; i++) {
      const row = ((2 + i) * n + j) * d;
      values.set(a, row);
      values[row + i] = b[i];
    }
  }
  return { dimensions: d, n, points: { rows: n * (d + 2), columns: d, values }, blocks };
}
