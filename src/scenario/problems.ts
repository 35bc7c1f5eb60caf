/**
 * One formatter of validation problems: a zod issue becomes a line for a user naming the field, the
 * value and what is allowed. Scenarios and sweep files both go through it, so the same mistake reads
 * the same in either.
 */
import type { z } from 'zod';
import { ScenarioError, show, type Problem } from './errors.ts';
import { didYouMean } from './suggest.ts';

type Issue = z.core.$ZodIssue;
type AnySchema = { _zod: { def: { innerType?: AnySchema; in?: AnySchema; shape?: Record<string, AnySchema> } } };

/** What a formatter needs to know of the schema a value was checked against. */
export interface ProblemContext {
  /** The schema checked, to list the fields an object accepts when a key is unknown. */
  schema: unknown;
  /** Fields also accepted besides the schema's own at any level (e.g. a sweep range's alternative, `values`). */
  alsoAllowed?: readonly string[];
  /** What a value of a union of plain types may be, when no branch says better (e.g. "a number, a string or true/false"). */
  union?: string;
  /** Put before every path (e.g. `parameters.x` when checking one parameter of a sweep file). */
  prefix?: string;
}

/** The schema inside defaults, optionals and pipes. */
function unwrap(schema: AnySchema | undefined): AnySchema | undefined {
  let s = schema;
  while (s && !s._zod.def.shape && (s._zod.def.innerType || s._zod.def.in)) s = s._zod.def.innerType ?? s._zod.def.in;
  return s;
}

/** The keys an object in `schema` accepts at `path`. */
export function knownKeys(schema: unknown, path: readonly PropertyKey[]): string[] {
  let node = unwrap(schema as AnySchema);
  for (const key of path) {
    const shape = node?._zod.def.shape;
    node = shape && Object.hasOwn(shape, String(key)) ? unwrap(shape[String(key)]) : undefined;
  }
  return Object.keys(node?._zod.def.shape ?? {});
}

/** The value at a path of a raw object, or undefined. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function article(type: string): string {
  if (type === 'object') return 'an object (a block of fields)';
  if (type === 'array') return 'a list';
  if (type === 'int') return 'a whole number';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** One issue as a line: what is wrong with `value` and what is allowed. */
function describeIssue(issue: Issue, value: unknown, context: ProblemContext): string {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = [...knownKeys(context.schema, issue.path), ...(context.alsoAllowed ?? [])];
      const key = issue.keys[0];
      return `unknown field ${show(key)}${didYouMean(key, known) || '.'} Allowed: ${known.join(', ')}.`;
    }
    case 'invalid_type':
      if (value === undefined) return `is required (${issue.expected})`;
      if (typeof value === 'number' && !Number.isFinite(value)) return `must be a finite number, got ${show(value)}`;
      return `must be ${article(issue.expected)}, got ${show(value)}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `must have at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      return `must be at least ${issue.minimum}, got ${show(value)}`;
    case 'too_big':
      if (issue.origin === 'string') return `is too long: at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      return `must be at most ${issue.maximum}, got ${show(value)}`;
    case 'invalid_value': {
      const options = issue.values.map(String);
      return `must be one of ${options.join(', ')}, got ${show(value)}${typeof value === 'string' ? didYouMean(value, options) : ''}`;
    }
    case 'invalid_union': {
      // A scheduled value is a number or an expression string: report the branch the value was aiming at.
      const branch = issue.errors.find((errors) => errors.length > 0 && errors[0].code !== 'invalid_type');
      if (branch) return describeIssue(branch[0], value, context);
      return `must be ${context.union ?? 'a number or an expression of the week t (in quotes)'}, got ${show(value)}`;
    }
    case 'invalid_format':
      return `${issue.message}, got ${show(value)}`;
    case 'not_multiple_of':
      return `must be a multiple of ${issue.divisor}, got ${show(value)}`;
    default:
      return issue.message;
  }
}

/** Every issue of a failed check, in the order zod found them, each with its dotted path. */
export function problemsOf(error: z.ZodError, raw: unknown, context: ProblemContext): Problem[] {
  return error.issues.map((issue) => ({
    path: [context.prefix ?? '', ...issue.path.map(String)].filter((p) => p !== '').join('.'),
    detail: describeIssue(issue, valueAt(raw, issue.path), context),
  }));
}

/** A failed check as one ScenarioError: the first problem, carrying the others (`goodhart validate` lists them all). */
export function problemsError(error: z.ZodError, raw: unknown, context: ProblemContext, file?: string): ScenarioError {
  const [first, ...others] = problemsOf(error, raw, context);
  return new ScenarioError(first.path, first.detail, file, others);
}

/** Checks `raw` against `schema`, or throws the ScenarioError of its problems. */
export function check<T>(schema: z.ZodType<T>, raw: unknown, context: Omit<ProblemContext, 'schema'>, file?: string): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw problemsError(result.error, raw, { ...context, schema }, file);
}
