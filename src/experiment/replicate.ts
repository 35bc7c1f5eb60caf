/**
 * Replications: one scenario run for several seeds. Seeds are consecutive from `firstSeed`, so the
 * k-th run of two scenarios shares its random streams (common random numbers).
 */
import type { Scenario } from '../scenario/schema.ts';
import type { WeekContext } from '../sim/context.ts';
import { simulate, type RunResult, type SimulationOptions } from '../sim/run.ts';
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
