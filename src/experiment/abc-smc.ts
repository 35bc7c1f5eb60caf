/**
 * Approximate Bayesian computation by sequential Monte Carlo (ABC-SMC): the posterior of a model's
 * parameters given observed summary statistics, from simulations alone. A population of weighted
 * particles moves through generations of shrinking tolerance ε; a particle of generation t is a
 * parameter vector whose simulation landed within ε_t of the observations.
 *
 * The algorithm is ABC population Monte Carlo (Beaumont, Cornuet, Marin and Robert 2009, Biometrika
 * 96(4)): generation 0 samples the prior; generation t resamples generation t − 1 by weight, perturbs
 * with a multivariate normal of twice its weighted covariance (less beyond two parameters: kernelFactor), and weights each accepted particle by
 * prior(θ) / Σ_j w_j K(θ | θ_j). The tolerance adapts: ε_t is a quantile of generation t − 1's
 * distances (Drovandi and Pettitt 2011, Biometrics 67(1); pyabc's QuantileEpsilon, median, weighted).
 *
 * Nothing here runs a model. The engine is ask and tell, so that simulations can run anywhere (a
 * worker pool, shards, a journal) and in any order:
 *   state = startAbcSmc(prior, options)
 *   loop: candidates = proposeCandidates(state, start, count); simulate each (candidates.seeds[i]);
 *         once generationComplete(state, distances): state = acceptGeneration(state, parameters, distances)
 * Candidate i of a generation, and the seed of its simulation, come from a random stream of its own
 * named by (seed, generation, i): the same whoever asks for it, in whatever batches. A generation
 * keeps the first N candidates in index order whose distance is within ε_t, not the first N to finish,
 * so the posterior depends on the seed alone. `runAbcSmc` drives the loop synchronously.
 *
 * Coordinates: a log-uniform parameter is handled as the logarithm of its value, so that its prior is
 * uniform there and the kernel perturbs it in ratios; the prior density is then the same constant at
 * every point of the box, and a weight is 1 / Σ_j w_j K(θ | θ_j). Particles are reported in the
 * parameters' own units.
 */
import { stream } from '../sim/random.ts';

/** One parameter of the prior: uniform on [low, high], or log-uniform (uniform in log) when `log`. */
export interface AbcParameter {
  name: string;
  low: number;
  high: number;
  /** Log-uniform: for a range spanning orders of magnitude (low > 0). */
  log?: boolean;
}

/** Independent parameters: the prior is the product of their uniform (or log-uniform) distributions. */
export type AbcPrior = readonly AbcParameter[];

export interface AbcOptions {
  /** N: particles per generation. */
  populationSize: number;
  /** Seed of every random stream of the run (candidates and simulations' seeds). */
  seed: number;
  /** α: ε_t is the α-quantile of generation t − 1's weighted distances (default 0.5, pyabc's). */
  quantile?: number;
  /** ε_0, the tolerance of generation 0 (default Infinity: the first N prior draws, all accepted). */
  initialEpsilon?: number;
}

/** A generation's weighted particles. */
export interface AbcPopulation {
  generation: number;
  /** The tolerance this generation was accepted at. */
  epsilon: number;
  /** N × d, row-major, in the parameters' own units. */
  particles: Float64Array;
  /** Normalised importance weights (sum 1). */
  weights: Float64Array;
  /** Each particle's distance to the observations (≤ epsilon). */
  distances: Float64Array;
  /** Effective sample size, 1 / Σ w²: N for equal weights, 1 when one particle holds them all. */
  ess: number;
}

/** What a generation cost and how well it went: the rows of diagnostics.json. */
export interface AbcDiagnostics {
  generation: number;
  epsilon: number;
  /** Candidates up to and including the N-th accepted one: what the generation needed, whatever the batches. */
  candidates: number;
  /** Candidates simulated (those past the N-th accepted one included): what it cost. */
  simulations: number;
  /** N / candidates. */
  acceptanceRate: number;
  ess: number;
}

