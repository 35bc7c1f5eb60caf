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
  /** This process's part when several share the calibration (shards on a cluster). */
  share?: CalibrationShare;
}

/**
 * A shard of a calibration: shard K of N runs the candidates whose index is K − 1 modulo N, and reads
 * the others' as they finish (from their journals). Every shard follows the same generations, as the
 * proposals are a function of the seed and the candidates' statistics. The slice of a shard that has
 * stopped (or never started: array tasks that run one after another) is run by the others, so a
 * calibration finishes while any one of its shards runs; a candidate run twice gives the same numbers.
 */
export interface CalibrationShare {
  /** From 1 to `count`. */
  index: number;
  count: number;
  /** Candidates the other shards have finished since the last call: generation, index, statistics. */
  poll: () => Iterable<readonly [number, number, readonly number[]]>;
  /** True when shard `k` (from 1) has stopped writing for long enough that its slice is run here too. */
  idle: (k: number) => boolean;
}

/** How long a shard waits before looking again for the candidates it needs from the others. */
const SHARE_WAIT_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  const { share } = options;
  // Other shards' candidates, read ahead of the generation they belong to.
  const shared = new Map<string, readonly number[]>();
  let state: AbcState = startAbcSmc(prior, { populationSize: N, seed: options.seed });
  let simulations = 0;
  let predictive = new Float64Array(0);
  let stop: Calibration['stop'] = 'generations';
  while (state.generation < options.generations) {
    const generation = state.generation;
    const epsilon = state.epsilon;
    let parameters = new Float64Array(0);
    const seeds: number[] = [];
    const distances: number[] = [];
    const statistics: number[][] = [];
    let ran = 0;
    let accepted = 0;
    const record = (index: number, values: readonly number[]) => {
      if (statistics[index] !== undefined) return;
      statistics[index] = [...values];
      distances[index] = standardisedDistance(values, observed, sds);
      if (distances[index] <= epsilon) accepted++;
      simulations++;
      ran++;
      options.onProgress?.(simulations, generation, epsilon);
    };
    // Whether the candidate's statistics are in (run here, or read from a journal, which records them).
    const recordKnown = (index: number) => {
      if (statistics[index] !== undefined) return true;
      const key = candidateKey(generation, index);
      const values = options.known?.get(key) ?? shared.get(key);
      if (values) record(index, values);
      return values !== undefined;
    };
    const readShared = () => {
      if (!share) return;
      for (const [g, i, values] of share.poll()) {
        if (g === generation) record(i, values);
        else if (g > generation) shared.set(candidateKey(g, i), values);
      }
    };
    // Proposals are made in order and kept: a generation's particles are its accepted candidates.
    const propose = (upTo: number, ahead = 0) => {
      const have = parameters.length / d;
      if (upTo <= have) return;
      const count = Math.max(upTo - have, ahead);
      const batch = proposeCandidates(state, have, count);
      const grown = new Float64Array((have + count) * d);
      grown.set(parameters);
      grown.set(batch.parameters, have * d);
      parameters = grown;
      seeds.push(...batch.seeds);
    };
    // The generation is complete once N candidates are accepted with none before them still to come:
    // checked (a pass over the distances) only once N are accepted at all.
    const complete = () => accepted >= N && generationComplete(state, distances);
    // The index of the N-th accepted candidate among those known, or Infinity while fewer are: a shard
    // runs nothing past it, as the generation needs only the candidates before it.
    const cutoff = () => {
      if (accepted < N) return Number.POSITIVE_INFINITY;
      let count = 0;
      for (let i = 0; i < distances.length; i++) if (distances[i] !== undefined && distances[i] <= epsilon && ++count === N) return i;
      return Number.POSITIVE_INFINITY;
    };
    const mine = (index: number) => !share || index % share.count === share.index - 1 || share.idle((index % share.count) + 1);
    let next = 0;
    readShared();
    while (!complete()) {
      if (simulations >= maxSimulations) break;
      const rate = ran > 0 && accepted > 0 ? accepted / ran : (state.diagnostics.at(-1)?.acceptanceRate ?? 1);
      // Proposed generously, handed out until the generation is complete: one pool a generation, as
      // starting the workers takes a second, and no candidate run past the need but those in flight.
      const wanted = Math.max(1, Math.min(Math.ceil((BATCH_MARGIN * Math.max(1, N - accepted)) / rate), maxSimulations - simulations));
      const limit = cutoff() + 1;
      const jobs: CalibrationJob[] = [];
      // The first candidate not yet known: those before it are all in.
      while (next < limit && recordKnown(next)) next++;
      // With N accepted, every candidate before the N-th is needed; until then, as many as the rate says.
      const most = Number.isFinite(limit) ? Number.POSITIVE_INFINITY : wanted;
      for (let index = next; index < limit && jobs.length < most; index++) {
        propose(index + 1, wanted * (share ? share.count : 1));
        if (!recordKnown(index) && mine(index)) jobs.push({ index, values: Array.from(parameters.subarray(index * d, (index + 1) * d)), seed: seeds[index] });
      }
      if (jobs.length === 0) {
        if (complete()) break;
        // What is missing is other shards' to run: wait for them, reading their journals.
        await sleep(SHARE_WAIT_MS);
        readShared();
        continue;
      }
      let handed = 0;
      await runPool<CalibrationJob, number[]>({
        task: 'calibrate',
        plan,
        workers: options.workers,
        jobs,
        runHere: runJob,
        shouldStop: () => {
          readShared();
          if (complete() || simulations >= maxSimulations || jobs[handed].index > cutoff() || statistics[jobs[handed].index] !== undefined) return true;
          handed++;
          return false;
        },
        onResult: (job, values) => {
          if (statistics[job.index] !== undefined) return;
          options.onCandidate?.(generation, job.index, values);
          record(job.index, values);
        },
      });
      readShared();
    }
    if (!complete()) {
      stop = 'maxSimulations';
      break;
    }
    // Other shards may have finished candidates past those proposed here: every one before the last kept has its values.
    propose(distances.length);
    state = acceptGeneration(state, parameters, distances, ran);
    // The accepted candidates, in index order: the population's particles, whose statistics are the predictive check.
    const kept = distances.flatMap((x, i) => (x <= epsilon ? [i] : [])).slice(0, N);
    predictive = Float64Array.from(kept.flatMap((i) => statistics[i]));
  }
  if (!state.previous) throw new RangeError(`the first generation did not reach ${N} particles within ${maxSimulations} runs: raise --max-runs`);
  return { prior, population: state.previous, diagnostics: state.diagnostics, simulations, stop, predictive };
}
