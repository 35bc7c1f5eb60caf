/**
 * Explaining a difference: how much of the change from scenario a to scenario b each component
 * causes, as Shapley values. A component is a block in which the two scenarios differ (each policy
 * under `policies`, and population, behaviour, aiTool, incidents, people or agents), or a named group
 * of blocks. Every combination of components (a with those components taken from b) is run for every
 * seed; seed s of every combination shares its random streams (common random numbers), so the
 * Shapley values are computed seed by seed, add up exactly to that seed's difference b − a, and their
 * mean and 95% interval are taken over seeds. Above `exactUpTo` components the values are estimated
 * from sampled orders, different for each seed, with their sampling error stated.
 *
 * With a posterior, every job also runs with seed s drawing its parameters from it: the same particle
 * for the reference, the scenario and every combination in between, so that each seed's values stay
 * a game of the same organisation under the same assumptions. Those runs give each contribution a
 * second interval, the spread of the seeds' contributions (`spread`, as `compare --posterior` gives
 * differences), which covers the uncertain assumptions as well as chance.
 *
 * Three steps, so that a browser can schedule the runs itself: `planExplain` (pure) lists the runs,
 * `runExplainJob` does one, `attribute` (pure) turns their outcomes into the table; `explain` does
 * all three, on a pool of worker threads in Node.
 */
import { scenarioFields, type Scenario } from '../scenario/schema.ts';
import { suggest } from '../scenario/suggest.ts';
import { DEFAULT_MODEL, modelOf, validateScenario, type Model } from '../sim/model.ts';
import { stream } from '../sim/random.ts';
import { KEY_OUTCOMES, type Outcome } from './compare.ts';
import type { Output } from './plan.ts';
import { runPool } from './pool.ts';
import {
  exactShapley,
  grandCoalition,
  pairInteraction,
  permutationCoalitions,
  permutationShapley,
  samplePermutations,
  smallCoalitions,
  type Game,
} from './shapley.ts';
import { runOutputsOf } from './sweep.ts';
import { particleOf, scenarioWithParticle, type Posterior } from './posterior.ts';
import { interval, spread, type Interval } from './summary.ts';

/** Up to this many components, every combination is run (2^8 = 256 per seed); above, orders are sampled. */
export const EXACT_UP_TO = 8;
/** Orders sampled per seed above `EXACT_UP_TO` components: with 20 seeds, 640 orders in all. */
export const DEFAULT_PERMUTATIONS = 32;
export const MAX_PERMUTATIONS = 10_000;
/** A scenario has 10 blocks; more components than this can only come from a caller's mistake. */
export const MAX_COMPONENTS = 20;
/** The name of the random stream of sampled orders (with each seed). */
const PERMUTATION_STREAM = 'explain/permutations';
/** An interaction smaller than this share of the whole difference is not worth a note, however clear. */
export const NOTABLE_SHARE_OF_DIFFERENCE = 0.02;
/** Fields of a scenario that say what it is called, not what it simulates. */
const NOT_SIMULATED = new Set(['$schema', 'name', 'description', 'extends']);

/** A mistake in what was asked (identical scenarios, an unknown component...): the CLI prints it as one line. */
export class ExplainError extends Error {
  override name = 'ExplainError';
}

/** A component: a name and the scenario blocks it takes from b (`policies.quota`, `population`, `agents`). */
export interface Component {
  name: string;
  blocks: string[];
}

/** Every block a component can be made of, the model's policies first: `policies.review`, ..., `people`, `agents`. */
export function componentBlocks(model: Model = DEFAULT_MODEL): string[] {
  const policies = model.policies.map((p) => `policies.${p.name}`);
  const others = Object.keys(scenarioFields).filter((key) => !NOT_SIMULATED.has(key) && key !== 'weeks');
  return [...policies, ...others];
}

/** The name a block goes by in `--components` and in tables: its last key (`quota`, `population`). */
export function blockName(block: string): string {
  return block.slice(block.lastIndexOf('.') + 1);
}

function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const key of path.split('.')) value = (value as Record<string, unknown>)[key];
  return value;
}

/** Equality of plain data (what a validated scenario is made of), whatever the order of keys. */
function sameData(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const keysX = Object.keys(x);
  const keysY = Object.keys(y);
  if (keysX.length !== keysY.length) return false;
  return keysX.every((k) => Object.hasOwn(y, k) && sameData((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k]));
}