/** The perturbation kernel of a generation: the lower Cholesky factor L of 2Σ (Σ in internal coordinates). */
interface Kernel {
  cholesky: Float64Array;
}

/** Where a run stands: plain data and typed arrays, so that a journal can keep it. */
export interface AbcState {
  prior: AbcPrior;
  populationSize: number;
  seed: number;
  quantile: number;
  /** The generation being sampled now. */
  generation: number;
  /** Its tolerance ε_t. */
  epsilon: number;
  /** Generation t − 1, which generation t resamples (none for generation 0). */
  previous?: AbcPopulation;
  /** The kernel that perturbs `previous` (none for generation 0). */
  kernel?: Kernel;
  /** One row per accepted generation. */
  diagnostics: AbcDiagnostics[];
}

/** A batch of candidates of the current generation: indices start .. start + count − 1. */
export interface AbcCandidates {
  generation: number;
  start: number;
  count: number;
  /** count × d, row-major, in the parameters' own units. */
  parameters: Float64Array;
  /** The seed of each candidate's simulation. */
  seeds: Float64Array;
}

/** pyabc's default quantile of the previous generation's distances: the median (QuantileEpsilon, alpha = 0.5). */
const DEFAULT_QUANTILE = 0.5;
/**
 * The kernel's covariance is twice the previous population's weighted covariance: Beaumont et al.
 * (2009) derive the factor 2 by minimising the Kullback–Leibler divergence from proposal to target for
 * a normal kernel; Filippi, Barnes, Cornebise and Stumpf (2013, Statistical Applications in Genetics
 * and Molecular Biology 12(1)) give it for the multivariate normal kernel.
 */
const KERNEL_COVARIANCE_FACTOR = 2;
/**
 * With many parameters a kernel of 2Σ almost never lands inside the prior's box (each coordinate has
 * a fair chance to step out, and all must stay in): at 60 parameters, about one proposal in a million.
 * Beyond a few parameters the factor shrinks as a random walk's optimal scale does, 2.38²/d (Roberts,
 * Gelman and Gilks 1997, Annals of Applied Probability 7(1)); up to two it is Beaumont et al.'s 2.
 * Any factor gives correct weights (they use the same kernel); this one keeps proposals in the box.
 */
const OPTIMAL_RANDOM_WALK_SCALE_SQUARED = 2.38 ** 2;

function kernelFactor(d: number): number {
  return Math.min(KERNEL_COVARIANCE_FACTOR, OPTIMAL_RANDOM_WALK_SCALE_SQUARED / d);
}
/**
 * A parameter whose particles all agree (a variance of zero) would make 2Σ singular: its variance is
 * floored at (this × the width of its range)², a perturbation far below any resolution of interest.
 */
const VARIANCE_FLOOR_FRACTION = 1e-9;
/** Proposals outside the prior's box are drawn again; this many misses in a row is a kernel gone wrong, not bad luck. */
const MAX_PROPOSAL_ATTEMPTS = 100_000;
/** 2^32 and 2^21: a simulation's seed is a whole number below 2^53 made of two 32-bit draws (Alea gives 32 bits a draw). */
const TWO_POW_32 = 4294967296;
const TWO_POW_21 = 2097152;

function checkPrior(prior: AbcPrior): void {
  if (prior.length === 0) throw new RangeError('ABC-SMC: the prior has no parameter');
  const names = new Set<string>();
  for (const p of prior) {
    if (names.has(p.name)) throw new RangeError(`ABC-SMC: parameter ${p.name} appears twice`);
    names.add(p.name);
    if (!(Number.isFinite(p.low) && Number.isFinite(p.high) && p.low < p.high)) {
      throw new RangeError(`ABC-SMC: parameter ${p.name} needs finite low < high, got [${p.low}, ${p.high}]`);
    }
    if (p.log && !(p.low > 0)) throw new RangeError(`ABC-SMC: log-uniform parameter ${p.name} needs low > 0, got ${p.low}`);
  }
}

