/**
 * Morris's elementary-effects screening design (Morris 1991): r trajectories through a p-level grid on
 * the unit cube, each of d + 1 points, each step moving one parameter by ±Δ. It costs r(d + 1) runs
 * and ranks parameters by influence (μ*, Campolongo et al. 2007) and by non-linearity or interaction
 * (σ); `morrisIndices` (sensitivity.ts) computes both from the outputs.
 */
import { stream } from '../../sim/random.ts';
import type { PointMatrix } from './sobol.ts';

/** The name of the random stream of Morris trajectories (with the sweep's seed). */
const MORRIS_STREAM = 'sensitivity/morris';

export interface MorrisDesign {
  dimensions: number;
  trajectories: number;
  /** p: the grid's levels 0, 1/(p - 1), ..., 1. */
  levels: number;
  /** Δ = p / (2(p - 1)): the step, so that every level is visited equally often (Morris 1991). */
  delta: number;
  /** r(d + 1) points: trajectory t in rows t(d + 1) .. t(d + 1) + d. */
  points: PointMatrix;
  /** r·d entries: the parameter moved by step s of trajectory t (from row t(d + 1) + s to the next) at t·d + s. */
  moved: Int32Array;
}

/**
 * `trajectories` random Morris trajectories of `levels` levels (an even number, so that Δ lands on
 * the grid; 4 is customary). Each trajectory is Morris's B* = (x* + (Δ/2)[(2B - J)D* + J]) P*: a
 * random base point x* on the levels from 0 to 1 - Δ, a random direction per parameter (D*: up from x*,
 * or down from x* + Δ), and the parameters moved one at a time in a random order (P*).
 *
 * @example
 * ```ts
 * const design = morrisDesign(3, 10, 4, 1); // 40 points: 10 trajectories of 4
 * design.delta; // 2/3
 * ```
 */
export function morrisDesign(dimensions: number, trajectories: number, levels: number, seed: number): MorrisDesign {
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new RangeError(`Morris dimensions must be a whole number >= 1, got ${dimensions}`);
  if (!Number.isInteger(trajectories) || trajectories < 2) {
    throw new RangeError(`Morris trajectories must be a whole number >= 2 (σ needs two effects), got ${trajectories}`);
  }
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0) throw new RangeError(`Morris levels must be an even whole number >= 2, got ${levels}`);
  const d = dimensions;
  const delta = levels / (2 * (levels - 1));
  // Positions are counted in grid levels, so every coordinate is exactly k/(p - 1) (0 and 1 included):
  // Δ is p/2 levels, and x* takes the levels k < p/2, those from which x* + Δ is still on the grid.
  const stepLevels = levels / 2;
  const random = stream(seed, MORRIS_STREAM);
  const values = new Float64Array(trajectories * (d + 1) * d);
  const moved = new Int32Array(trajectories * d);
  const level = new Int32Array(d);
  const up = new Int8Array(d);
  const order = Int32Array.from({ length: d }, (_, i) => i);
  const write = (row: number) => {
    for (let i = 0; i < d; i++) values[row * d + i] = level[i] / (levels - 1);
  };
  for (let t = 0; t < trajectories; t++) {
    for (let i = 0; i < d; i++) {
      const base = Math.floor(random() * stepLevels);
      up[i] = random() < 0.5 ? 1 : -1;
      level[i] = up[i] === 1 ? base : base + stepLevels;
    }
    // A random order of the parameters (Fisher–Yates).
    for (let k = d - 1; k > 0; k--) {
      const j = Math.floor(random() * (k + 1));
      [order[k], order[j]] = [order[j], order[k]];
    }
    const first = t * (d + 1);
    write(first);
    for (let s = 0; s < d; s++) {
      const i = order[s];
      level[i] += up[i] * stepLevels;
      moved[t * d + s] = i;
      write(first + s + 1);
    }
  }
  return { dimensions: d, trajectories, levels, delta, points: { rows: trajectories * (d + 1), columns: d, values }, moved };
}
