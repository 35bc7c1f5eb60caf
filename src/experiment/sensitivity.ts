/**
 * Sensitivity analysis of a sweep's outputs: how much of an output's variation each parameter
 * accounts for. Two methods, each with its design in designs/:
 * - Sobol' variance-based indices from a Saltelli design: first-order S1 (the share of the variance
 *   a parameter causes alone; Saltelli et al. 2010) and total ST (alone and through every interaction;
 *   Jansen 1999), with 95% bootstrap intervals.
 * - Morris elementary effects from Morris trajectories: μ* (overall influence; Campolongo et al. 2007)
 *   and σ (non-linearity or interactions; Morris 1991), at a fraction of Sobol's cost, for screening.
 * Designs live on the unit cube; `scaleToRanges` maps them to the parameters' ranges.
 */
import { stream } from '../sim/random.ts';
import type { MorrisDesign } from './designs/morris.ts';
import type { PointMatrix, SaltelliDesign } from './designs/sobol.ts';

/** The name of the random stream of bootstrap resamples (with the seed given). */
const BOOTSTRAP_STREAM = 'sensitivity/bootstrap';
/** Resamples when none are asked for: enough for stable 2.5% and 97.5% percentiles (Efron and Tibshirani 1993, An Introduction to the Bootstrap). */
const DEFAULT_BOOTSTRAP = 1000;
const CONFIDENCE = 0.95;

/** A parameter's range, as in a sweep file (a RangeParameter fits). */
export interface Range {
  min: number;
  max: number;
}

/**
 * Maps points on the unit cube to each parameter's [min, max]: coordinate c becomes
 * min_c + u (max_c - min_c). A new matrix; the design's own points stay on the unit cube, where the
 * indices are computed.
 *
 * @example
 * ```ts
 * scaleToRanges({ rows: 1, columns: 2, values: Float64Array.of(0.5, 0.25) }, [{ min: 0, max: 10 }, { min: -1, max: 1 }]).values;
 * // Float64Array [5, -0.5]
 * ```
 */
export function scaleToRanges(unit: PointMatrix, ranges: readonly Range[]): PointMatrix {
  const { rows, columns } = unit;
  if (ranges.length !== columns) throw new RangeError(`scaleToRanges: ${columns} columns but ${ranges.length} ranges`);
  const values = new Float64Array(rows * columns);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const { min, max } = ranges[c];
      values[r * columns + c] = min + unit.values[r * columns + c] * (max - min);
    }
  }
  return { rows, columns, values };
}

/** x1, x2, ...: names of parameters when none are given. */
function defaultNames(dimensions: number): string[] {
  return Array.from({ length: dimensions }, (_, i) => `x${i + 1}`);
}

function checkOutputs(rows: number, y: ArrayLike<number>, names: readonly string[], dimensions: number): void {
  if (y.length !== rows) throw new RangeError(`the design has ${rows} rows but there are ${y.length} outputs`);
  if (names.length !== dimensions) throw new RangeError(`the design has ${dimensions} parameters but ${names.length} names`);
  for (let k = 0; k < rows; k++) if (!Number.isFinite(y[k])) throw new RangeError(`output ${k} is ${y[k]}: every output must be a finite number`);
}

/** A parameter's Sobol' indices with their 95% bootstrap intervals: the rows of `sobolChart`. */
export interface SobolIndex {
  parameter: string;
  /** First-order index: the share of the output's variance due to this parameter alone. */
  S1: number;
  S1lo: number;
  S1hi: number;
  /** Total index: the share due to this parameter, alone and through all its interactions. */
  ST: number;
  STlo: number;
  SThi: number;
}

export interface SobolIndexOptions {
  /** Bootstrap resamples of the N base rows (default 1000; 0 for no intervals: lo = hi = the estimate). */
  bootstrap?: number;
  /** Seed of the resampling stream (default 1). */
  seed?: number;
  /** Parameter names, in the design's column order (default x1, x2, ...). */
  names?: readonly string[];
}

/**
 * S1 and ST of every parameter from base rows `rows` (indices into 0..N-1, repeats allowed), into
 * s1[i] and st[i]. V is the variance of f(A) and f(B) together; outputs are centred on their mean
 * first, which leaves the estimators' expectations unchanged and their rounding small.
 *   S1_i = mean_j f(B)_j (f(AB_i)_j - f(A)_j) / V          (Saltelli et al. 2010, Table 2 (b))
 *   ST_i = mean_j (f(A)_j - f(AB_i)_j)^2 / 2 / V            (Jansen 1999; Saltelli et al. 2010, Table 2 (f))
 * With V = 0 (a constant output) every index is NaN: no parameter explains a variance that is not there.
 */
function estimate(design: SaltelliDesign, y: ArrayLike<number>, rows: Int32Array, s1: Float64Array, st: Float64Array): void {
  const { n, dimensions: d } = design;
  let sum = 0;
  for (const j of rows) sum += y[j] + y[n + j];
  const mean = sum / (2 * n);
  let squares = 0;
  for (const j of rows) squares += (y[j] - mean) ** 2 + (y[n + j] - mean) ** 2;
  const variance = squares / (2 * n);
  for (let i = 0; i < d; i++) {
    const ab = (2 + i) * n;
    let first = 0;
    let total = 0;
    for (const j of rows) {
      const a = y[j];
      const difference = y[ab + j] - a;
      first += (y[n + j] - mean) * difference;
      total += difference * difference;
    }
    s1[i] = first / n / variance;
    st[i] = total / (2 * n) / variance;
  }
}

/** The q-quantile of sorted values, interpolating between neighbours (Hyndman and Fan 1996, type 7). */
function quantile(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
}