/** The box of the prior in internal coordinates (log for log-uniform parameters). */
function bounds(prior: AbcPrior): { lower: Float64Array; upper: Float64Array } {
  return {
    lower: Float64Array.from(prior, (p) => (p.log ? Math.log(p.low) : p.low)),
    upper: Float64Array.from(prior, (p) => (p.log ? Math.log(p.high) : p.high)),
  };
}

function toInternal(prior: AbcPrior, value: number, k: number): number {
  return prior[k].log ? Math.log(value) : value;
}

/**
 * Back to the parameter's own units. exp(log(x)) may miss x by a rounding, so the value is clamped to
 * [low, high]: a particle always lies in the range the prior states.
 */
function toExternal(prior: AbcPrior, value: number, k: number): number {
  const p = prior[k];
  return p.log ? Math.min(p.high, Math.max(p.low, Math.exp(value))) : value;
}

/**
 * A run's initial state: generation 0, sampling the prior at tolerance ε_0.
 *
 * @example
 * ```ts
 * const state = startAbcSmc([{ name: 'theta', low: -10, high: 10 }], { populationSize: 500, seed: 1 });
 * state.generation; // 0
 * ```
 */
export function startAbcSmc(prior: AbcPrior, options: AbcOptions): AbcState {
  checkPrior(prior);
  const { populationSize, seed } = options;
  const quantile = options.quantile ?? DEFAULT_QUANTILE;
  const epsilon = options.initialEpsilon ?? Number.POSITIVE_INFINITY;
  // Two particles at least: a covariance needs them.
  if (!Number.isInteger(populationSize) || populationSize < 2) throw new RangeError(`ABC-SMC: populationSize must be a whole number >= 2, got ${populationSize}`);
  if (!Number.isFinite(seed)) throw new RangeError(`ABC-SMC: seed must be a finite number, got ${seed}`);
  if (!(quantile > 0 && quantile <= 1)) throw new RangeError(`ABC-SMC: quantile must be in (0, 1], got ${quantile}`);
  if (!(epsilon > 0)) throw new RangeError(`ABC-SMC: initialEpsilon must be > 0, got ${epsilon}`);
  return { prior, populationSize, seed, quantile, generation: 0, epsilon, diagnostics: [] };
}

