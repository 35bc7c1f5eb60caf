/**
 * Sweep files: YAML naming a base scenario, a design, parameters (dotted scenario paths) and outputs
 * (metrics), validated with the same kind of messages as scenarios (field path, value, what is
 * allowed), then resolved into a plan: the base scenario and the list of points, each checked as a
 * scenario before anything runs.
 */
import { z } from 'zod';
import { ScenarioError, show } from '../scenario/errors.ts';
import { locateNamedFile, readTextFile } from '../scenario/load.ts';
import { check as checkSchema } from '../scenario/problems.ts';
import { loadScenario, type LoadOptions } from './load.ts';
import type { Scenario } from '../scenario/schema.ts';
import { didYouMean } from '../scenario/suggest.ts';
import { parseYamlBlock } from '../scenario/yaml.ts';
import { METRIC_NAMES, type MetricName } from '../sim/metrics.ts';
import {
  DEFAULT_MORRIS_LEVELS,
  morrisIntegerRange,
  DESIGNS,
  designWithRoles,
  SOBOL_MAX_PARAMETERS,
  type Design,
  type Parameter,
  type ParameterValue,
  type Point,
  type PointRole,
} from './designs.ts';

/** A sweep file is a few lines; anything this large is a mistake. */
export const MAX_SWEEP_BYTES = 1_000_000;
/** More runs than a sweep on a cluster would do in a week: a typo in `steps` or `samples`. */
export const MAX_RUNS = 10_000_000;
const MAX_LIST = 100_000;

const rangeSchema = z.strictObject({
  min: z.number(),
  max: z.number(),
  steps: z.int().min(1).max(MAX_LIST).optional(),
  integer: z.boolean().optional(),
});

const listSchema = z.strictObject({
  values: z.array(z.union([z.number(), z.string(), z.boolean()])).min(1).max(MAX_LIST),
});

/** The schema of a sweep file (docs/SWEEPS.md), which `loadSweep` and `parseSweepText` check. */
export const sweepFileSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  description: z.string().max(10_000).optional(),
  scenario: z.string().min(1).max(1000),
  design: z.enum(DESIGNS),
  samples: z.int().min(1).max(MAX_RUNS).optional(),
  levels: z.int().min(2).max(1000).optional(),
  replications: z.int().min(1).max(100_000).default(1),
  seed: z.int().min(0).max(Number.MAX_SAFE_INTEGER - 100_000).default(1),
  // Each parameter is checked on its own below, against the schema its form asks for.
  parameters: z.record(z.string(), z.unknown()),
  outputs: z.array(z.string().min(1)).min(1),
});

/** A sweep file as written. */
export type SweepFile = z.infer<typeof sweepFileSchema>;

/** An output column: a metric over the whole run (`realOutput`) or at the final week (`trust@final`). */
export interface Output {
  column: string;
  metric: MetricName;
  over: 'whole' | 'final';
}

/** A sweep, resolved: everything needed to run it, and nothing that depends on how it is run. */
export interface SweepPlan {
  /** The base scenario, with the command line's overrides applied. */
  scenario: Scenario;
  design: Design;
  samples?: number;
  /** Morris only: the levels of its grid. */
  levels?: number;
  replications: number;
  /** Base seed: replication r of every point runs with seed + r (common random numbers). */
  seed: number;
  parameters: Parameter[];
  outputs: Output[];
  points: Point[];
  /**
   * Each point's scenario: the base with the point's values set, checked. resolvePlan keeps them
   * (it checks every point anyway); a plan read back from sweep.json has none, and sweep() builds them.
   */
  scenarios?: Scenario[];
  /** Sobol and morris only: what each point is for (its block and base row; its trajectory and step). */
  roles?: PointRole[];
}

/** Checks a part of a sweep file against its schema, or throws a ScenarioError naming the field (and carrying every other problem). */
function check<T>(schema: z.ZodType<T>, raw: unknown, prefix: string, file: string | undefined, alsoAllowed: readonly string[] = []): T {
  return checkSchema(schema, raw, { prefix, alsoAllowed, union: 'a number, a string or true/false' }, file);
}

/** Parses a sweep file's YAML text and checks its fields (not yet against the scenario). */
export function parseSweepText(text: string, file?: string): SweepFile {
  const data = parseYamlBlock(text, file, { what: 'a sweep file', fields: 'scenario: ..., design: ..., parameters: ...', maxBytes: MAX_SWEEP_BYTES, usually: 'a sweep file is a few lines' });
  return check(sweepFileSchema, data, '', file);
}

/** Reads an output name: a metric, optionally `@final` (the final week) or `@whole` (the default). */
export function parseOutput(column: string, index: number, file?: string): Output {
  const [metric, over = 'whole', ...rest] = column.split('@');
  const where = `outputs.${index}`;
  if (rest.length > 0 || (over !== 'whole' && over !== 'final')) {
    throw new ScenarioError(where, `${show(column)}: write a metric, or metric@final for its value in the final week (metric@whole is the default)`, file);
  }
  if (!(METRIC_NAMES as readonly string[]).includes(metric)) {
    throw new ScenarioError(where, `unknown metric ${show(metric)}${didYouMean(metric, METRIC_NAMES) || '.'} Metrics: ${METRIC_NAMES.join(', ')}.`, file);
  }
  return { column, metric: metric as MetricName, over };
}