/** The blocks in which two scenarios differ, in the order of `componentBlocks`. */
export function differingBlocks(a: Scenario, b: Scenario): string[] {
  if (a.weeks !== b.weeks) {
    throw new ExplainError(
      `${a.name} runs ${a.weeks} weeks and ${b.name} ${b.weeks}: whole-run outcomes over different horizons cannot be attributed to policies; give both the same weeks (--weeks)`,
    );
  }
  return componentBlocks(modelOf(a)).filter((block) => !sameData(valueAt(a, block), valueAt(b, block)));
}

const GROUP_NAME = /^[A-Za-z][\w.-]*$/;

/**
 * The components: `specs` group or rename blocks (`incentives=quota+leaderboard`, `bot=deployment`;
 * several per string, separated by commas); every differing block not named there is a component of
 * its own, named after the block. Groups come first, in the order given.
 */
export function resolveComponents(differing: readonly string[], specs: readonly string[] = [], model: Model = DEFAULT_MODEL): Component[] {
  const byName = new Map(differing.map((block) => [blockName(block), block]));
  const available = [...byName.keys()];
  const allNames = componentBlocks(model).map(blockName);
  const used = new Set<string>();
  const groups: Component[] = [];
  for (const spec of specs.flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '')) {
    const eq = spec.indexOf('=');
    const name = (eq >= 0 ? spec.slice(0, eq) : spec).trim();
    const members = (eq >= 0 ? spec.slice(eq + 1) : spec).split('+').map((m) => m.trim());
    if (!GROUP_NAME.test(name)) {
      throw new ExplainError(`--components: ${JSON.stringify(spec)} needs name=block+block (a name of letters, digits, "_", "." or "-", starting with a letter), e.g. incentives=quota+leaderboard`);
    }
    const blocks = members.map((member) => {
      const block = byName.get(member);
      if (block === undefined) {
        const near = suggest(member, allNames);
        const hint = near ? ` (did you mean "${near}"?)` : '';
        const why = allNames.includes(member) ? `is the same in both scenarios` : `is not a component${hint}`;
        throw new ExplainError(`--components: ${JSON.stringify(member || spec)} ${why}; the scenarios differ in: ${available.join(', ')}`);
      }
      if (used.has(block)) throw new ExplainError(`--components: ${member} is in two components; put each block in one`);
      used.add(block);
      return block;
    });
    if (groups.some((g) => g.name === name)) throw new ExplainError(`--components: two components are named ${name}`);
    groups.push({ name, blocks });
  }
  const rest = differing.filter((block) => !used.has(block)).map((block) => ({ name: blockName(block), blocks: [block] }));
  for (const single of rest) {
    if (groups.some((g) => g.name === single.name)) {
      throw new ExplainError(`--components: the name ${single.name} is taken by the block of that name, which is not in the group; choose another name`);
    }
  }
  return [...groups, ...rest];
}

/** The scenario with a's values except the blocks of the coalition's components, which come from b. */
export function coalitionScenario(a: Scenario, b: Scenario, components: readonly Component[], coalition: number): Scenario {
  const raw = structuredClone(a) as unknown as Record<string, unknown>;
  components.forEach((component, i) => {
    if ((coalition & (2 ** i)) === 0) return;
    for (const block of component.blocks) {
      const keys = block.split('.');
      const parent = keys.slice(0, -1).reduce((o, k) => o[k] as Record<string, unknown>, raw);
      parent[keys[keys.length - 1]] = structuredClone(valueAt(b, block));
    }
  });
  return validateScenario(raw, modelOf(a));
}

/** How to explain a difference: seeds, which components, exact or sampled orders, and the outcomes attributed. */
export interface ExplainOptions {
  /** Seeds (default 20), consecutive from `firstSeed` (default 1). */
  seeds?: number;
  firstSeed?: number;
  /** Groups or names of components, e.g. `['incentives=quota+leaderboard']`. */
  components?: readonly string[];
  /** Most components for which every combination is run (default 8). */
  exactUpTo?: number;
  /** Orders sampled per seed above `exactUpTo` components (default 32). */
  permutations?: number;
  /** Outcomes attributed (default the key outcomes). */
  outcomes?: readonly Outcome[];
  /**
   * Parameters drawn from a posterior: every job runs a second time with seed s's particle (the
   * same in every combination), and each contribution gets a second interval, `withAssumptions`.
   */
  posterior?: Posterior;
}

/** One simulation: a coalition of components with one seed, at the scenarios' own parameters or a posterior's particle. */
export interface ExplainJob {
  coalition: number;
  seed: number;
  /** The row of the posterior the run takes its parameters from (the one the seed draws); absent: the scenarios' own values. */
  particle?: number;
}