/** A standard normal draw (Box–Muller; 1 − u keeps the logarithm finite, the stream giving [0, 1)). */
function standardNormal(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** The index j with cumulative[j − 1] <= u < cumulative[j] (binary search): resampling by weight. */
function pick(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u < cumulative[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The name of candidate i's random stream: its parameters, then its simulation's seed. */
function candidateStreamName(generation: number, index: number): string {
  return `abc-smc/${generation}/${index}`;
}

/**
 * Candidates start .. start + count − 1 of the current generation, and the seed of each one's
 * simulation. Generation 0 draws them from the prior; later generations pick a particle of the
 * previous generation by weight and perturb it with the kernel, drawing both again while the result
 * falls outside the prior's box. Drawing the pair again (not only the perturbation) makes the
 * proposal density Σ_j w_j K(θ | θ_j) on the box, divided by one constant that normalising the
 * weights removes; redrawing only the perturbation would need each K's mass inside the box.
 *
 * Candidate i is the same for any start and count: ask for them in batches of any size, in any order.
 */
export function proposeCandidates(state: AbcState, start: number, count: number): AbcCandidates {
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 0) {
    throw new RangeError(`ABC-SMC: start and count must be whole numbers >= 0, got ${start} and ${count}`);
  }
  const { prior, previous, kernel, generation } = state;
  const d = prior.length;
  const { lower, upper } = bounds(prior);
  const parameters = new Float64Array(count * d);
  const seeds = new Float64Array(count);
  const theta = new Float64Array(d);
  const z = new Float64Array(d);
  let cumulative: Float64Array | undefined;
  let ancestors: Float64Array | undefined;
  if (previous && kernel) {
    cumulative = new Float64Array(previous.weights.length);
    let sum = 0;
    for (let j = 0; j < cumulative.length; j++) cumulative[j] = sum += previous.weights[j];
    // The last entry is 1 up to rounding; make it exactly 1 so that every u in [0, 1) finds a particle.
    cumulative[cumulative.length - 1] = 1;
    ancestors = internalParticles(prior, previous.particles);
  }
  for (let c = 0; c < count; c++) {
    const random = stream(state.seed, candidateStreamName(generation, start + c));
    if (!cumulative || !ancestors || !kernel) {
      for (let k = 0; k < d; k++) theta[k] = lower[k] + random() * (upper[k] - lower[k]);
    } else {
      let attempts = 0;
      for (;;) {
        if (++attempts > MAX_PROPOSAL_ATTEMPTS) {
          throw new Error(`ABC-SMC: generation ${generation}, candidate ${start + c}: ${MAX_PROPOSAL_ATTEMPTS} perturbations in a row fell outside the prior`);
        }
        const j = pick(cumulative, random());
        for (let k = 0; k < d; k++) z[k] = standardNormal(random);
        let inside = true;
        for (let k = 0; k < d; k++) {
          // θ = θ_j + L z, L lower triangular.
          let step = 0;
          for (let m = 0; m <= k; m++) step += kernel.cholesky[k * d + m] * z[m];
          theta[k] = ancestors[j * d + k] + step;
          if (!(theta[k] >= lower[k] && theta[k] <= upper[k])) inside = false;
        }
        if (inside) break;
      }
    }
    for (let k = 0; k < d; k++) parameters[c * d + k] = toExternal(prior, theta[k], k);
    seeds[c] = Math.floor(random() * TWO_POW_21) * TWO_POW_32 + Math.floor(random() * TWO_POW_32);
  }
  return { generation, start, count, parameters, seeds };
}

function internalParticles(prior: AbcPrior, particles: Float64Array): Float64Array {
  const d = prior.length;
  const out = new Float64Array(particles.length);
  for (let i = 0; i < particles.length; i++) out[i] = toInternal(prior, particles[i], i % d);
  return out;
}

/**
 * Distances of candidates 0, 1, ... of the current generation, by index. An entry not yet known
 * (undefined: its simulation has not come back) is allowed: a pool fills them in as they finish.
 */
export type AbcDistances = ArrayLike<number | undefined>;

/**
 * The index of the N-th candidate within ε_t, or −1 while fewer than N are among the candidates
 * known so far from index 0 on: a generation is complete once an unbroken run of candidates from 0,
 * in index order, holds N accepted ones. A gap stops the count, so that a candidate still running
 * can never be passed over for one that finished sooner.
 */
function lastNeeded(state: AbcState, distances: AbcDistances): number {
  let accepted = 0;
  for (let i = 0; i < distances.length; i++) {
    const value = distances[i];
    if (value === undefined) return -1;
    if (Number.isNaN(value) || value < 0) throw new RangeError(`ABC-SMC: distance ${i} is ${value}: distances must be >= 0 (Infinity for a simulation that failed)`);
    if (value <= state.epsilon && ++accepted === state.populationSize) return i;
  }
  return -1;
}

/** How many of the known distances are within ε_t: progress towards the N a generation needs. */
export function countAccepted(state: AbcState, distances: AbcDistances): number {
  let accepted = 0;
  for (let i = 0; i < distances.length; i++) {
    const value = distances[i];
    if (value !== undefined && value <= state.epsilon) accepted++;
  }
  return accepted;
}

/** Whether the candidates from 0 on hold the N accepted particles the generation needs (see lastNeeded). */
export function generationComplete(state: AbcState, distances: AbcDistances): boolean {
  return lastNeeded(state, distances) >= 0;
}

/**
 * The weighted α-quantile of values: sorted, each value sits at the middle of its weight's share of
 * [0, 1] (cumulative weight − w/2), and the quantile interpolates between those points, clamped at
 * the ends (pyabc's weighted_quantile). Ties are broken by index, so the result is the same for the
 * same input whatever the sort.
 */
export function weightedQuantile(values: Float64Array, weights: Float64Array, alpha: number): number {
  const n = values.length;
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b] || a - b);
  let cumulative = 0;
  let previousPosition = Number.NEGATIVE_INFINITY;
  let previousValue = values[order[0]];
  for (let r = 0; r < n; r++) {
    const i = order[r];
    const position = cumulative + weights[i] / 2;
    cumulative += weights[i];
    if (alpha <= position) {
      if (r === 0) return values[i];
      const fraction = (alpha - previousPosition) / (position - previousPosition);
      // Equal values (Infinity included) interpolate to themselves.
      return previousValue === values[i] ? values[i] : previousValue + fraction * (values[i] - previousValue);
    }
    previousPosition = position;
    previousValue = values[i];
  }
  return previousValue;
}

