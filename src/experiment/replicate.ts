/**
 * Replications: one scenario run for several seeds. Seeds are consecutive from `firstSeed`, so the
 * k-th run of two scenarios shares its random streams (common random numbers).
 */
import type { Scenario } from '../scenario/schema.ts';
import type { WeekContext } from '../sim/context.ts';
import { DEFAULT_MODEL, modelOf } from '../sim/model.ts';
import { simulate, type RunResult, type SimulationOptions } from '../sim/run.ts';
import { runPool } from './pool.ts';
import { particleOf, scenarioWithParticle, type Posterior } from './posterior.ts';

/** The active engineers at the final week of one run: what distribution and scatter charts show. */
export interface AgentSnapshot {
  seed: number;
  tokens: Float64Array;
  output: Float64Array;
  strategy: Uint8Array;
  /** The highest usage target any engineer had in the final week (a quota's target), if any had one. */
  usageTarget?: number;
}

/** How many seeds, from which first seed, progress, and whether to keep the final week's engineers; and those of one run. */
export interface ReplicateOptions extends SimulationOptions {
  /** Number of seeds (default 1). */
  seeds?: number;
  /** First seed (default 1). */
  firstSeed?: number;
  /** Called after each finished run with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Keep the engineers of the first seed's final week (`ScenarioResult.snapshot`). */
  snapshot?: boolean;
  /**
   * Parameters drawn from a posterior: seed k runs with the particle seed k draws (the same for
   * every scenario, so that differences stay paired), instead of the scenario's own values.
   */
  posterior?: Posterior;
}

/** A scenario's runs, one per seed, and its final week's engineers if asked for. */
export interface ScenarioResult {
  scenario: Scenario;
  seeds: number[];
  runs: RunResult[];
  /** The first seed's engineers at the final week, when asked for. */
  snapshot?: AgentSnapshot;
  /** With a posterior: the particle each seed ran with (a row of posterior.csv, from 0). */
  particles?: number[];
  /** With a posterior: the posterior the particles are rows of. */
  posterior?: Posterior;
  /**
   * The same scenario and seeds run with parameters drawn from a posterior (the command line's
   * `--posterior`), beside these runs at the scenario's own values: its intervals cover the
   * assumptions as well as chance.
   */
  withAssumptions?: ScenarioResult;
}

function takeSnapshot(seed: number, ctx: WeekContext): AgentSnapshot {
  const { pop, signals } = ctx;
  let count = 0;
  for (let i = 0; i < pop.size; i++) count += pop.active[i];
  let target = 0;
  if (signals.anyUsageTarget) for (let i = 0; i < pop.size; i++) if (pop.active[i] !== 0) target = Math.max(target, signals.usageTarget[i]);
  const snapshot: AgentSnapshot = { seed, tokens: new Float64Array(count), output: new Float64Array(count), strategy: new Uint8Array(count) };
  if (target > 0) snapshot.usageTarget = target;
  for (let i = 0, j = 0; i < pop.size; i++) {
    if (pop.active[i] === 0) continue;
    snapshot.tokens[j] = pop.tokens[i];
    snapshot.output[j] = pop.output[i];
    snapshot.strategy[j++] = pop.strategy[i];
  }
  return snapshot;
}

/**
 * Runs a scenario for several seeds.
 *
 * @example
 * ```ts
 * const result = runScenario(loadScenario('scenarios/baseline.yaml'), { seeds: 10 });
 * console.log(result.runs[0].metrics.realOutput);
 * ```
 */
export function runScenario(scenario: Scenario, options: ReplicateOptions = {}): ScenarioResult {
  const count = options.seeds ?? 1;
  const first = options.firstSeed ?? 1;
  const seeds = Array.from({ length: count }, (_, k) => first + k);
  const runs: RunResult[] = [];
  let snapshot: AgentSnapshot | undefined;
  const lastWeek = scenario.weeks - 1;
  const { posterior } = options;
  const particles = posterior && seeds.map((seed) => particleOf(posterior, seed));
  for (const [k, seed] of seeds.entries()) {
    const drawn = particles ? scenarioWithParticle(scenario, posterior!, particles[k]) : scenario;
    const keep = options.snapshot && runs.length === 0;
    const onWeek: SimulationOptions['onWeek'] = keep
      ? (t, ctx) => {
          options.onWeek?.(t, ctx);
          if (t === lastWeek) snapshot = takeSnapshot(seed, ctx);
        }
      : options.onWeek;
    runs.push(simulate(drawn, seed, { ...options, onWeek }));
    options.onProgress?.(runs.length, count);
  }
  return particles ? { scenario, seeds, runs, snapshot, particles, posterior } : { scenario, seeds, runs, snapshot };
}

/** One run of `runReplications`, as the worker pool's job: a scenario (by index), a seed, and with a posterior the particle it draws. */
export interface ReplicationJob {
  scenario: number;
  seed: number;
  particle?: number;
  /** Keep the final week's engineers. */
  snapshot: boolean;
}

/** What every replication job shares (sent once to each worker). */
export interface ReplicationPlan {
  scenarios: Scenario[];
  posterior?: Posterior;
  /** Each thread has enough to do that a small run first pays (settleThread). */
  settle?: boolean;
}

/** A replication job's result: a RunResult without its metric definitions (the model's, which the main thread has). */
export interface ReplicationOutcome {
  seed: number;
  weeks: number;
  metrics: RunResult['metrics'];
  snapshot?: AgentSnapshot;
}

/**
 * The run that settles a thread: few engineers, through the weeks where a scenario's policies start
 * and its reviews come round (the mandate's start, four review cycles in a year).
 */
