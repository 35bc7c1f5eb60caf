/**
 * Replications: one scenario run for several seeds. Seeds are consecutive from `firstSeed`, so the
 * k-th run of two scenarios shares its random streams (common random numbers).
 */
import type { Scenario } from '../scenario/schema.ts';
import { simulate, type RunResult, type SimulationOptions } from '../sim/run.ts';

export interface ReplicateOptions extends SimulationOptions {
  /** Number of seeds (default 1). */
  seeds?: number;
  /** First seed (default 1). */
  firstSeed?: number;
  /** Called after each finished run with the number done and the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface ScenarioResult {
  scenario: Scenario;
  seeds: number[];
  runs: RunResult[];
}

/**
 * Runs a scenario for several seeds.
 *
 * @example
 * const result = runScenario(loadScenario('scenarios/baseline.yaml'), { seeds: 10 });
 * console.log(result.runs[0].metrics.realOutput);
 */
export function runScenario(scenario: Scenario, options: ReplicateOptions = {}): ScenarioResult {
  const count = options.seeds ?? 1;
  const first = options.firstSeed ?? 1;
  const seeds = Array.from({ length: count }, (_, k) => first + k);
  const runs: RunResult[] = [];
  for (const seed of seeds) {
    runs.push(simulate(scenario, seed, options));
    options.onProgress?.(runs.length, count);
  }
  return { scenario, seeds, runs };
}