/**
 * The weighted covariance Σ of particles in internal coordinates (divided by the weights' sum, 1:
 * the population's own covariance, as Beaumont et al. take it), d × d row-major.
 */
function weightedCovariance(particles: Float64Array, weights: Float64Array, d: number): Float64Array {
  const n = weights.length;
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) mean[k] += weights[i] * particles[i * d + k];
  const covariance = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < d; k++) {
      const dk = particles[i * d + k] - mean[k];
      for (let m = 0; m <= k; m++) covariance[k * d + m] += weights[i] * dk * (particles[i * d + m] - mean[m]);
    }
  }
  for (let k = 0; k < d; k++) for (let m = 0; m < k; m++) covariance[m * d + k] = covariance[k * d + m];
  return covariance;
}

/**
 * The lower Cholesky factor L of a symmetric positive definite d × d matrix (A = L Lᵀ; the
 * Cholesky–Banachiewicz order, row by row). Throws if A is not positive definite.
 */
export function cholesky(matrix: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * d + j];
      for (let k = 0; k < j; k++) sum -= L[i * d + k] * L[j * d + k];
      if (i === j) {
        if (!(sum > 0)) throw new RangeError(`cholesky: the matrix is not positive definite (pivot ${i} is ${sum})`);
        L[i * d + i] = Math.sqrt(sum);
      } else {
        L[i * d + j] = sum / L[j * d + j];
      }
    }
  }
  return L;
}

/** The kernel that perturbs a population: L with L Lᵀ = cΣ (c = kernelFactor), each variance floored (VARIANCE_FLOOR_FRACTION). */
function buildKernel(prior: AbcPrior, internal: Float64Array, weights: Float64Array): Kernel {
  const d = prior.length;
  const { lower, upper } = bounds(prior);
  const covariance = weightedCovariance(internal, weights, d);
  for (let k = 0; k < d; k++) {
    covariance[k * d + k] = Math.max(covariance[k * d + k], (VARIANCE_FLOOR_FRACTION * (upper[k] - lower[k])) ** 2);
  }
  const factor = kernelFactor(d);
  for (let i = 0; i < covariance.length; i++) covariance[i] *= factor;
  try {
    return { cholesky: cholesky(covariance, d) };
  } catch {
    // Perfectly correlated parameters (a rank-deficient Σ): perturb each independently with its own
    // variance rather than stop; the weights stay exact because they use this same kernel.
    const diagonal = new Float64Array(d * d);
    for (let k = 0; k < d; k++) diagonal[k * d + k] = Math.sqrt(covariance[k * d + k]);
    return { cholesky: diagonal };
  }
}

