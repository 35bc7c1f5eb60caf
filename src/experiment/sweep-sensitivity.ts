/**
 * The sensitivity analysis at the end of a sobol or morris sweep: for each output, the mean over
 * replications at each point, then Sobol' indices (S1, ST with 95% bootstrap intervals) or Morris's
 * μ, μ* and σ of each parameter. A pure function of the plan and the table, so that it can be
 * recomputed from sweep.json and runs.csv, and is the same for any number of workers or shards.
 */
import { DEFAULT_MORRIS_LEVELS, isSensitivityDesign, sweepMorris, sweepSaltelli, type SensitivityDesign } from './designs.ts';
import type { SweepPlan } from './plan.ts';
import { morrisIndices, sobolIndices, type MorrisIndex, type SobolIndex } from './sensitivity.ts';
import { summarisePoints, type SweepTable } from './sweep.ts';

/** One output's indices, or why there are none (an output that is not a number at some point). */
export interface OutputSensitivity {
  output: string;
  method: SensitivityDesign;
  sobol?: SobolIndex[];
  morris?: MorrisIndex[];
  /** Set when the indices could not be computed. */
  skipped?: string;
}

/**
 * Sensitivity indices of each output of a finished sobol or morris sweep (empty for other designs).
 * The bootstrap of Sobol' intervals draws from the sweep's seed.
 *
 * @example
 * ```ts
 * const plan = loadSweep('scenarios/sweeps/meshclaw-sobol.yaml');
 * sweepSensitivity(plan, await sweep(plan, { workers: 2 }))[0].sobol; // [{ parameter, S1, S1lo, ... }, ...]
 * ```
 */
export function sweepSensitivity(plan: SweepPlan, table: SweepTable): OutputSensitivity[] {
  const method = plan.design;
  if (!isSensitivityDesign(method)) return [];
  const summaries = summarisePoints(plan, table);
  if (summaries.length !== plan.points.length || summaries.some((s, k) => s.point !== k)) {
    throw new RangeError(`sensitivity: the table covers ${summaries.length} of the plan's ${plan.points.length} points; every point is needed`);
  }
  const names = plan.parameters.map((p) => p.name);
  const saltelli = method === 'sobol' ? sweepSaltelli(plan.parameters, plan.samples!) : undefined;
  const morris = method === 'morris' ? sweepMorris(plan.parameters, plan.samples!, plan.levels ?? DEFAULT_MORRIS_LEVELS, plan.seed) : undefined;
  return plan.outputs.map(({ column }) => {
    const y = Float64Array.from(summaries, (s) => s.outputs[column].mean);
    const bad = y.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) return { output: column, method, skipped: `its mean at point ${bad} is ${y[bad]}` };
    return saltelli ? { output: column, method, sobol: sobolIndices(saltelli, y, { names, seed: plan.seed }) } : { output: column, method, morris: morrisIndices(morris!, y, { names }) };
  });
}
