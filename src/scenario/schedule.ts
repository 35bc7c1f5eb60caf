/**
 * Step 1 of every week (MODEL.md §3): the policy values in force at week t. Expressions are
 * compiled once, evaluated for every week of the run up front, and checked against their range,
 * so a bad schedule is an error before the run starts, never a NaN in week 40.
 */
import type { z } from 'zod';
import { compileExpression } from './expression.ts';
import { notTiny, SCHEDULED, tinyMessage, type Distribution, type Range } from './params.ts';
import { ScenarioError, show } from './errors.ts';

/** A policy block with every scheduled value evaluated to a number. */
export type Resolved<T> = T extends Distribution
  ? T
  : T extends number | string
    ? number
    : T extends boolean
      ? boolean
      : T extends object
        ? { [K in keyof T]: Resolved<T[K]> }
        : T;

/** Every policy's block for one week, by policy name: each policy reads its own. */
export type WeekPolicies = Record<string, any>;

type AnySchema = z.ZodType & { _zod: { def: { innerType?: AnySchema; shape?: Record<string, AnySchema> } } };

/** The [min, max] of every scheduled value, by path ("policies.quota.target"): read from each policies schema once. */
const rangesBySchema = new WeakMap<z.ZodType, Map<string, Range>>();

function scheduledRanges(policiesSchema: z.ZodType): Map<string, Range> {
  let ranges = rangesBySchema.get(policiesSchema);
  if (!ranges) {
    ranges = new Map();
    collectRanges(policiesSchema as unknown as AnySchema, 'policies', ranges);
    rangesBySchema.set(policiesSchema, ranges);
  }
  return ranges;
}

function collectRanges(schema: AnySchema, path: string, into: Map<string, Range>): void {
  const range = (schema.meta?.() as Record<string, Range> | undefined)?.[SCHEDULED];
  if (range) into.set(path, range);
  const shape = objectShape(schema);
  if (shape) for (const [key, child] of Object.entries(shape)) collectRanges(child, `${path}.${key}`, into);
}

/** The object schema inside defaults and prefaults, or undefined if it is not an object. */
function objectShape(schema: AnySchema): Record<string, AnySchema> | undefined {
  let s: AnySchema | undefined = schema;
  while (s && !s._zod.def.shape && s._zod.def.innerType) s = s._zod.def.innerType;
  return s?._zod.def.shape;
}

/**
 * The value at `path` in week t. Walking the schema's metadata each week of each run kept V8
 * recompiling zod's registry lookups in the background (docs/PERFORMANCE.md, change 11): ranges
 * are looked up by path instead.
 */
function resolveNode(value: unknown, path: string, weeks: number, t: number, compiled: Map<string, (t: number) => number>, ranges: Map<string, Range>): unknown {
  const range = typeof value === 'string' ? ranges.get(path) : undefined;
  if (typeof value === 'string' && range) {
    let fn = compiled.get(path);
    if (!fn) {
      fn = compileExpression(value);
      compiled.set(path, fn);
      for (let week = 0; week < Math.max(weeks, 1); week++) {
        const v = fn(week);
        if (!Number.isFinite(v) || v < range.min || v > range.max) {
          throw new ScenarioError(path, `the expression ${show(value)} gives ${v} at week ${week}; allowed ${range.min} to ${range.max}`);
        }
        if (!notTiny(v)) throw new ScenarioError(path, `the expression ${show(value)} gives ${v} at week ${week}; ${tinyMessage(v)}`);
      }
    }
    return fn(t);
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) out[key] = resolveNode(child, `${path}.${key}`, weeks, t, compiled, ranges);
    return out;
  }
  return value;
}

/**
 * The policy values of every week of the run: `schedule[t]`, read-only. Throws a ScenarioError
 * naming the field when an expression leaves its range in some week. Policies without expressions
 * are the same every week, and every week shares one object. `policiesSchema` is the schema of the
 * `policies` block, where the ranges of scheduled values are read.
 */
export function compileSchedule(policies: Record<string, unknown>, weeks: number, policiesSchema: z.ZodType): WeekPolicies[] {
  const compiled = new Map<string, (t: number) => number>();
  const ranges = scheduledRanges(policiesSchema);
  // Week 0 is always resolved, so that the range of every expression is checked even for 0 weeks.
  const first = resolveNode(policies, 'policies', weeks, 0, compiled, ranges) as WeekPolicies;
  if (compiled.size === 0) return new Array<WeekPolicies>(Math.max(weeks, 1)).fill(first);
  const schedule = [first];
  for (let t = 1; t < weeks; t++) schedule.push(resolveNode(policies, 'policies', weeks, t, compiled, ranges) as WeekPolicies);
  return schedule;
}