/**
 * log Σ_j w_j K(θ | θ_j) up to a constant (the normal's normalisation, the same for every θ with one
 * kernel): −½|L⁻¹(θ − θ_j)|² summed in logs (log-sum-exp), so that a particle far from every ancestor
 * still gets a finite weight rather than 0/0.
 */
function logProposalDensity(theta: Float64Array, ancestors: Float64Array, logWeights: Float64Array, L: Float64Array, d: number, scratch: Float64Array, terms: Float64Array): number {
  const n = logWeights.length;
  let max = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < n; j++) {
    // Forward substitution: scratch = L⁻¹ (θ − θ_j).
    let squared = 0;
    for (let k = 0; k < d; k++) {
      let r = theta[k] - ancestors[j * d + k];
      for (let m = 0; m < k; m++) r -= L[k * d + m] * scratch[m];
      scratch[k] = r / L[k * d + k];
      squared += scratch[k] * scratch[k];
    }
    terms[j] = logWeights[j] - squared / 2;
    if (terms[j] > max) max = terms[j];
  }
  let sum = 0;
  for (let j = 0; j < n; j++) sum += Math.exp(terms[j] - max);
  return max + Math.log(sum);
}

/**
 * Closes the current generation: of candidates 0, 1, ... (their parameters, row-major, and their
 * distances, by index), keeps the first N within ε_t; weights them (generation 0: equally, being
 * prior draws; later: 1 / Σ_j w_j K(θ | θ_j), Beaumont et al. 2009, the prior being flat on its box);
 * and sets the next generation's tolerance, the α-quantile of these weighted distances. Returns the
 * new state; the population is its `previous`. Throws unless generationComplete. Candidates past
 * the N-th accepted one (a batch's surplus) may be missing or unknown; they change nothing.
 *
 * `simulations` is how many candidates were simulated in all, surplus included, when that is more
 * than distances.length; it only enters the diagnostics.
 */
export function acceptGeneration(state: AbcState, parameters: Float64Array, distances: AbcDistances, simulations = distances.length): AbcState {
  const { prior, populationSize: N, generation } = state;
  const d = prior.length;
  const last = lastNeeded(state, distances);
  if (last < 0) {
    throw new RangeError(`ABC-SMC: generation ${generation} is not complete: ${countAccepted(state, distances)} of ${N} particles within ε = ${state.epsilon} among candidates 0 .. ${distances.length - 1}, counted up to the first one not yet known`);
  }
  if (parameters.length < (last + 1) * d) {
    throw new RangeError(`ABC-SMC: candidates 0 .. ${last} need ${(last + 1) * d} parameter values, got ${parameters.length}`);
  }
  const particles = new Float64Array(N * d);
  const accepted = new Float64Array(N);
  for (let i = 0, a = 0; i <= last; i++) {
    const distance = distances[i] as number;
    if (!(distance <= state.epsilon)) continue;
    particles.set(parameters.subarray(i * d, (i + 1) * d), a * d);
    accepted[a++] = distance;
  }
  const internal = internalParticles(prior, particles);
  const weights = new Float64Array(N);
  const { previous, kernel } = state;
  if (!previous || !kernel) {
    weights.fill(1 / N);
  } else {
    const ancestors = internalParticles(prior, previous.particles);
    const logWeights = Float64Array.from(previous.weights, Math.log);
    const scratch = new Float64Array(d);
    const terms = new Float64Array(previous.weights.length);
    const logW = new Float64Array(N);
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < N; i++) {
      logW[i] = -logProposalDensity(internal.subarray(i * d, (i + 1) * d), ancestors, logWeights, kernel.cholesky, d, scratch, terms);
      if (logW[i] > max) max = logW[i];
    }
    let sum = 0;
    for (let i = 0; i < N; i++) sum += weights[i] = Math.exp(logW[i] - max);
    for (let i = 0; i < N; i++) weights[i] /= sum;
  }
  let squares = 0;
  for (let i = 0; i < N; i++) squares += weights[i] * weights[i];
  // At most N: equal weights can round to a sum of squares a hair below 1/N.
  const ess = Math.min(N, 1 / squares);
  const population: AbcPopulation = { generation, epsilon: state.epsilon, particles, weights, distances: accepted, ess };
  const candidates = last + 1;
  const diagnostics: AbcDiagnostics = { generation, epsilon: state.epsilon, candidates, simulations: Math.max(simulations, candidates), acceptanceRate: N / candidates, ess };
  return {
    ...state,
    generation: generation + 1,
    epsilon: weightedQuantile(accepted, weights, state.quantile),
    previous: population,
    kernel: buildKernel(prior, internal, weights),
    diagnostics: [...state.diagnostics, diagnostics],
  };
}