/** Everything the runs of an explanation need, and nothing that depends on how they are run. */
export interface ExplainPlan {
  a: Scenario;
  b: Scenario;
  components: Component[];
  method: 'exact' | 'sampled';
  seeds: number[];
  /** Sampled only: per seed, the orders of components drawn for it. */
  orders?: Int32Array[][];
  outputs: Output[];
  outcomes: Outcome[];
  /** With a posterior: it, and per seed the particle that seed draws (`particleOf`). */
  posterior?: Posterior;
  particles?: number[];
  /** Coalition-major, then seed; with a posterior, the same again with each seed's particle. */
  jobs: ExplainJob[];
}

/** Lists the runs: every coalition (or those the sampled orders and the pairwise interactions need) for every seed. */
export function planExplain(a: Scenario, b: Scenario, options: ExplainOptions = {}): ExplainPlan {
  const differing = differingBlocks(a, b);
  if (differing.length === 0) {
    throw new ExplainError(`${a.name} and ${b.name} do not differ in any simulated block (${componentBlocks(modelOf(a)).map(blockName).join(', ')}): there is no difference to explain`);
  }
  if (modelOf(a) !== modelOf(b)) throw new ExplainError(`${a.name} and ${b.name} were loaded with different models: load both with the same one`);
  const components = resolveComponents(differing, options.components, modelOf(a));
  const k = components.length;
  if (k > MAX_COMPONENTS) throw new ExplainError(`${k} components is more than the ${MAX_COMPONENTS} an explanation can handle; group some with --components`);
  const seedCount = options.seeds ?? 20;
  const first = options.firstSeed ?? 1;
  if (!Number.isInteger(seedCount) || seedCount < 1) throw new ExplainError(`seeds must be a whole number of at least 1, got ${seedCount}`);
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  if (!Number.isInteger(permutations) || permutations < 1 || permutations > MAX_PERMUTATIONS) {
    throw new ExplainError(`permutations must be a whole number from 1 to ${MAX_PERMUTATIONS}, got ${permutations}`);
  }
  const seeds = Array.from({ length: seedCount }, (_, s) => first + s);
  const method = k <= (options.exactUpTo ?? EXACT_UP_TO) ? 'exact' : 'sampled';
  const outcomes = [...(options.outcomes ?? KEY_OUTCOMES)];
  const outputs = outcomes.map((o) => ({ column: o.key, metric: o.metric, over: o.over }));
  const orders = method === 'sampled' ? seeds.map((seed) => samplePermutations(k, permutations, stream(seed, PERMUTATION_STREAM))) : undefined;
  const coalitions = orders
    ? [...new Set(orders.flatMap((seedOrders) => [...permutationCoalitions(seedOrders), ...smallCoalitions(k)]))].sort((x, y) => x - y)
    : Array.from({ length: grandCoalition(k) + 1 }, (_, c) => c);
  const needed = orders?.map((seedOrders) => new Set([...permutationCoalitions(seedOrders), ...smallCoalitions(k)]));
  const central: ExplainJob[] = [];
  for (const coalition of coalitions) {
    seeds.forEach((seed, s) => {
      if (!needed || needed[s].has(coalition)) central.push({ coalition, seed });
    });
  }
  const { posterior } = options;
  const particles = posterior && seeds.map((seed) => particleOf(posterior, seed));
  const drawn = particles ? central.map((job) => ({ ...job, particle: particles[seeds.indexOf(job.seed)] })) : [];
  // Each combination is validated before any run, with each particle drawn, so that none fails half-way.
  for (const coalition of coalitions) {
    const scenario = coalitionScenario(a, b, components, coalition);
    for (const particle of new Set(particles)) scenarioWithParticle(scenario, posterior!, particle);
  }
  return { a, b, components, method, seeds, orders, outputs, outcomes, ...(particles && { posterior, particles }), jobs: [...central, ...drawn] };
}

/** What a worker needs of the plan (sent once per worker). */
export interface ExplainWorkerPlan {
  a: Scenario;
  b: Scenario;
  components: Component[];
  outputs: Output[];
  /** The posterior the jobs' particles are rows of, when there is one. */
  posterior?: Posterior;
}

/** The scenario a job runs: its coalition's, with its particle's parameters when it has one. */
function jobScenario(plan: ExplainWorkerPlan, job: ExplainJob): Scenario {
  const scenario = coalitionScenario(plan.a, plan.b, plan.components, job.coalition);
  if (job.particle === undefined) return scenario;
  if (!plan.posterior) throw new Error(`explain: a job draws particle ${job.particle}, but the plan has no posterior`);
  return scenarioWithParticle(scenario, plan.posterior, job.particle);
}

