/**
 * Calibration targets: published figures written as statistics the model can compute, each with its
 * observed value, its uncertainty and its source (docs/CALIBRATION.md). A statistic is a metric
 * aggregated over a window of weeks in one scenario, optionally per another metric (incidents per
 * change), optionally contrasted with a second scenario (meshclaw against baseline, as a ratio or a
 * difference, paired seed by seed). Figures the model cannot express are listed in the same file
 * under `cannot`, each with the reason, so that what calibration leaves out is said where it is decided.
 *
 * Checked with the same one-line messages as scenarios and sweep files: the field, the value, what is
 * allowed.
 */
import { z } from 'zod';
import { ScenarioError, show } from '../scenario/errors.ts';
import { locateNamedFile, readTextFile } from '../scenario/load.ts';
import { check as checkSchema } from '../scenario/problems.ts';
import type { Scenario } from '../scenario/schema.ts';
import { SOURCES } from '../scenario/sources.ts';
import { didYouMean } from '../scenario/suggest.ts';
import { parseYamlBlock } from '../scenario/yaml.ts';
import type { MetricDefinition } from '../sim/metrics.ts';
import { DEFAULT_MODEL, type Model } from '../sim/model.ts';
import type { RunResult } from '../sim/run.ts';
import { loadScenario, type LoadOptions } from './load.ts';

/** A targets file is a page of figures; anything this large is a mistake. */
export const MAX_TARGETS_BYTES = 1_000_000;

/** A 95% interval of a normal spans 2 × 1.96 standard deviations. */
const SDS_PER_95_INTERVAL = 2 * 1.959964;

const AGGREGATES = ['sum', 'mean', 'final'] as const;
const CONTRASTS = ['ratio', 'difference'] as const;
const SOURCE_KEYS = Object.keys(SOURCES);

const weeksSchema = z
  .tuple([z.int().min(0).max(100_000), z.int().min(1).max(100_000)])
  .describe('[first week, week after the last], from 0: [26, 52] is the second half of a year');

const statisticSchema = z.strictObject({
  scenario: z.string().min(1).max(1000).describe('a bundled scenario by name, or a path relative to the targets file'),
  metric: z.string().min(1).max(100),
  aggregate: z.enum(AGGREGATES).optional().describe("over the weeks: sum, mean or the final week's value; the metric's own by default"),
  weeks: weeksSchema.optional(),
  per: z.string().min(1).max(100).optional().describe('a second metric, over the same weeks with its own aggregate: incidents per change'),
  versus: z.string().min(1).max(1000).optional().describe('a second scenario: the statistic in scenario against the same in versus, seed by seed'),
  contrast: z.enum(CONTRASTS).optional().describe('ratio (the default) or difference, with versus'),
});

const targetSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and hyphens').max(100),
  figure: z.string().min(1).max(1000).describe('the published figure, in words'),
  sources: z.array(z.string()).min(1).max(10),
  statistic: statisticSchema,
  observed: z.number().refine(Number.isFinite, 'a finite number'),
  sd: z.number().positive().refine(Number.isFinite, 'a finite number').optional(),
  interval: z.tuple([z.number(), z.number()]).optional().describe('a 95% interval: [low, high]'),
});

const cannotSchema = z.strictObject({
  figure: z.string().min(1).max(1000),
  sources: z.array(z.string()).min(1).max(10),
  why: z.string().min(1).max(2000),
});

/** The schema of a targets file (calibration/targets.yaml). */
export const targetsFileSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  description: z.string().max(10_000).optional(),
  targets: z.array(targetSchema).min(1).max(1000),
  cannot: z.array(cannotSchema).max(1000).default([]),
  parameters: z.array(z.string().min(1).max(200)).min(1).max(1000).optional().describe('the parameters these figures inform: what `goodhart calibrate` searches unless --params says otherwise'),
});

/** A targets file as written. */
export type TargetsFile = z.infer<typeof targetsFileSchema>;
type TargetSpec = TargetsFile['targets'][number];

/** One side of a statistic: a metric over weeks, per another metric or not. */
export interface Measure {
  metric: string;
  aggregate: (typeof AGGREGATES)[number];
  per?: { metric: string; aggregate: (typeof AGGREGATES)[number] };
  /** [from, to) in weeks; `to` is clipped to the run's length. */
  weeks: [number, number];
}