/**
 * The distance between simulated and observed summary statistics, each standardised by its sd:
 * √Σ_k ((sim_k − obs_k) / sd_k)². A statistic the simulation could not produce (not a finite number)
 * puts it infinitely far: never accepted.
 *
 * @example
 * ```ts
 * standardisedDistance([1, 2], [0, 0], [1, 2]); // √2
 * ```
 */
export function standardisedDistance(simulated: ArrayLike<number>, observed: ArrayLike<number>, sds: ArrayLike<number>): number {
  if (simulated.length !== observed.length || sds.length !== observed.length) {
    throw new RangeError(`standardisedDistance: ${simulated.length} simulated, ${observed.length} observed and ${sds.length} sds`);
  }
  let sum = 0;
  for (let k = 0; k < observed.length; k++) {
    if (!(sds[k] > 0 && Number.isFinite(sds[k]))) throw new RangeError(`standardisedDistance: sd ${k} must be a finite number > 0, got ${sds[k]}`);
    if (!Number.isFinite(simulated[k])) return Number.POSITIVE_INFINITY;
    sum += ((simulated[k] - observed[k]) / sds[k]) ** 2;
  }
  return Math.sqrt(sum);
}

/** A parameter's weighted posterior mean and standard deviation. */
export interface AbcMarginal {
  name: string;
  mean: number;
  sd: number;
}

/** Each parameter's weighted mean and sd over a population (in the parameters' own units). */
export function posteriorMarginals(prior: AbcPrior, population: AbcPopulation): AbcMarginal[] {
  const d = prior.length;
  const { particles, weights } = population;
  return prior.map((p, k) => {
    let mean = 0;
    for (let i = 0; i < weights.length; i++) mean += weights[i] * particles[i * d + k];
    let variance = 0;
    for (let i = 0; i < weights.length; i++) variance += weights[i] * (particles[i * d + k] - mean) ** 2;
    return { name: p.name, mean, sd: Math.sqrt(variance) };
  });
}

export interface RunAbcOptions extends AbcOptions {
  /** Generations to run, generation 0 included. */
  generations: number;
  /** Stop after the first generation whose ε is at or below this (default 0: once simulations match exactly). */
  minEpsilon?: number;
  /**
   * Stop once this many simulations have run; the last complete generation is the result. Default: no
   * limit, which a tolerance the simulator cannot reach turns into a run without end, unless
   * minAcceptanceRate ends it.
   */
  maxSimulations?: number;
  /**
   * Give up a generation once its acceptance rate can no longer reach this (more than N / rate
   * candidates without N accepted); the last complete generation is the result. Default 0: never.
   * The tolerance has then reached what the model's noise allows, and more simulations buy little.
   */
  minAcceptanceRate?: number;
}

/** Why a run stopped: the generations asked for, ε reached, the budget spent, or acceptance too rare. */
export type AbcStop = 'generations' | 'minEpsilon' | 'maxSimulations' | 'minAcceptanceRate';

export interface AbcResult {
  /** The last complete generation: the posterior. */
  population: AbcPopulation;
  /** Every complete generation, in order. */
  populations: AbcPopulation[];
  diagnostics: AbcDiagnostics[];
  simulations: number;
  stop: AbcStop;
  /** The state after the last generation, to continue from. */
  state: AbcState;
}

