/**
 * Validation: a raw object (parsed YAML, merged with its parents and overrides) becomes a Scenario,
 * or a ScenarioError naming the field, the value and what is allowed (and carrying every other
 * problem found, for `goodhart validate`).
 */
import { show } from './errors.ts';
import { problemsError } from './problems.ts';
import { compileSchedule } from './schedule.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

export { show };

/** Validates a raw scenario; throws a ScenarioError for the first problem found, carrying the others. */
export function validateScenario(raw: unknown): Scenario {
  const result = scenarioSchema.safeParse(raw, { reportInput: true });
  if (!result.success) throw problemsError(result.error, raw, { schema: scenarioSchema });
  // Expressions are range-checked over the run's weeks.
  compileSchedule(result.data.policies, result.data.weeks);
  return result.data;
}
