/**
 * A posterior over the model's uncertain parameters, as weighted particles (posterior.csv: a
 * `weight` column, then one column per parameter, named by its scenario path), and how runs carry
 * it: seed k of every scenario draws the same particle, so that the parameters, like the random
 * streams, are common to the scenarios compared and their differences stay paired.
 *
 * A run at seed k is then a draw from the posterior predictive: the spread of a difference over
 * seeds is the uncertainty of the assumptions and of chance together. Reading posterior.csv is
 * src/experiment/posterior-file.ts.
 */
import { ScenarioError } from '../scenario/errors.ts';
import type { Scenario } from '../scenario/schema.ts';
import { modelOf, validateScenario } from '../sim/model.ts';
import { stream } from '../sim/random.ts';

/** Weighted particles: row r's value of parameter c at `values[r * parameters.length + c]`. */
export interface Posterior {
  /** Scenario paths, e.g. `behaviour.gamingAversion`; a distribution's path sets its mean. */
  parameters: string[];
  values: Float64Array;
  /** Normalised: they sum to 1. */
  weights: Float64Array;
}

/** The name of the stream each seed draws its particle from: apart from every stream of a run. */
const POSTERIOR_STREAM = 'posterior';

/** The particle seed `seed` runs with: a draw by weight from the seed's own stream, the same for every scenario. */
export function particleOf(posterior: Posterior, seed: number): number {
  const u = stream(seed, POSTERIOR_STREAM)();
  const { weights } = posterior;
  let cumulative = 0;
  for (let r = 0; r < weights.length; r++) {
    cumulative += weights[r];
    if (u < cumulative) return r;
  }
  // Rounding can leave the cumulative sum a hair below 1: the last particle with weight takes the rest.
  let last = weights.length - 1;
  while (weights[last] === 0) last--;
  return last;
}

/** `scenario` with particle `row`'s values set, then checked (a distribution's path sets its mean). */
export function scenarioWithParticle(scenario: Scenario, posterior: Posterior, row: number): Scenario {
  const width = posterior.parameters.length;
  const raw = structuredClone(scenario) as unknown as Record<string, unknown>;
  posterior.parameters.forEach((path, c) => {
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce<Record<string, unknown> | undefined>((node, key) => node?.[key] as Record<string, unknown> | undefined, raw);
    const last = keys[keys.length - 1];
    if (parent === undefined || !(last in parent)) throw new ScenarioError(path, 'is not a field of the scenario; a posterior names parameters as goodhart params lists them');
    const current = parent[last];
    const value = posterior.values[row * width + c];
    if (current !== null && typeof current === 'object') (current as Record<string, unknown>).mean = value;
    else parent[last] = value;
  });
  const model = modelOf(scenario);
  return validateScenario(raw, model);
}
