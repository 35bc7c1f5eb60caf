/**
 * Validation: a raw object (parsed YAML, merged with its parents and overrides) becomes a Scenario,
 * or a ScenarioError naming the field, the value and what is allowed (and carrying every other
 * problem found, for `goodhart validate`).
 */
import type { z } from 'zod';
import { show } from './errors.ts';
import { problemsError } from './problems.ts';
import type { Scenario } from './schema.ts';

export { show };

/**
 * Checks a raw scenario against a scenario schema (a model's: src/sim/model.ts, validateScenario) and
 * fills in its defaults; throws a ScenarioError for the first problem found, carrying the others.
 */
export function parseScenario(raw: unknown, schema: z.ZodType): Scenario {
  const result = schema.safeParse(raw, { reportInput: true });
  if (!result.success) throw problemsError(result.error, raw, { schema });
  return result.data as Scenario;
}