/** A target, checked: what to compute, in which scenarios, and how far from `observed` is how wrong. */
export interface Target {
  name: string;
  figure: string;
  sources: string[];
  scenario: string;
  versus?: string;
  contrast?: (typeof CONTRASTS)[number];
  measure: Measure;
  observed: number;
  /** The figure's standard deviation: given, or from its 95% interval. */
  sd: number;
  /** Its 95% interval: as given, or observed ± 1.96 sd. */
  interval: [number, number];
}

/** The figures a targets file gives and those it says the model cannot express. */
export interface Targets {
  name?: string;
  targets: Target[];
  cannot: TargetsFile['cannot'];
  /** The parameters the file says its figures inform, if it says. */
  parameters?: string[];
}

function aggregateOf(metric: MetricDefinition): Measure['aggregate'] {
  return metric.aggregate === 'sum' ? 'sum' : 'mean';
}

function checkMetric(name: string, field: string, metrics: readonly MetricDefinition[], file?: string): MetricDefinition {
  const found = metrics.find((m) => m.name === name);
  if (found) return found;
  const names = metrics.map((m) => m.name);
  throw new ScenarioError(field, `unknown metric ${show(name)}${didYouMean(name, names) || '.'} Metrics: ${names.join(', ')}.`, file);
}

function checkSources(sources: readonly string[], field: string, file?: string): void {
  sources.forEach((key, i) => {
    if (!SOURCE_KEYS.includes(key)) {
      throw new ScenarioError(`${field}.${i}`, `unknown source ${show(key)}${didYouMean(key, SOURCE_KEYS) || '.'} Sources are the keys of src/scenario/sources.ts (goodhart params lists them).`, file);
    }
  });
}

function checkTarget(spec: TargetSpec, index: number, metrics: readonly MetricDefinition[], file?: string): Target {
  const at = `targets.${index}`;
  const s = spec.statistic;
  checkSources(spec.sources, `${at}.sources`, file);
  const metric = checkMetric(s.metric, `${at}.statistic.metric`, metrics, file);
  const per = s.per === undefined ? undefined : checkMetric(s.per, `${at}.statistic.per`, metrics, file);
  if (s.contrast !== undefined && s.versus === undefined) {
    throw new ScenarioError(`${at}.statistic.contrast`, `${show(s.contrast)} needs versus: the scenario the statistic is contrasted with`, file);
  }
  if (s.versus !== undefined && s.versus === s.scenario) {
    throw new ScenarioError(`${at}.statistic.versus`, `${show(s.versus)} is the statistic's own scenario; a contrast needs a second one`, file);
  }
  const weeks: [number, number] = s.weeks ?? [0, Number.MAX_SAFE_INTEGER];
  if (weeks[0] >= weeks[1]) throw new ScenarioError(`${at}.statistic.weeks`, `[${weeks.join(', ')}] is empty: the first week must come before the week after the last`, file);
  if ((spec.sd === undefined) === (spec.interval === undefined)) {
    throw new ScenarioError(at, `give the figure's uncertainty as sd or as a 95% interval [low, high], one of the two${spec.sd === undefined ? '' : ', not both'}`, file);
  }
  let sd = spec.sd;
  if (spec.interval) {
    const [low, high] = spec.interval;
    if (!(low < high)) throw new ScenarioError(`${at}.interval`, `[${low}, ${high}]: the low end must be below the high end`, file);
    if (spec.observed < low || spec.observed > high) throw new ScenarioError(`${at}.observed`, `${spec.observed} is outside its own interval [${low}, ${high}]`, file);
    sd = (high - low) / SDS_PER_95_INTERVAL;
  }
  return {
    name: spec.name,
    figure: spec.figure,
    sources: spec.sources,
    scenario: s.scenario,
    versus: s.versus,
    contrast: s.versus === undefined ? undefined : (s.contrast ?? 'ratio'),
    measure: {
      metric: metric.name,
      aggregate: s.aggregate ?? aggregateOf(metric),
      per: per && { metric: per.name, aggregate: aggregateOf(per) },
      weeks,
    },
    observed: spec.observed,
    sd: sd!,
    interval: spec.interval ? [spec.interval[0], spec.interval[1]] : [spec.observed - (SDS_PER_95_INTERVAL / 2) * sd!, spec.observed + (SDS_PER_95_INTERVAL / 2) * sd!],
  };
}