/** Runs one job: the coalition's scenario (with its particle's parameters) with the job's seed, reduced to the plan's outcomes. */
export function runExplainJob(plan: ExplainWorkerPlan, job: ExplainJob): number[] {
  return runOutputsOf(jobScenario(plan, job), plan.outputs, job.seed);
}

/**
 * The explanation's kind of job, for a worker thread (src/experiment/worker.ts) or the calling
 * thread: each combination's scenario is built once (validating one costs about 1% of a run).
 */
export function explainJobs(plan: ExplainWorkerPlan): (job: ExplainJob) => number[] {
  const scenarios = new Map<string, Scenario>();
  return (job) => {
    const key = `${job.coalition}/${job.particle ?? ''}`;
    let scenario = scenarios.get(key);
    if (!scenario) scenarios.set(key, (scenario = jobScenario(plan, job)));
    return runOutputsOf(scenario, plan.outputs, job.seed);
  };
}

/** The key of a job's result in the map `attribute` reads. */
export function jobKey(job: ExplainJob): string {
  return job.particle === undefined ? `${job.coalition}/${job.seed}` : `${job.coalition}/${job.seed}/${job.particle}`;
}

/** A component's share of the difference in one outcome. */
export interface Contribution {
  component: string;
  blocks: string[];
  /** The Shapley value: mean over seeds and 95% interval. */
  shapley: Interval;
  /** The standard error of the mean that comes from sampling orders (0 when exact). */
  samplingError: number;
  /** The one-at-a-time effect: a with only this component from b, minus a. */
  alone: Interval;
  /**
   * With a posterior: the Shapley value with each seed's parameters drawn from it, as the mean and
   * central 95% of the seeds' values (`spread`): the assumptions' uncertainty and chance together.
   */
  withAssumptions?: Interval;
}

/** What two components do together beyond the sum of each alone (on top of a). */
export interface Interaction {
  components: [string, string];
  interaction: Interval;
  alone: [Interval, Interval];
  /**
   * Worth a note: clearly not 0 (its interval excludes 0), larger than the one-at-a-time effect of one
   * of the two, and at least 2% of the whole difference.
   */
  notable: boolean;
}

/** One outcome's difference split among the components, with what is left to interactions. */
export interface OutcomeAttribution {
  outcome: string;
  label: string;
  unit: string;
  /** The outcome under a, under b, and the paired difference b − a. */
  baseline: Interval;
  target: Interval;
  difference: Interval;
  contributions: Contribution[];
  /** The sum of the contributions' means: equals `difference.mean` (efficiency). */
  sum: number;
  /** The largest gap, over seeds, between the sum of that seed's Shapley values and its difference (rounding only). */
  efficiencyGap: number;
  interactions: Interaction[];
  /** With a posterior: the difference b − a with each seed's parameters drawn from it, as the mean and central 95% of the seeds' differences. */
  withAssumptions?: { difference: Interval };
}

/** The Shapley attribution of the differences between two scenarios, outcome by outcome, with the components' pair interactions. */
export interface Explanation {
  /** The reference (a) and the scenario explained (b). */
  against: string;
  scenario: string;
  components: Component[];
  method: 'exact' | 'sampled';
  /** Sampled only: orders per seed. */
  permutations?: number;
  seeds: number[];
  /** Simulations run. */
  runs: number;
  outcomes: OutcomeAttribution[];
  /** With a posterior: the particle (a row of posterior.csv, from 0) each seed drew, in every combination alike. */
  particles?: number[];
}

