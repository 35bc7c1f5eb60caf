/**
 * Experimental designs: which points of parameter space a sweep runs. Pure functions of the
 * parameters and a seed; the random designs draw from one named stream, so the same sweep file gives
 * the same points on every machine and for any number of workers.
 */
import { stream, type Random } from '../sim/random.ts';

/** A value a parameter takes: what a scenario field accepts (a number, an expression, a flag). */
export type ParameterValue = number | string | boolean;

/** A parameter over a range: `steps` evenly spaced values for a grid, uniform draws for random and lhs. */
export interface RangeParameter {
  name: string;
  min: number;
  max: number;
  /** Values of a grid, from min to max inclusive (required for a grid). */
  steps?: number;
  /** Round every value to a whole number (for fields such as topK). */
  integer?: boolean;
}

/** A parameter over a list of values, taken in order by a grid and with equal chance by the others. */
export interface ListParameter {
  name: string;
  values: ParameterValue[];
}

export type Parameter = RangeParameter | ListParameter;

export const DESIGNS = ['grid', 'random', 'lhs'] as const;
export type Design = (typeof DESIGNS)[number];

/** A point of a design: one value per parameter, by name. */
export type Point = Record<string, ParameterValue>;

/** The name of the random stream of designs (with the sweep's base seed). */
const DESIGN_STREAM = 'sweep/design';

function isList(p: Parameter): p is ListParameter {
  return 'values' in p;
}

function finish(p: RangeParameter, value: number): number {
  return p.integer ? Math.round(value) : value;
}

/** The evenly spaced values of a range parameter on a grid; the ends are exactly min and max. */
export function gridValues(p: Parameter): ParameterValue[] {
  if (isList(p)) return p.values;
  const steps = p.steps ?? 1;
  if (steps === 1) return [finish(p, p.min)];
  // Rounded to 15 significant digits (all a double holds exactly) so that 0.3 / 3 is written 0.1, as a user would.
  const at = (k: number) => Number((p.min + ((p.max - p.min) * k) / (steps - 1)).toPrecision(15));
  return Array.from({ length: steps }, (_, k) => finish(p, k === steps - 1 ? p.max : at(k)));
}

/** The full product of every parameter's values; the first parameter varies slowest (as nested loops in the file's order). */
export function gridDesign(parameters: readonly Parameter[]): Point[] {
  let points: Point[] = [{}];
  for (const p of parameters) {
    const values = gridValues(p);
    points = points.flatMap((point) => values.map((value) => ({ ...point, [p.name]: value })));
  }
  return points;
}

/** Maps a uniform u in [0, 1) to a parameter's value. */
function fromUniform(p: Parameter, u: number): ParameterValue {
  if (isList(p)) return p.values[Math.min(p.values.length - 1, Math.floor(u * p.values.length))];
  return finish(p, p.min + u * (p.max - p.min));
}

/** `samples` independent uniform points. */
export function randomDesign(parameters: readonly Parameter[], samples: number, seed: number): Point[] {
  const random = stream(seed, DESIGN_STREAM);
  return Array.from({ length: samples }, () => Object.fromEntries(parameters.map((p) => [p.name, fromUniform(p, random())])));
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
function permutation(n: number, random: Random): number[] {
  const order = Array.from({ length: n }, (_, k) => k);
  for (let k = n - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [order[k], order[j]] = [order[j], order[k]];
  }
  return order;
}

/**
 * Latin hypercube: each parameter's range is cut into `samples` equal strata and each stratum holds
 * exactly one point, at a uniform position within it; strata are paired across parameters at random.
 */
export function lhsDesign(parameters: readonly Parameter[], samples: number, seed: number): Point[] {
  const random = stream(seed, DESIGN_STREAM);
  const columns = parameters.map((p) => {
    const strata = permutation(samples, random);
    return strata.map((stratum) => fromUniform(p, (stratum + random()) / samples));
  });
  return Array.from({ length: samples }, (_, i) => Object.fromEntries(parameters.map((p, k) => [p.name, columns[k][i]])));
}

/** The points of a design. `samples` is ignored by a grid. */
export function designPoints(design: Design, parameters: readonly Parameter[], samples: number, seed: number): Point[] {
  switch (design) {
    case 'grid':
      return gridDesign(parameters);
    case 'random':
      return randomDesign(parameters, samples, seed);
    case 'lhs':
      return lhsDesign(parameters, samples, seed);
  }
}
