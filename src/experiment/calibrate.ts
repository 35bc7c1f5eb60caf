/**
 * Calibration: the ABC-SMC engine (src/experiment/abc-smc.ts) run on the model against a targets file
 * (src/experiment/targets.ts). A candidate is a set of parameter values; it runs every scenario the
 * targets name with one seed (the same seed in each, so contrasts are paired), computes each target's
 * statistic, and is as far from the evidence as the targets' standardised distance. Candidates run on
 * the same worker pool as sweeps; a generation keeps its first accepted candidates in index order, so
 * the posterior depends on the seed alone, not on the number of workers.
 */
import { ScenarioError } from '../scenario/errors.ts';
import type { Scenario } from '../scenario/schema.ts';
import { didYouMean } from '../scenario/suggest.ts';
import type { Model } from '../sim/model.ts';
import { parameters as modelParameters } from '../sim/parameters.ts';
import { simulate, type RunResult } from '../sim/run.ts';
import {
  acceptGeneration,
  generationComplete,
  proposeCandidates,
  standardisedDistance,
  startAbcSmc,
  type AbcDiagnostics,
  type AbcPopulation,
  type AbcPrior,
  type AbcState,
} from './abc-smc.ts';
import { runPool } from './pool.ts';
import { scenarioWithParticle } from './posterior.ts';
import { targetValue, type LoadedTargets, type Target } from './targets.ts';

/**
 * Candidates proposed at a time, as a multiple of what the acceptance rate so far says the generation
 * still needs: the surplus is never run (the pool stops handing out once the generation is complete),
 * and a second batch is rare.
 */
const BATCH_MARGIN = 2;

/** A range spanning more than this factor is searched on a log scale (a rate limit from 1e8 to 4e9). */
const LOG_SCALE_ABOVE = 20;

/** What every candidate's job shares: the scenarios, the targets and the parameters' paths. */
export interface CalibrationPlan {
  scenarios: Record<string, Scenario>;
  targets: Target[];
  parameters: string[];
}

export interface CalibrationJob {
  index: number;
  values: number[];
  seed: number;
}

/** The runner of candidates: each target's statistic for the candidate's values and seed. */
export function calibrationJobs(plan: CalibrationPlan): (job: CalibrationJob) => number[] {
  const names = Object.keys(plan.scenarios);
  return (job) => {
    const posterior = { parameters: plan.parameters, values: Float64Array.from(job.values), weights: Float64Array.of(1) };
    let scenarios: Scenario[];
    try {
      scenarios = names.map((name) => scenarioWithParticle(plan.scenarios[name], posterior, 0));
    } catch (error) {
      // Values the scenario refuses together (a beta distribution's mean too near 0 or 1 for its sd):
      // outside the model's support, so no statistic, and an infinite distance.
      if (error instanceof ScenarioError) return plan.targets.map(() => Number.NaN);
      throw error;
    }
    const runs = new Map<string, RunResult>(names.map((name, k) => [name, simulate(scenarios[k], job.seed)]));
    return plan.targets.map((t) => targetValue(t, runs));
  };
}

/**
 * The prior of the parameters at `paths`: uniform over each one's evidence range (docs/MODEL.md §10),
 * on a log scale when the range spans more than a factor of LOG_SCALE_ABOVE. Refuses a path with no range.
 */
export function priorOf(paths: readonly string[], model: Model, scenario: Scenario): AbcPrior {
  const known = new Map(modelParameters(model, scenario).map((p) => [p.path, p]));
  return paths.map((path) => {
    const parameter = known.get(path);
    const range = parameter?.evidence?.range;
    if (!range) throw new RangeError(`${path}: not a parameter of the model with a range${didYouMean(path, [...known.keys()]) || '.'} (goodhart params lists them)`);
    if (parameter.type === 'integer') throw new RangeError(`${path}: a whole number; calibration searches continuous parameters`);
    const [low, high] = range;
    if (!(low < high)) throw new RangeError(`${path}: its range ${low} to ${high} leaves nothing to calibrate`);
    return { name: path, low, high, log: low > 0 && high / low > LOG_SCALE_ABOVE };
  });
}

/** The parameters a calibration searches by default: every one whose default is an assumption. */
export function uncertainParameters(model: Model, scenario: Scenario): string[] {
  return modelParameters(model, scenario)
    .filter((p) => p.evidence?.kind === 'assumed' && p.type !== 'integer' && p.evidence.range[0] < p.evidence.range[1])
    .map((p) => p.path);
}