/** Checks that a dotted path names a field of the scenario, suggesting the nearest field when not. */
function checkPath(scenario: Scenario, path: string, file?: string): void {
  let node: unknown = scenario;
  const keys = path.split('.');
  for (let k = 0; k < keys.length; k++) {
    const here = keys.slice(0, k).join('.');
    if (node === null || typeof node !== 'object' || Array.isArray(node)) {
      throw new ScenarioError(`parameters.${path}`, `unknown scenario path: ${here} is a value (${show(node)}), it has no field "${keys[k]}"`, file);
    }
    const fields = Object.keys(node);
    if (!Object.hasOwn(node, keys[k])) {
      const within = here ? ` in ${here}` : '';
      throw new ScenarioError(`parameters.${path}`, `unknown scenario path: no field "${keys[k]}"${within}${didYouMean(keys[k], fields) || '.'} Fields${within}: ${fields.join(', ')}.`, file);
    }
    node = (node as Record<string, unknown>)[keys[k]];
  }
  if (node !== null && typeof node === 'object') {
    throw new ScenarioError(`parameters.${path}`, `is a block of fields (${Object.keys(node).join(', ')}), not a value; sweep one of its fields, e.g. ${path}.${Object.keys(node)[0]}`, file);
  }
}

function checkParameter(name: string, raw: unknown, design: Design, scenario: Scenario, file?: string): Parameter {
  const where = `parameters.${name}`;
  checkPath(scenario, name, file);
  if (raw !== null && typeof raw === 'object' && !Array.isArray(raw) && 'values' in raw) {
    if (design === 'sobol' || design === 'morris') {
      throw new ScenarioError(where, `a ${design} design needs a range { min: ..., max: ... }, not a list of values`, file);
    }
    const list = check(listSchema, raw, where, file);
    return { name, values: list.values };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ScenarioError(where, `must be a range { min: ..., max: ..., steps: ... } or a list { values: [...] }, got ${show(raw)}`, file);
  }
  const range = check(rangeSchema, raw, where, file, ['values']);
  if (range.min > range.max) throw new ScenarioError(`${where}.max`, `must be at least min (${range.min}), got ${range.max}`, file);
  if ((design === 'sobol' || design === 'morris') && range.steps !== undefined) {
    throw new ScenarioError(`${where}.steps`, `is for a grid; a ${design} design places its own points between min and max (remove steps)`, file);
  }
  if (design === 'grid' && range.steps === undefined) {
    throw new ScenarioError(`${where}.steps`, 'is required for a grid design: how many values from min to max (or give values: [...])', file);
  }
  return { name, ...range };
}

/** A point's overrides of the scenario, as `--set` would write them (JSON is YAML). */
export function pointOverrides(point: Point): string[] {
  return Object.entries(point).map(([path, value]) => `${path}=${JSON.stringify(value)}`);
}

/** The scenario of one point: the base with the point's values applied and validated like `--set`. */
export function pointScenario(base: Scenario, point: Point): Scenario {
  return loadScenario(base as unknown as Record<string, unknown>, { set: pointOverrides(point) });
}

/**
 * Resolves a sweep file against its base scenario: checks the parameters and outputs, computes the
 * design's points and checks each point as a scenario, so that no run fails half-way.
 */
