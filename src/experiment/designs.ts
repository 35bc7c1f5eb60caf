/**
 * Experimental designs: which points of parameter space a sweep runs. Pure functions of the
 * parameters and a seed; the random designs draw from one named stream, so the same sweep file gives
 * the same points on every machine and for any number of workers.
 */
import { stream, type Random } from '../sim/random.ts';
import { morrisDesign, type MorrisDesign } from './designs/morris.ts';
import { saltelliDesign, SOBOL_MAX_DIMENSIONS, type PointMatrix, type SaltelliDesign } from './designs/sobol.ts';
import { scaleToRanges } from './sensitivity.ts';

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

/** A parameter a sweep varies: a range of numbers or a list of values. */
export type Parameter = RangeParameter | ListParameter;

/** The designs a sweep file may name. */
export const DESIGNS = ['grid', 'random', 'lhs', 'sobol', 'morris'] as const;
/** A sweep design's name. */
export type Design = (typeof DESIGNS)[number];
/** Designs made for a sensitivity analysis: their points have roles, and the sweep ends with indices. */
export const SENSITIVITY_DESIGNS = ['sobol', 'morris'] as const;
/** A design whose points support a sensitivity analysis (Sobol or Morris). */
export type SensitivityDesign = (typeof SENSITIVITY_DESIGNS)[number];
export function isSensitivityDesign(design: Design): design is SensitivityDesign {
  return (SENSITIVITY_DESIGNS as readonly string[]).includes(design);
}
/** Levels of a Morris grid when a sweep file names none (the customary 4). */
export const DEFAULT_MORRIS_LEVELS = 4;
/** A Saltelli design runs a Sobol' sequence of twice the parameters' dimensions. */
export const SOBOL_MAX_PARAMETERS = Math.floor(SOBOL_MAX_DIMENSIONS / 2);

/**
 * What a point of a sensitivity design is for, kept in sweep.json so that the indices can be
 * recomputed from runs.csv. Sobol: row `row` (0..N-1) of block A, B, or AB (A with `parameter`'s
 * column from B). Morris: step `step` (0..d) of trajectory `trajectory`; from step 1 on, `moved` is the
 * parameter that changed from the previous step.
 */
export type PointRole =
  | { block: 'A' | 'B'; row: number }
  | { block: 'AB'; parameter: string; row: number }
  | { trajectory: number; step: number; moved?: string };

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

function rangesOf(parameters: readonly Parameter[]): RangeParameter[] {
  return parameters.map((p) => {
    if (isList(p)) throw new RangeError(`parameter ${p.name}: sobol and morris designs need ranges { min, max }, not a list of values`);
    return p;
  });
}

/** Points of a unit-cube design scaled to the parameters' ranges (and rounded for integer ones). */
function scaledPoints(unit: PointMatrix, parameters: readonly RangeParameter[]): Point[] {
  const { rows, columns, values } = scaleToRanges(unit, parameters);
  return Array.from({ length: rows }, (_, r) => Object.fromEntries(parameters.map((p, c) => [p.name, finish(p, values[r * columns + c])])));
}

/** The unit-cube Saltelli design of a sobol sweep: N = `samples` base rows (a power of 2). */
export function sweepSaltelli(parameters: readonly Parameter[], samples: number): SaltelliDesign {
  return saltelliDesign(parameters.length, samples);
}

/**
 * The unit-cube Morris design of a morris sweep: `samples` trajectories on `levels` levels, from the
 * sweep's seed. An integer parameter runs rounded values, so its coordinates here are those of the
 * values it really ran, back on the unit scale: its elementary effects divide by the step it really took.
 */
export function sweepMorris(parameters: readonly Parameter[], samples: number, levels: number, seed: number): MorrisDesign {
  const design = morrisDesign(parameters.length, samples, levels, seed);
  const ranges = rangesOf(parameters);
  if (!ranges.some((p) => p.integer)) return design;
  const d = design.dimensions;
  const values = design.points.values.map((unit, k) => {
    const p = ranges[k % d];
    return p.integer ? (finish(p, p.min + unit * (p.max - p.min)) - p.min) / (p.max - p.min) : unit;
  });
  return { ...design, points: { ...design.points, values } };
}

/**
 * The narrowest range of an integer parameter in a Morris design of `levels` levels: every step moves
 * a parameter by Δ of its range, and a step of less than 1 could round to no change at all.
 */
export function morrisIntegerRange(levels: number): number {
  return (2 * (levels - 1)) / levels;
}

/** The roles of a Saltelli design's rows (see PointRole). */
export function saltelliRoles(design: SaltelliDesign, parameters: readonly Parameter[]): PointRole[] {
  return design.blocks.flatMap((b) =>
    Array.from({ length: design.n }, (_, row): PointRole => (b.matrix === 'AB' ? { block: 'AB', parameter: parameters[b.parameter!].name, row } : { block: b.matrix, row })),
  );
}

/** The roles of a Morris design's rows (see PointRole). */
export function morrisRoles(design: MorrisDesign, parameters: readonly Parameter[]): PointRole[] {
  const d = design.dimensions;
  return Array.from({ length: design.points.rows }, (_, k): PointRole => {
    const trajectory = Math.floor(k / (d + 1));
    const step = k % (d + 1);
    return step === 0 ? { trajectory, step } : { trajectory, step, moved: parameters[design.moved[trajectory * d + step - 1]].name };
  });
}

/** A design's points, and for sobol and morris the role of each. */
export interface DesignResult {
  points: Point[];
  roles?: PointRole[];
}

/**
 * The points of a design. `samples` is ignored by a grid; for sobol it is N, the base rows (a power
 * of 2; the sweep runs N(d + 2) points), for morris the trajectories (r(d + 1) points), on `levels` levels.
 */
export function designWithRoles(design: Design, parameters: readonly Parameter[], samples: number, seed: number, levels = DEFAULT_MORRIS_LEVELS): DesignResult {
  switch (design) {
    case 'grid':
      return { points: gridDesign(parameters) };
    case 'random':
      return { points: randomDesign(parameters, samples, seed) };
    case 'lhs':
      return { points: lhsDesign(parameters, samples, seed) };
    case 'sobol': {
      const unit = sweepSaltelli(parameters, samples);
      return { points: scaledPoints(unit.points, rangesOf(parameters)), roles: saltelliRoles(unit, parameters) };
    }
    case 'morris': {
      const unit = sweepMorris(parameters, samples, levels, seed);
      return { points: scaledPoints(unit.points, rangesOf(parameters)), roles: morrisRoles(unit, parameters) };
    }
  }
}

/** The points of a design (see designWithRoles). */
export function designPoints(design: Design, parameters: readonly Parameter[], samples: number, seed: number, levels = DEFAULT_MORRIS_LEVELS): Point[] {
  return designWithRoles(design, parameters, samples, seed, levels).points;
}