const SETTLING_AGENTS = 20;
const SETTLING_WEEKS = 52;
/**
 * Work per thread from which settling pays (engineer-weeks): measured whole-process on Node 20, it
 * cost 30 ms of a one-seed run of 1,000 engineers × 52 weeks, broke even at 2,000 engineers and saved
 * 30 ms at 4,000 and 70 ms at 10,000 (docs/PERFORMANCE.md, seventh pass).
 */
const SETTLING_FROM_AGENT_STEPS = 100_000;

/**
 * A run too small to matter, before a thread's first real run, its result thrown away; runs share
 * nothing, so no result changes. Its weeks take the branches the real runs' weeks take (the
 * mandate's start, reviews), so that V8 optimises the week's functions having seen them, rather than
 * during the first long run, where each branch taken for the first time sent functions back to the
 * interpreter, which allocates every number it computes. And on Node 20 and 22 (not 24), the second
 * time an object literal runs, V8 gives its objects a more general layout and discards the optimised
 * code of every function that read the first: without this, each thread's second run compiled about
 * 25 of the week's functions again.
 */
function settleThread(scenario: Scenario): void {
  simulate({ ...scenario, agents: SETTLING_AGENTS, weeks: Math.min(scenario.weeks, SETTLING_WEEKS) }, 0, { model: modelOf(scenario) });
}

/** The job runner of `runReplications`, the same in a worker thread and in the calling thread. */
export function replicationJobs(plan: ReplicationPlan): (job: ReplicationJob) => ReplicationOutcome {
  if (plan.settle) for (const scenario of plan.scenarios) settleThread(scenario);
  return (job) => {
    const scenario = plan.scenarios[job.scenario];
    const drawn = job.particle === undefined ? scenario : scenarioWithParticle(scenario, plan.posterior!, job.particle);
    const lastWeek = scenario.weeks - 1;
    let snapshot: AgentSnapshot | undefined;
    const onWeek: SimulationOptions['onWeek'] = job.snapshot ? (t, ctx) => void (t === lastWeek && (snapshot = takeSnapshot(job.seed, ctx))) : undefined;
    const { seed, weeks, metrics } = simulate(drawn, job.seed, { onWeek });
    return snapshot ? { seed, weeks, metrics, snapshot } : { seed, weeks, metrics };
  };
}

/** How `runReplications` runs: `runScenario`'s seeds, snapshot and posterior, and the threads. */
export interface ReplicationsOptions {
  seeds: number;
  firstSeed: number;
  /** Keep the engineers of each scenario's first seed's final week. */
  snapshot?: boolean;
  /** Also run every scenario with seed k drawing particle `particleOf(posterior, k)`: its `withAssumptions`. */
  posterior?: Posterior;
  /** Worker threads; 0 runs in the calling thread, as does a scenario of a model with policies of the user's own, which threads cannot load. */
  workers: number;
  /** Called after each finished run with the number done and the scenario's label. */
  onProgress?: (done: number, label: string) => void;
}

/**
 * Several scenarios' replications, with and without a posterior, on the worker pool: the same
 * results, to the byte, as `runScenario` on each scenario in turn (then again with the posterior,
 * as `withAssumptions`), whatever the number of workers or the order in which runs finish.
 */
export async function runReplications(scenarios: Scenario[], options: ReplicationsOptions): Promise<ScenarioResult[]> {
  const { seeds: count, firstSeed, posterior } = options;
  const seeds = Array.from({ length: count }, (_, k) => firstSeed + k);
  const particles = posterior && seeds.map((seed) => particleOf(posterior, seed));
  const jobs: ReplicationJob[] = [];
  scenarios.forEach((_, scenario) => {
    seeds.forEach((seed, k) => jobs.push({ scenario, seed, snapshot: options.snapshot === true && k === 0 }));
    if (particles) seeds.forEach((seed, k) => jobs.push({ scenario, seed, particle: particles[k], snapshot: false }));
  });
  const ownPolicies = scenarios.some((s) => modelOf(s) !== DEFAULT_MODEL);
  const workers = ownPolicies ? 0 : options.workers;
  const agentSteps = jobs.reduce((sum, job) => sum + scenarios[job.scenario].agents * scenarios[job.scenario].weeks, 0);
  const threads = Math.max(1, Math.min(workers, jobs.length));
  const settle = agentSteps / threads >= SETTLING_FROM_AGENT_STEPS;
  const plan: ReplicationPlan = posterior ? { scenarios, posterior, settle } : { scenarios, settle };
  const outcomes: ReplicationOutcome[] = new Array(jobs.length);
  const index = new Map(jobs.map((job, k) => [job, k]));
  let done = 0;
  // Made at the first job run here, not before: on threads, the main thread would settle for nothing.
  let runHere: ((job: ReplicationJob) => ReplicationOutcome) | undefined;
  await runPool<ReplicationJob, ReplicationOutcome>({
    task: 'replicate',
    plan,
    workers,
    jobs,
    runHere: (job) => (runHere ??= replicationJobs(plan))(job),
    onResult: (job, outcome) => {
      outcomes[index.get(job)!] = outcome;
      const name = scenarios[job.scenario].name;
      options.onProgress?.(++done, job.particle === undefined ? name : `${name}, parameters from the posterior`);
    },
  });
  const runsOf = (from: number, scenario: Scenario): RunResult[] =>
    outcomes.slice(from, from + count).map(({ seed, weeks, metrics }) => ({ seed, weeks, metrics, definitions: modelOf(scenario).metrics }));
  const passes = posterior ? 2 : 1;
  return scenarios.map((scenario, s) => {
    const first = s * passes * count;
    const result: ScenarioResult = { scenario, seeds, runs: runsOf(first, scenario), snapshot: outcomes[first].snapshot };
    if (posterior) result.withAssumptions = { scenario, seeds, runs: runsOf(first + count, scenario), snapshot: undefined, particles, posterior };
    return result;
  });
}
