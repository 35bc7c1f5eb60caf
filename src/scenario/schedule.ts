/**
 * Step 1 of every week (MODEL.md §3): the policy values in force at week t. Expressions are
 * compiled once, evaluated for every week of the run up front, and checked against their range,
 * so a bad schedule is an error before the run starts, never a NaN in week 40.
 */
import type { z } from 'zod';
import { compileExpression } from './expression.ts';
import { notTiny, SCHEDULED, tinyMessage, type Distribution, type Range } from './params.ts';
import { policiesSchema, type PoliciesConfig } from '../policies/index.ts';
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

export type WeekPolicies = Resolved<PoliciesConfig>;

type AnySchema = z.ZodType & { _zod: { def: { innerType?: AnySchema; shape?: Record<string, AnySchema> } } };

function scheduledRange(schema: AnySchema): Range | undefined {
  return (schema.meta?.() as Record<string, Range> | undefined)?.[SCHEDULED];
}

/** The object schema inside defaults and prefaults, or undefined if it is not an object. */
function objectShape(schema: AnySchema): Record<string, AnySchema> | undefined {
  let s: AnySchema | undefined = schema;
  while (s && !s._zod.def.shape && s._zod.def.innerType) s = s._zod.def.innerType;
  return s?._zod.def.shape;
}

function resolveNode(value: unknown, schema: AnySchema | undefined, path: string, weeks: number, t: number, compiled: Map<string, (t: number) => number>): unknown {
  const range = schema ? scheduledRange(schema) : undefined;
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
    const shape = schema ? objectShape(schema) : undefined;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      out[key] = resolveNode(child, shape?.[key], `${path}.${key}`, weeks, t, compiled);
    }
    return out;
  }
  return value;
}

/**
 * The policy values of every week of the run: `schedule[t]`. Throws a ScenarioError naming the
 * field when an expression leaves its range in some week.
 */
export function compileSchedule(policies: PoliciesConfig, weeks: number): WeekPolicies[] {
  const compiled = new Map<string, (t: number) => number>();
  const schema = policiesSchema as unknown as AnySchema;
  const schedule: WeekPolicies[] = [];
  // Week 0 is always resolved, so that the range of every expression is checked even for 0 weeks.
  for (let t = 0; t < Math.max(weeks, 1); t++) {
    schedule.push(resolveNode(policies, schema, 'policies', weeks, t, compiled) as WeekPolicies);
  }
  return schedule;
}
