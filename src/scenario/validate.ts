/**
 * Validation: a raw object (parsed YAML, merged with its parents and overrides) becomes a Scenario,
 * or a ScenarioError naming the field, the value and what is allowed.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { z } from 'zod';
import { ScenarioError, show } from './errors.ts';
import type { Scenario } from './schema.ts';

export { show };

type Issue = z.core.$ZodIssue & { input?: unknown };
type AnySchema = { _zod: { def: { innerType?: AnySchema; shape?: Record<string, AnySchema>; options?: AnySchema[] } } };

/** The option nearest to a misspelt word, if it is near enough to be what was meant. */
function suggest(word: string, options: readonly string[]): string | undefined {
  if (options.length === 0) return undefined;
  const nearest = closest(word, options as string[]);
  return distance(word.toLowerCase(), nearest.toLowerCase()) <= Math.max(2, Math.floor(word.length / 3)) ? nearest : undefined;
}

/** The keys an object in the schema accepts, at a path of the scenario. */
function knownKeys(root: z.ZodType, path: PropertyKey[]): string[] {
  let schema: AnySchema | undefined = root as unknown as AnySchema;
  for (const key of [...path, null]) {
    while (schema && !schema._zod.def.shape && schema._zod.def.innerType) schema = schema._zod.def.innerType;
    if (key === null) break;
    schema = schema?._zod.def.shape?.[String(key)];
  }
  return Object.keys(schema?._zod.def.shape ?? {});
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function describeIssue(issue: Issue, value: unknown, root: z.ZodType): string {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(root, issue.path);
      const key = issue.keys[0];
      const suggestion = suggest(key, known);
      const hint = suggestion ? `; did you mean "${suggestion}"?` : '.';
      return `unknown field ${show(key)}${hint} Allowed: ${known.join(', ')}.`;
    }
    case 'invalid_type':
      if (value === undefined) return `is required (${issue.expected})`;
      if (issue.expected === 'int') return `must be a whole number, got ${show(value)}`;
      if (typeof value === 'number' && !Number.isFinite(value)) return `must be a finite number, got ${show(value)}`;
      return `must be ${article(issue.expected)}, got ${show(value)}`;
    case 'too_small':
      if (issue.origin === 'string') return `must not be empty`;
      return `must be at least ${issue.minimum}, got ${show(value)}`;
    case 'too_big':
      if (issue.origin === 'string') return `is too long: at most ${issue.maximum} characters`;
      return `must be at most ${issue.maximum}, got ${show(value)}`;
    case 'invalid_value': {
      const options = issue.values.map(String);
      const suggestion = typeof value === 'string' ? suggest(value, options) : undefined;
      return `must be one of ${options.join(', ')}, got ${show(value)}${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
    }
    case 'invalid_union': {
      // A scheduled value: a number or an expression string. Report the branch the value was aiming at.
      const branch = issue.errors.find((errors) => errors.length > 0 && errors[0].code !== 'invalid_type');
      if (branch) return describeIssue(branch[0] as Issue, value, root);
      return `must be a number or an expression of the week t (in quotes), got ${show(value)}`;
    }
    case 'invalid_format':
      return `${issue.message}, got ${show(value)}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}, got ${show(value)}`;
    default:
      return issue.message;
  }
}

function article(type: string): string {
  if (type === 'object') return 'an object (a block of fields)';
  if (type === 'int') return 'a whole number';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/**
 * Checks a raw scenario against a scenario schema (a model's: src/sim/model.ts, validateScenario) and
 * fills in its defaults; throws a ScenarioError for the first problem found.
 */
export function parseScenario(raw: unknown, schema: z.ZodType): Scenario {
  const result = schema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    const issue = result.error.issues[0] as Issue;
    // Nested issues (in unions) have paths relative to the union.
    const path = issue.path;
    const value = valueAt(raw, path);
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problem${result.error.issues.length > 2 ? 's' : ''})` : '';
    throw new ScenarioError(path.map(String).join('.'), describeIssue(issue, value, schema) + more);
  }
  return result.data as Scenario;
}
