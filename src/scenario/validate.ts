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
  // jitless: zod would otherwise write and compile a parser of its own for each object of the
  // schema on first use, which costs more than the few checks a command makes (tens of
  // milliseconds of every start, and of every worker thread's). The result is the same.
  const result = schema.safeParse(raw, { reportInput: true, jitless: true });
  if (!result.success) throw problemsError(result.error, raw, { schema });
  return result.data as Scenario;
}