/** The table: per outcome, each component's Shapley value over seeds, from each job's outcomes. */
export function attribute(plan: ExplainPlan, results: ReadonlyMap<string, readonly number[]>): Explanation {
  const k = plan.components.length;
  const all = grandCoalition(k);
  const valueOf = (seed: number, output: number, particle?: number): Game => (coalition) => {
    const outputs = results.get(jobKey({ coalition, seed, particle }));
    if (!outputs) throw new Error(`explain: no result for coalition ${coalition} with seed ${seed}${particle === undefined ? '' : ` and particle ${particle}`}`);
    return outputs[output];
  };
  const shapleyOf = (v: Game, s: number) => (plan.orders ? permutationShapley(k, plan.orders[s], v) : { values: exactShapley(k, v), standardErrors: new Float64Array(k) });
  const outcomes = plan.outcomes.map((outcome, o): OutcomeAttribution => {
    const games = plan.seeds.map((seed) => valueOf(seed, o));
    const differences = games.map((v) => v(all) - v(0));
    const perSeed = games.map(shapleyOf);
    // Seed s's game with its particle's parameters, over the same sampled orders as its central game.
    const drawnGames = plan.particles && plan.seeds.map((seed, s) => valueOf(seed, o, plan.particles![s]));
    const drawnPerSeed = drawnGames?.map(shapleyOf);
    const efficiencyGap = Math.max(...perSeed.map((e, s) => Math.abs(e.values.reduce((x, y) => x + y, 0) - differences[s])));
    const alone = plan.components.map((_, i) => interval(games.map((v) => v(2 ** i) - v(0))));
    const contributions = plan.components.map((component, i): Contribution => {
      const variance = perSeed.reduce((sum, e) => sum + e.standardErrors[i] ** 2, 0);
      return {
        component: component.name,
        blocks: component.blocks,
        shapley: interval(perSeed.map((e) => e.values[i])),
        samplingError: Math.sqrt(variance) / plan.seeds.length,
        alone: alone[i],
        ...(drawnPerSeed && { withAssumptions: spread(drawnPerSeed.map((e) => e.values[i])) }),
      };
    });
    const difference = interval(differences);
    const interactions: Interaction[] = [];
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        const both = interval(games.map((v) => pairInteraction(v, i, j)));
        const clear = both.lo > 0 || both.hi < 0;
        const larger = Math.abs(both.mean) > Math.min(Math.abs(alone[i].mean), Math.abs(alone[j].mean));
        const material = Math.abs(both.mean) >= NOTABLE_SHARE_OF_DIFFERENCE * Math.abs(difference.mean);
        const notable = clear && larger && material;
        interactions.push({ components: [plan.components[i].name, plan.components[j].name], interaction: both, alone: [alone[i], alone[j]], notable });
      }
    }
    return {
      outcome: outcome.key,
      label: outcome.label,
      unit: outcome.unit,
      baseline: interval(games.map((v) => v(0))),
      target: interval(games.map((v) => v(all))),
      difference,
      contributions,
      sum: contributions.reduce((s, c) => s + c.shapley.mean, 0),
      efficiencyGap,
      interactions,
      ...(drawnGames && { withAssumptions: { difference: spread(drawnGames.map((v) => v(all) - v(0))) } }),
    };
  });
  return {
    against: plan.a.name,
    scenario: plan.b.name,
    components: plan.components,
    method: plan.method,
    ...(plan.orders ? { permutations: plan.orders[0].length } : {}),
    seeds: plan.seeds,
    runs: plan.jobs.length,
    outcomes,
    ...(plan.particles && { particles: plan.particles }),
  };
}

/** How an explain plan's runs are carried out: worker threads and progress. */
export interface RunExplainOptions {
  /** Worker threads (default 1); 0 runs every job in this thread (e.g. in a browser's own worker). */
  workers?: number;
  /** Called after each finished run with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** Runs a plan's jobs and attributes: the result does not depend on the number of workers. */
export async function runExplain(plan: ExplainPlan, options: RunExplainOptions = {}): Promise<Explanation> {
  const results = new Map<string, number[]>();
  const total = plan.jobs.length;
  const workerPlan: ExplainWorkerPlan = { a: plan.a, b: plan.b, components: plan.components, outputs: plan.outputs, ...(plan.posterior && { posterior: plan.posterior }) };
  // Worker threads know the built-in policies only: a model with policies of its own runs here.
  const ownPolicies = modelOf(plan.a) !== DEFAULT_MODEL;
  await runPool<ExplainJob, number[]>({
    task: 'explain',
    plan: workerPlan,
    workers: ownPolicies ? 0 : (options.workers ?? 1),
    jobs: plan.jobs,
    runHere: explainJobs(workerPlan),
    onResult: (job, outputs) => {
      results.set(jobKey(job), outputs);
      options.onProgress?.(results.size, total);
    },
  });
  return attribute(plan, results);
}

/**
 * Explains the difference b − a: the Shapley value of each component for each key outcome, with 95%
 * intervals over seeds (and, with `posterior`, a second interval over its draws and the seeds).
 *
 * @example
 * ```ts
 * const table = await explain(loadScenario('scenarios/baseline.yaml'), loadScenario('scenarios/meshclaw.yaml'), { seeds: 20, workers: 2 });
 * console.log(table.outcomes[0].contributions);
 * ```
 */
export async function explain(a: Scenario, b: Scenario, options: ExplainOptions & RunExplainOptions = {}): Promise<Explanation> {
  return runExplain(planExplain(a, b, options), options);
}
