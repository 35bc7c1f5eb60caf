/**
 * Across seeds: the mean and 95% interval of each metric, for the final week and for the whole run
 * (flows summed over weeks, states averaged), and tidy rows (one per seed × week) for tables and charts.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { quantile } from 'd3-array';
import { metricDefinition, type MetricDefinition, type MetricName } from '../sim/metrics.ts';
import { modelOf } from '../sim/model.ts';
import type { RunResult } from '../sim/run.ts';
import type { ScenarioResult } from './replicate.ts';

/** Mean with a 95% t-interval over seeds (lo = hi = mean for a single seed). */
export interface Interval {
  mean: number;
  lo: number;
  hi: number;
}

/** A metric's intervals over seeds: in the final week and over the whole run. */
export interface MetricSummary {
  final: Interval;
  whole: Interval;
}

/** Per metric, in the model's order. */
export type Summary = Record<MetricName, MetricSummary>;

const CONFIDENCE = 0.95;

/** Mean and 95% t-interval of a sample. */
export function interval(values: readonly number[]): Interval {
  const n = values.length;
  if (n === 0) return { mean: 0, lo: 0, hi: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, lo: mean, hi: mean };
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const half = tQuantile(1 - (1 - CONFIDENCE) / 2, n - 1) * Math.sqrt(variance / n);
  return { mean, lo: mean - half, hi: mean + half };
}

/**
 * Mean and the central 95% of a sample: where one draw falls, not where the mean is. Runs whose
 * parameters are drawn from a posterior use it: the mean's t-interval would shrink with more seeds
 * although the assumptions stay as uncertain, while this spread reflects them (and chance) at any
 * number of seeds. With few draws the quantiles are rough; more seeds sharpen them.
 */
export function spread(values: readonly number[]): Interval {
  const n = values.length;
  if (n === 0) return { mean: 0, lo: 0, hi: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const tail = (1 - CONFIDENCE) / 2;
  return { mean, lo: quantile(values, tail)!, hi: quantile(values, 1 - tail)! };
}

/** A run's whole-run figure for a metric: the sum over weeks for flows, the mean for states. */
export function wholeRun(run: RunResult, name: MetricName): number {
  const column = run.metrics[name];
  if (column.length === 0) return 0;
  let total = 0;
  for (const v of column) total += v;
  return metricDefinition(name, run.definitions).aggregate === 'sum' ? total : total / column.length;
}

/** A run's value of a metric in its final week (0 for a run of 0 weeks). */
export function finalWeek(run: RunResult, name: MetricName): number {
  const column = run.metrics[name];
  return column.length > 0 ? column[column.length - 1] : 0;
}

/** The declarations of the metrics of a scenario's runs, in the model's order. */
export function metricDefinitions(result: ScenarioResult): readonly MetricDefinition[] {
  return result.runs[0]?.definitions ?? modelOf(result.scenario).metrics;
}

/** The names of the metrics of a scenario's runs, in the model's order. */
export function metricNames(result: ScenarioResult): string[] {
  return metricDefinitions(result).map((m) => m.name);
}

/**
 * Every metric of a scenario's runs as intervals over seeds: its final week and its whole run (sum or
 * mean, as the metric declares). `over` makes the interval: the mean's t-interval, or `spread`.
 */
export function summarise(result: ScenarioResult, over: (values: readonly number[]) => Interval = interval): Summary {
  return Object.fromEntries(
    metricNames(result).map((name) => [
      name,
      {
        final: over(result.runs.map((run) => finalWeek(run, name))),
        whole: over(result.runs.map((run) => wholeRun(run, name))),
      },
    ]),
  ) as Summary;
}

/** One row of tidy data: a scenario, a seed, a week, and every metric. */
export type MetricRow = { scenario: string; seed: number; week: number } & Record<MetricName, number>;

/** Tidy rows, one per seed × week, in seed then week order. */
export function toRows(result: ScenarioResult): MetricRow[] {
  const rows: MetricRow[] = [];
  const names = metricNames(result);
  for (const run of result.runs) {
    for (let week = 0; week < run.weeks; week++) {
      const row = { scenario: result.scenario.name, seed: run.seed, week } as MetricRow;
      for (const name of names) row[name] = run.metrics[name][week];
      rows.push(row);
    }
  }
  return rows;
}

/** Mean and 95% interval over seeds of one metric in one week: the data of a line with a band. */
export interface WeeklyBand {
  scenario: string;
  week: number;
  metric: MetricName;
  mean: number;
  lo: number;
  hi: number;
}

/**
 * Per week and metric, the mean and 95% interval over seeds: of the mean ({@link interval}), or where
 * the runs fall ({@link spread}) for runs whose parameters a posterior draws.
 */
export function weeklyBands(result: ScenarioResult, metrics: readonly MetricName[] = metricNames(result), of: (values: readonly number[]) => Interval = interval): WeeklyBand[] {
  const rows: WeeklyBand[] = [];
  const weeks = result.runs[0]?.weeks ?? 0;
  for (const metric of metrics) {
    for (let week = 0; week < weeks; week++) {
      const { mean, lo, hi } = of(result.runs.map((run) => run.metrics[metric][week]));
      rows.push({ scenario: result.scenario.name, week, metric, mean, lo, hi });
    }
  }
  return rows;
}