/**
 * Runs ABC-SMC in this thread: for tests and small problems. `simulate(theta, seed)` returns the
 * summary statistics of one simulation at parameters theta (in the prior's order and units), drawing
 * its randomness from `seed` alone. Batches are sized from the acceptance rate so far; the result does
 * not depend on them (see proposeCandidates), only how many surplus simulations run.
 *
 * @example
 * ```ts
 * // A statistic that is mu plus uniform noise of width 0.2, observed at 1.5.
 * const simulate = (theta: Float64Array, seed: number) => [theta[0] + 0.2 * (stream(seed, 'noise')() - 0.5)];
 * const result = runAbcSmc([{ name: 'mu', low: -10, high: 10 }], simulate, [1.5], [0.1], { populationSize: 200, generations: 6, seed: 1 });
 * posteriorMarginals(result.state.prior, result.population)[0].mean; // close to 1.5
 * ```
 */
export function runAbcSmc(
  prior: AbcPrior,
  simulate: (theta: Float64Array, seed: number) => ArrayLike<number>,
  observed: ArrayLike<number>,
  sds: ArrayLike<number>,
  options: RunAbcOptions,
): AbcResult {
  const { generations, minEpsilon = 0, maxSimulations = Number.POSITIVE_INFINITY, minAcceptanceRate = 0 } = options;
  if (!Number.isInteger(generations) || generations < 1) throw new RangeError(`ABC-SMC: generations must be a whole number >= 1, got ${generations}`);
  if (!(minAcceptanceRate >= 0 && minAcceptanceRate <= 1)) throw new RangeError(`ABC-SMC: minAcceptanceRate must be in [0, 1], got ${minAcceptanceRate}`);
  let state = startAbcSmc(prior, options);
  const d = prior.length;
  const N = state.populationSize;
  const candidateLimit = minAcceptanceRate > 0 ? Math.ceil(N / minAcceptanceRate) : Number.POSITIVE_INFINITY;
  const populations: AbcPopulation[] = [];
  let simulations = 0;
  let stop: AbcStop = 'generations';
  while (state.generation < generations) {
    const parameters: number[] = [];
    const distances: number[] = [];
    let accepted = 0;
    let run = 0;
    while (accepted < N) {
      if (simulations >= maxSimulations || run >= candidateLimit) break;
      // Ask for what the acceptance rate so far says will be enough, the previous generation's rate at first.
      const rate = run > 0 && accepted > 0 ? accepted / run : (state.diagnostics.at(-1)?.acceptanceRate ?? 1);
      const count = Math.min(Math.ceil((N - accepted) / rate), maxSimulations - simulations, candidateLimit - run);
      const batch = proposeCandidates(state, run, count);
      for (let c = 0; c < count; c++) {
        const theta = batch.parameters.subarray(c * d, (c + 1) * d);
        const distance = standardisedDistance(simulate(theta, batch.seeds[c]), observed, sds);
        parameters.push(...theta);
        distances.push(distance);
        if (distance <= state.epsilon) accepted++;
      }
      run += count;
      simulations += count;
    }
    if (accepted < N) {
      stop = simulations >= maxSimulations ? 'maxSimulations' : 'minAcceptanceRate';
      break;
    }
    state = acceptGeneration(state, Float64Array.from(parameters), distances, run);
    const population = state.previous as AbcPopulation;
    populations.push(population);
    if (population.epsilon <= minEpsilon) {
      stop = 'minEpsilon';
      break;
    }
  }
  if (populations.length === 0) throw new RangeError(`ABC-SMC: generation 0 did not reach ${N} particles (${stop}): nothing to return`);
  return { population: populations[populations.length - 1], populations, diagnostics: state.diagnostics, simulations, stop, state };
}