/** Parses a targets file's YAML text and checks it against the model's metrics and the sources list. */
export function parseTargetsText(text: string, file?: string, model: Model = DEFAULT_MODEL): Targets {
  const data = parseYamlBlock(text, file, { what: 'a targets file', fields: 'targets: [...]', maxBytes: MAX_TARGETS_BYTES, usually: 'a targets file is a page of figures' });
  const spec = checkSchema(targetsFileSchema, data, { prefix: '' }, file);
  const seen = new Set<string>();
  const targets = spec.targets.map((t, i) => {
    if (seen.has(t.name)) throw new ScenarioError(`targets.${i}.name`, `${show(t.name)} names two targets; each needs its own name`, file);
    seen.add(t.name);
    return checkTarget(t, i, model.metrics, file);
  });
  spec.cannot.forEach((c, i) => checkSources(c.sources, `cannot.${i}.sources`, file));
  return { name: spec.name, targets, cannot: spec.cannot, ...(spec.parameters && { parameters: spec.parameters }) };
}

/** The scenarios a set of targets is measured in, each named once, in order of first mention. */
export function targetScenarios(targets: readonly Target[]): string[] {
  return [...new Set(targets.flatMap((t) => (t.versus === undefined ? [t.scenario] : [t.scenario, t.versus])))];
}

function over(run: RunResult, metric: string, aggregate: Measure['aggregate'], weeks: [number, number]): number {
  const column = run.metrics[metric];
  const to = Math.min(weeks[1], run.weeks);
  const from = Math.min(weeks[0], to - 1);
  if (aggregate === 'final') return column[to - 1];
  let total = 0;
  for (let t = from; t < to; t++) total += column[t];
  return aggregate === 'sum' ? total : total / (to - from);
}

/** A measure in one run: NaN when it divides by zero. */
export function measure(m: Measure, run: RunResult): number {
  const value = over(run, m.metric, m.aggregate, m.weeks);
  if (!m.per) return value;
  const base = over(run, m.per.metric, m.per.aggregate, m.weeks);
  return base === 0 ? Number.NaN : value / base;
}

/**
 * A target's statistic in the runs of one seed, `runs` holding a run of each scenario it names: the
 * measure itself, or its ratio or difference against the `versus` scenario's run of the same seed.
 */
export function targetValue(target: Target, runs: ReadonlyMap<string, RunResult>): number {
  const a = runs.get(target.scenario);
  if (!a) throw new Error(`no run of ${target.scenario} for target ${target.name}`);
  const value = measure(target.measure, a);
  if (target.versus === undefined) return value;
  const b = runs.get(target.versus);
  if (!b) throw new Error(`no run of ${target.versus} for target ${target.name}`);
  const base = measure(target.measure, b);
  if (target.contrast === 'difference') return value - base;
  return base === 0 ? Number.NaN : value / base;
}

/** Targets with their scenarios loaded: what a calibration runs. */
export interface LoadedTargets extends Targets {
  /** Each scenario the targets name, by the name the file gives it, checked. */
  scenarios: Map<string, Scenario>;
}

function readText(path: string): string {
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as { readFileSync(p: string, e: 'utf8'): string } | undefined;
  if (!fs) throw new ScenarioError('', `cannot read ${path} here: use parseTargetsText`);
  return readTextFile(path, (p) => fs.readFileSync(p, 'utf8'), '', undefined, { maxBytes: MAX_TARGETS_BYTES, usually: 'a targets file is a page of figures' });
}

/**
 * Loads a targets file in Node and every scenario it names: a bundled one by name (`meshclaw`) or a
 * path relative to the targets file, inside its folder unless `options.allowOutside`. A scenario that
 * does not exist or does not validate is refused naming the target's field.
 */
export function loadTargets(file: string, options: LoadOptions = {}): LoadedTargets {
  const model = options.model ?? DEFAULT_MODEL;
  const targets = parseTargetsText(readText(file), file, model);
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  const path = proc!.getBuiltinModule!('node:path') as { dirname(p: string): string; resolve(p: string): string };
  const root = path.dirname(path.resolve(file));
  const scenarios = new Map<string, Scenario>();
  targets.targets.forEach((t, i) => {
    for (const [field, name] of [['scenario', t.scenario], ['versus', t.versus]] as const) {
      if (name === undefined || scenarios.has(name)) continue;
      const where = `targets.${i}.statistic.${field}`;
      const located = locateNamedFile(name, { field: where, from: file, root, rootName: "the targets file's folder", allowOutside: options.allowOutside });
      try {
        scenarios.set(name, loadScenario(located, { ...options, model, isFile: true, root }));
      } catch (error) {
        if (error instanceof ScenarioError && /cannot read/.test(error.detail) && !error.path) throw new ScenarioError(where, `${show(name)}: ${error.detail}`, file);
        throw error;
      }
    }
  });
  return { ...targets, scenarios };
}
