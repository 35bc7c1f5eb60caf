/**
 * Loading a scenario for a model: the loader of src/scenario (YAML, `extends`, overrides) with the
 * model's validation, which compiles the scenario's schedule once.
 */
import { loadScenarioWith, type ReadOptions } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';
import { DEFAULT_MODEL, validateScenario, type Model } from '../sim/model.ts';

/** How `loadScenario` reads a scenario: those of `ReadOptions`, and the model to validate with. */
export interface LoadOptions extends ReadOptions {
  /** The model to validate against: the built-in policies unless given (defineModel). */
  model?: Model;
}

/**
 * Loads a scenario from a file path (in Node), YAML text, or an object, resolving `extends`,
 * applying overrides, validating and compiling it.
 *
 * @example
 * ```ts
 * const scenario = loadScenario('scenarios/meshclaw.yaml', { set: ['policies.quota.target=800000'] });
 * const result = runScenario(scenario, { seeds: 5 });
 * ```
 */
export function loadScenario(source: string | Record<string, unknown>, options: LoadOptions = {}): Scenario {
  const model = options.model ?? DEFAULT_MODEL;
  return loadScenarioWith({ schema: model.schema, validate: (raw) => validateScenario(raw, model) }, source, options);
}