/**
 * First-order and total Sobol' indices of one output over a Saltelli design, each with a 95%
 * percentile bootstrap interval: the N base rows are resampled with replacement (each resampled row
 * takes its A, B and every AB_i output along), from a seeded stream, so the intervals are reproducible.
 * `y[k]` is the output of the design's row k.
 *
 * Estimates can stray a little below 0 or above 1 (sampling error); ST < S1 or a sum of S1 above 1
 * says N is too small. The bootstrap treats the base rows as independent draws, which Sobol' points
 * are not, so with a Sobol' design the intervals are on the wide (safe) side.
 *
 * @example
 * ```ts
 * const design = saltelliDesign(3, 4096);
 * const x = scaleToRanges(design.points, [{ min: -Math.PI, max: Math.PI }, ...]);
 * const y = ...; // Ishigami at each row of x
 * sobolIndices(design, y, { seed: 1 }); // [{ parameter: 'x1', S1: 0.31, S1lo: 0.28, ... }, ...]
 * ```
 */
export function sobolIndices(design: SaltelliDesign, y: ArrayLike<number>, options: SobolIndexOptions = {}): SobolIndex[] {
  const { n, dimensions: d } = design;
  const { bootstrap = DEFAULT_BOOTSTRAP, seed = 1, names = defaultNames(d) } = options;
  checkOutputs(design.points.rows, y, names, d);
  if (!Number.isInteger(bootstrap) || bootstrap < 0) throw new RangeError(`bootstrap must be a whole number >= 0, got ${bootstrap}`);
  const s1 = new Float64Array(d);
  const st = new Float64Array(d);
  estimate(design, y, Int32Array.from({ length: n }, (_, j) => j), s1, st);

  // Resampled estimates, parameter-major: s1Samples[i * bootstrap + b].
  const s1Samples = new Float64Array(d * bootstrap);
  const stSamples = new Float64Array(d * bootstrap);
  const random = stream(seed, BOOTSTRAP_STREAM);
  const rows = new Int32Array(n);
  const s1b = new Float64Array(d);
  const stb = new Float64Array(d);
  for (let b = 0; b < bootstrap; b++) {
    for (let j = 0; j < n; j++) rows[j] = Math.floor(random() * n);
    estimate(design, y, rows, s1b, stb);
    for (let i = 0; i < d; i++) {
      s1Samples[i * bootstrap + b] = s1b[i];
      stSamples[i * bootstrap + b] = stb[i];
    }
  }
  const tail = (1 - CONFIDENCE) / 2;
  const bounds = (samples: Float64Array, i: number, point: number): [number, number] => {
    if (bootstrap === 0) return [point, point];
    const sorted = samples.subarray(i * bootstrap, (i + 1) * bootstrap).sort();
    return [quantile(sorted, tail), quantile(sorted, 1 - tail)];
  };
  return names.map((parameter, i) => {
    const [S1lo, S1hi] = bounds(s1Samples, i, s1[i]);
    const [STlo, SThi] = bounds(stSamples, i, st[i]);
    return { parameter, S1: s1[i], S1lo, S1hi, ST: st[i], STlo, SThi };
  });
}

/** A parameter's Morris statistics over its r elementary effects: the rows of `morrisChart`. */
export interface MorrisIndex {
  parameter: string;
  /** Mean effect: near 0 for a parameter without effect, or whose effects cancel out. */
  mu: number;
  /** Mean absolute effect: the parameter's overall influence (Campolongo et al. 2007). */
  muStar: number;
  /** Standard deviation of the effects (n - 1): non-linearity or interaction with other parameters. */
  sigma: number;
}

/**
 * μ, μ* and σ of each parameter's elementary effects over a Morris design (Morris 1991; μ*:
 * Campolongo et al. 2007). An elementary effect is the change of the output over a step divided by
 * the step on the unit cube, so it is in output units per whole range of the parameter: parameters of
 * different units compare, and y = 2 x1 with x1 in [0, 10] has effect 20. `y[k]` is the output of the
 * design's row k.
 *
 * @example
 * ```ts
 * const design = morrisDesign(3, 20, 4, 1);
 * const y = ...; // 2 x1 + 0.5 x2 at each row
 * morrisIndices(design, y); // μ* = 2, 0.5, 0 and σ = 0, 0, 0
 * ```
 */
export function morrisIndices(design: MorrisDesign, y: ArrayLike<number>, options: { names?: readonly string[] } = {}): MorrisIndex[] {
  const { dimensions: d, trajectories: r, points, moved } = design;
  const { names = defaultNames(d) } = options;
  checkOutputs(points.rows, y, names, d);
  // effects[i * r + t]: parameter i's effect in trajectory t (each trajectory moves each parameter once).
  const effects = new Float64Array(d * r);
  for (let t = 0; t < r; t++) {
    for (let s = 0; s < d; s++) {
      const i = moved[t * d + s];
      const from = t * (d + 1) + s;
      const step = points.values[(from + 1) * d + i] - points.values[from * d + i];
      effects[i * r + t] = (y[from + 1] - y[from]) / step;
    }
  }
  return names.map((parameter, i) => {
    const own = effects.subarray(i * r, (i + 1) * r);
    let sum = 0;
    let absolute = 0;
    for (const e of own) {
      sum += e;
      absolute += Math.abs(e);
    }
    const mu = sum / r;
    let squares = 0;
    for (const e of own) squares += (e - mu) ** 2;
    return { parameter, mu, muStar: absolute / r, sigma: Math.sqrt(squares / (r - 1)) };
  });
}