export interface CalibrateOptions {
  populationSize: number;
  generations: number;
  seed: number;
  workers: number;
  /** Stop before a generation would run more candidates than this in all. */
  maxSimulations?: number;
  /** Called after each finished candidate: candidates run so far, the generation and its tolerance. */
  onProgress?: (done: number, generation: number, epsilon: number) => void;
  /**
   * Candidates already run (read back from a journal), by `generation/index`: their statistics are
   * used as they are and they are not run again. Proposals are a function of the seed and the
   * generations before, so a calibration continued this way gives the same posterior.
   */
  known?: ReadonlyMap<string, readonly number[]>;
  /** Called with each candidate run (not those known), e.g. to journal it. */
  onCandidate?: (generation: number, index: number, statistics: readonly number[]) => void;
}

/** The key of a candidate in `CalibrateOptions.known`. */
export function candidateKey(generation: number, index: number): string {
  return `${generation}/${index}`;
}

export interface Calibration {
  prior: AbcPrior;
  /** The last complete generation. */
  population: AbcPopulation;
  diagnostics: AbcDiagnostics[];
  simulations: number;
  stop: 'generations' | 'maxSimulations';
  /** Each target's statistic for each particle of the last generation: row p, column t. */
  predictive: Float64Array;
}

/** Runs ABC-SMC on the targets; the scenarios are the targets', with the command line's overrides applied. */
export async function calibrate(targets: LoadedTargets, prior: AbcPrior, options: CalibrateOptions): Promise<Calibration> {
  const plan: CalibrationPlan = { scenarios: Object.fromEntries(targets.scenarios), targets: targets.targets, parameters: prior.map((p) => p.name) };
  const runJob = calibrationJobs(plan);
  const observed = targets.targets.map((t) => t.observed);
  const sds = targets.targets.map((t) => t.sd);
  const d = prior.length;
  const N = options.populationSize;
  const maxSimulations = options.maxSimulations ?? Number.POSITIVE_INFINITY;
  let state: AbcState = startAbcSmc(prior, { populationSize: N, seed: options.seed });
  let simulations = 0;
  let predictive = new Float64Array(0);
  let stop: Calibration['stop'] = 'generations';
  while (state.generation < options.generations) {
    const parameters: number[] = [];
    const distances: number[] = [];
    const statistics: number[][] = [];
    let run = 0;
    let ran = 0;
    let accepted = 0;
    // The generation is complete once N candidates are accepted with none before them still to come:
    // checked (a pass over the distances) only once N are accepted at all.
    const complete = () => accepted >= N && generationComplete(state, distances);
    while (!complete()) {
      if (simulations >= maxSimulations) break;
      const rate = ran > 0 && accepted > 0 ? accepted / ran : (state.diagnostics.at(-1)?.acceptanceRate ?? 1);
      // Proposed generously, handed out until the generation is complete: one pool a generation, as
      // starting the workers takes a second, and no candidate run past the need but those in flight.
      const count = Math.max(1, Math.min(Math.ceil((BATCH_MARGIN * (N - accepted)) / rate), maxSimulations - simulations));
      const batch = proposeCandidates(state, run, count);
      const epsilon = state.epsilon;
      const generation = state.generation;
      const record = (index: number, values: readonly number[]) => {
        statistics[index] = [...values];
        distances[index] = standardisedDistance(values, observed, sds);
        if (distances[index] <= epsilon) accepted++;
        simulations++;
        ran++;
        options.onProgress?.(simulations, generation, epsilon);
      };
      const jobs: CalibrationJob[] = [];
      for (let c = 0; c < count; c++) {
        const index = run + c;
        const known = options.known?.get(candidateKey(generation, index));
        if (known) record(index, known);
        else jobs.push({ index, values: Array.from(batch.parameters.subarray(c * d, (c + 1) * d)), seed: batch.seeds[c] });
      }
      parameters.push(...batch.parameters);
      await runPool<CalibrationJob, number[]>({
        task: 'calibrate',
        plan,
        workers: options.workers,
        jobs,
        runHere: runJob,
        shouldStop: () => complete() || simulations >= maxSimulations,
        onResult: (job, values) => {
          options.onCandidate?.(generation, job.index, values);
          record(job.index, values);
        },
      });
      run += count;
    }
    if (!complete()) {
      stop = 'maxSimulations';
      break;
    }
    const epsilon = state.epsilon;
    state = acceptGeneration(state, Float64Array.from(parameters), distances, ran);
    // The accepted candidates, in index order: the population's particles, whose statistics are the predictive check.
    const kept = distances.flatMap((x, i) => (x <= epsilon ? [i] : [])).slice(0, N);
    predictive = Float64Array.from(kept.flatMap((i) => statistics[i]));
  }
  if (!state.previous) throw new RangeError(`the first generation did not reach ${N} particles within ${maxSimulations} runs: raise --max-runs`);
  return { prior, population: state.previous, diagnostics: state.diagnostics, simulations, stop, predictive };
}