export function resolvePlan(spec: SweepFile, scenario: Scenario, file?: string): SweepPlan {
  const design = spec.design;
  if (design !== 'grid' && spec.samples === undefined) {
    const what = design === 'sobol' ? 'N, the base rows (a power of 2); the sweep runs N × (parameters + 2) points' : design === 'morris' ? 'the trajectories; the sweep runs trajectories × (parameters + 1) points' : 'how many points to draw';
    throw new ScenarioError('samples', `is required for design ${design}: ${what}`, file);
  }
  if (design === 'sobol') {
    const n = spec.samples!;
    if ((n & (n - 1)) !== 0 || n > 2 ** 30) {
      const below = 2 ** Math.floor(Math.log2(n));
      throw new ScenarioError('samples', `must be a power of 2 for a sobol design (the balance of Sobol' points), got ${n}; use ${below} or ${below * 2}`, file);
    }
  }
  if (design === 'morris' && spec.samples! < 2) {
    throw new ScenarioError('samples', `must be at least 2 for a morris design (trajectories; σ needs two effects), got ${spec.samples}`, file);
  }
  if (spec.levels !== undefined && design !== 'morris') throw new ScenarioError('levels', `is for a morris design only, not ${design}`, file);
  if (spec.levels !== undefined && spec.levels % 2 !== 0) {
    throw new ScenarioError('levels', `must be an even number for a morris design (so that every step lands on the grid), got ${spec.levels}`, file);
  }
  const names = Object.keys(spec.parameters);
  if (names.length === 0) throw new ScenarioError('parameters', 'must name at least one scenario path to vary, e.g. policies.quota.target: { min: 0, max: 50000000, steps: 5 }', file);
  if (design === 'sobol' && names.length > SOBOL_MAX_PARAMETERS) {
    throw new ScenarioError('parameters', `a sobol design takes at most ${SOBOL_MAX_PARAMETERS} parameters, got ${names.length}; screen them first with design: morris`, file);
  }
  const parameters = names.map((name) => checkParameter(name, spec.parameters[name], design, scenario, file));
  const outputs = spec.outputs.map((column, k) => parseOutput(column, k, file));
  const seen = new Set<string>();
  outputs.forEach((o, k) => {
    if (seen.has(o.column)) throw new ScenarioError(`outputs.${k}`, `${show(o.column)} is listed twice`, file);
    seen.add(o.column);
  });
  const count =
    design === 'grid' ? parameters.reduce((n, p) => n * ('values' in p ? p.values.length : (p.steps ?? 1)), 1)
    : design === 'sobol' ? spec.samples! * (parameters.length + 2)
    : design === 'morris' ? spec.samples! * (parameters.length + 1)
    : spec.samples!;
  if (count * spec.replications > MAX_RUNS) {
    throw new ScenarioError(design === 'grid' ? 'parameters' : 'samples', `${count} points × ${spec.replications} replications is more than ${MAX_RUNS} runs`, file);
  }
  const levels = design === 'morris' ? (spec.levels ?? DEFAULT_MORRIS_LEVELS) : undefined;
  if (levels !== undefined) {
    for (const p of parameters) {
      if (!('integer' in p) || !p.integer || p.max - p.min >= morrisIntegerRange(levels)) continue;
      throw new ScenarioError(
        `parameters.${p.name}`,
        `is a whole number from ${p.min} to ${p.max}, too narrow for a morris design of ${levels} levels: each step moves it by ${(p.max - p.min) / morrisIntegerRange(levels)}, which can round to no change; give it a range of at least ${morrisIntegerRange(levels)}`,
        file,
      );
    }
  }
  const { points, roles } = designWithRoles(design, parameters, spec.samples ?? 0, spec.seed, levels);
  const scenarios = points.map((point, index) => {
    try {
      return pointScenario(scenario, point);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      const value = error.path in point ? ` = ${show(point[error.path])}` : '';
      const where = error.path in point ? `parameters.${error.path}` : error.path;
      throw new ScenarioError(where, `at point ${index}${value}: ${error.detail}`, file);
    }
  });
  return {
    scenario,
    design,
    ...(design === 'grid' ? {} : { samples: spec.samples }),
    ...(levels === undefined ? {} : { levels }),
    replications: spec.replications,
    seed: spec.seed,
    parameters,
    outputs,
    points,
    scenarios,
    ...(roles ? { roles } : {}),
  };
}

/** Reads a file in Node (without importing node:fs, so that browsers can load this module). */
function readText(path: string): string {
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as { readFileSync(p: string, e: 'utf8'): string } | undefined;
  if (!fs) throw new ScenarioError('', `cannot read ${path} here: use parseSweepText and resolvePlan`);
  return readTextFile(path, (p) => fs.readFileSync(p, 'utf8'), '', undefined, { maxBytes: MAX_SWEEP_BYTES, usually: 'a sweep file is a few lines' });
}

/**
 * Loads a sweep file in Node: its base scenario with `options` (the command line's --set, --agents,
 * --weeks), then the plan. The scenario is a bundled one by name (`scenario: meshclaw`) or a path
 * relative to the sweep file inside its folder (or a bundled file), unless `options.allowOutside`;
 * so are the files that scenario extends.
 *
 * @example
 * ```ts
 * const plan = loadSweep('scenarios/sweeps/quota-vs-review.yaml', { set: ['agents=200'] });
 * const table = await sweep(plan, { workers: 2 });
 * ```
 */
export function loadSweep(file: string, options: LoadOptions = {}): SweepPlan {
  const spec = parseSweepText(readText(file), file);
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  const path = proc!.getBuiltinModule!('node:path') as { dirname(p: string): string; relative(from: string, to: string): string; resolve(p: string): string; isAbsolute(p: string): boolean };
  const root = path.dirname(path.resolve(file));
  const located = locateNamedFile(spec.scenario, { field: 'scenario', from: file, root, rootName: "the sweep file's folder", allowOutside: options.allowOutside });
  // Kept relative when it can be, so that messages name it as the user would.
  const relative = path.relative('.', located);
  const scenarioFile = path.isAbsolute(relative) || relative.split(/[\\/]/)[0] === '..' ? located : relative;
  let scenario: Scenario;
  try {
    scenario = loadScenario(scenarioFile, { ...options, isFile: true, root });
  } catch (error) {
    // A mistake in --set or in the scenario itself already names its file or flag; a missing file is the sweep file's.
    if (error instanceof ScenarioError && !error.file && error.path === '' && /cannot read/.test(error.detail)) {
      throw new ScenarioError('scenario', `${show(spec.scenario)}: ${error.detail}`, file);
    }
    throw error;
  }
  return resolvePlan(spec, scenario, file);
}

export type { ParameterValue };
