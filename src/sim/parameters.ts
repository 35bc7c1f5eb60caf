/**
 * Every number a scenario can set, with what its default rests on: read from the model's schema,
 * where each field declares its evidence (src/scenario/evidence.ts). `goodhart params` prints this
 * list; docs/MODEL.md's table of defaults and sources is generated from it.
 */
import type { z } from 'zod';
import { EVIDENCE, type Evidence } from '../scenario/evidence.ts';
import { SCHEDULED } from '../scenario/params.ts';
import type { Scenario } from '../scenario/schema.ts';
import { SOURCES } from '../scenario/sources.ts';
import { DEFAULT_MODEL, validateScenario, type Model } from './model.ts';

/** One number a scenario can set, as `goodhart params` lists it: path, value, unit, range and what it rests on. */
export interface Parameter {
  /** Dotted path, as in `--set path=value`. */
  path: string;
  description: string;
  /** A plain number, a whole number, a value that may be an expression of t, or a distribution (its mean). */
  type: 'number' | 'integer' | 'scheduled' | 'distribution';
  /** The default, or the scenario's value when one is given: a number, an expression, or a distribution. */
  value: unknown;
  evidence?: Evidence;
}

type AnySchema = z.ZodType & { _zod: { def: { type: string; innerType?: AnySchema; shape?: Record<string, AnySchema>; checks?: { _zod: { def: { check: string } & { format?: string } } }[] } } };

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  while (s._zod.def.innerType && !s._zod.def.shape) s = s._zod.def.innerType;
  return s;
}

function typeOf(schema: AnySchema, meta: Record<string, unknown>): Parameter['type'] | undefined {
  if (meta[SCHEDULED]) return 'scheduled';
  const inner = unwrap(schema);
  if (inner._zod.def.shape && 'dist' in inner._zod.def.shape) return 'distribution';
  if (inner._zod.def.type !== 'number') return undefined;
  const integer = (inner._zod.def.checks ?? []).some((c) => (c._zod.def as { format?: string }).format === 'safeint');
  return integer ? 'integer' : 'number';
}

function valueAt(root: unknown, path: string): unknown {
  let v = root;
  for (const key of path.split('.')) v = (v as Record<string, unknown>)[key];
  return v;
}

function collect(schema: AnySchema, path: string, values: unknown, into: Parameter[]): void {
  const meta = (schema.meta?.() ?? {}) as Record<string, unknown>;
  const type = path ? typeOf(schema, meta) : undefined;
  if (type) {
    const evidence = meta[EVIDENCE] as Evidence | undefined;
    into.push({ path, description: String(meta.description ?? schema.description ?? ''), type, value: valueAt(values, path), ...(evidence ? { evidence } : {}) });
    return;
  }
  const shape = unwrap(schema)._zod.def.shape;
  if (!shape) return;
  for (const [key, child] of Object.entries(shape)) collect(child, path ? `${path}.${key}` : key, values, into);
}

/**
 * The numbers of a model's scenarios, in schema order, with their values in `scenario` (the defaults
 * when none is given).
 *
 * @example
 * ```ts
 * for (const p of parameters()) console.log(p.path, p.value, p.evidence?.kind);
 * ```
 */
export function parameters(model: Model = DEFAULT_MODEL, scenario?: Scenario): Parameter[] {
  const values = scenario ?? validateScenario({ name: 'defaults' }, model);
  const out: Parameter[] = [];
  collect(model.schema as AnySchema, '', values, out);
  return out;
}

/** A value as a reader would write it: a number, an expression, or a distribution. */
export function showValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) || Math.abs(value) >= 1e4 ? fmt(value) : String(+value.toPrecision(4));
  if (typeof value === 'string') return `"${value}"`;
  const d = value as { dist?: string; mean?: number; sd?: number; min?: number; max?: number };
  if (d && d.dist) {
    const bounds = d.min !== undefined || d.max !== undefined ? `, in [${d.min ?? '−∞'}, ${d.max ?? '∞'}]` : '';
    return d.dist === 'constant' ? `constant ${fmt(d.mean!)}` : `${d.dist}, mean ${fmt(d.mean!)}, sd ${fmt(d.sd!)}${bounds}`;
  }
  return String(value);
}

function fmt(x: number): string {
  if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3)) return x.toExponential(2).replace(/\.?0+e/, 'e').replace('e+', 'e');
  return String(+x.toPrecision(4));
}

/** The range of a parameter as a reader would write it. */
export function showRange(e: Evidence): string {
  return `${fmt(e.range[0])} to ${fmt(e.range[1])}`;
}

/** What a default rests on, in one line: the sources and figures, or the mark "assumption" or "setting" and why. */
export function showBasis(e: Evidence | undefined): string {
  if (!e) return 'MISSING: no source, assumption or setting declared';
  if (e.kind === 'sourced') return e.sources!.map((s) => `${s.key}: ${s.figure}`).join('; ') + (e.note ? ` (${e.note})` : '');
  return `${e.kind === 'assumed' ? 'assumption' : 'setting'}: ${e.note}`;
}

/** The problems with a model's declarations: a number without evidence, a range not covering its default, an unknown source. */
export function evidenceProblems(model: Model = DEFAULT_MODEL): string[] {
  const problems: string[] = [];
  for (const p of parameters(model)) {
    const e = p.evidence;
    if (!e) {
      problems.push(`${p.path}: no evidence (sourced, assumed or chosen)`);
      continue;
    }
    const [lo, hi] = e.range;
    if (!(lo <= hi)) problems.push(`${p.path}: range [${lo}, ${hi}] is empty`);
    const centre = typeof p.value === 'number' ? p.value : (p.value as { mean?: number } | undefined)?.mean;
    if (typeof centre === 'number' && !(centre >= lo && centre <= hi)) problems.push(`${p.path}: default ${centre} lies outside its range [${lo}, ${hi}]`);
    if (e.kind === 'sourced' && (!e.sources || e.sources.length === 0)) problems.push(`${p.path}: sourced, but names no source`);
    for (const s of e.sources ?? []) if (!(s.key in SOURCES)) problems.push(`${p.path}: unknown source ${s.key}`);
    if (e.kind !== 'sourced' && !e.note) problems.push(`${p.path}: an ${e.kind} value needs a note saying why`);
  }
  return problems;
}
