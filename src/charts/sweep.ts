/**
 * Charts of a sweep (grid, random or Latin hypercube), one output at a time, from points.csv's rows
 * (each point's mean and 95% interval over replications): a heatmap over two parameters, and the
 * output along each single parameter (a line with a band on a grid, a scatter for sampled designs).
 * Pure functions to Vega-Lite with the data inlined. Parameters are dotted scenario paths, which
 * Vega-Lite would read as nested fields, so the data use the plain fields x, y, mean, lo, hi.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { ParameterValue, Point } from '../experiment/designs.ts';
import type { Interval } from '../experiment/summary.ts';
import { outputLabel, parameterLabel } from './labels.ts';
import { CONFIG, HEIGHT, VEGA_LITE_SCHEMA, WIDTH } from './theme.ts';

/** A point of a sweep with each output's mean and 95% interval over its replications (a PointSummary fits). */
export interface SweepPointRow {
  values: Point;
  replications: number;
  outputs: Record<string, Interval>;
}

/** Which output a sweep chart shows, and whether its design is a grid. */
export interface SweepChartOptions {
  output: string;
  /** Grid: parameters take few values, drawn as categories; random and lhs: ranges, binned or scattered. */
  grid: boolean;
}

/** Most bins of a sampled parameter in a heatmap; fewer for fewer points, so that a cell holds about two. */
const HEATMAP_BINS = 10;
const binsFor = (points: number) => Math.max(2, Math.min(HEATMAP_BINS, Math.round(Math.sqrt(points / 2))));
const NUMBER_FORMAT = ',.4~g';
const COLOUR = '#0072B2';

/** Tooltip of a mean with its 95% interval at a parameter's value. */
const intervalTooltip = (parameter: string) => [
  { field: 'x', title: parameterLabel(parameter) },
  { field: 'mean', title: 'Mean', format: NUMBER_FORMAT },
  { field: 'lo', title: '95% from', format: NUMBER_FORMAT },
  { field: 'hi', title: '95% to', format: NUMBER_FORMAT },
];

/** The subtitle line naming what is plotted as the sweep file names it, for finding it in runs.csv. */
const codeNames = (output: string, parameters: string[]) => `${output} by ${parameters.join(' and ')} in the sweep file`;

const allNumbers = (values: readonly ParameterValue[]) => values.every((v) => typeof v === 'number');

/** Axis labels: 25M rather than 2.5e+7 for large values, 0.02 rather than 20m for small ones. */
function formatOf(values: readonly ParameterValue[]): string {
  const largest = Math.max(0, ...values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? Math.abs(v) : 0)));
  return largest >= 1e4 ? '.3~s' : NUMBER_FORMAT;
}

/** Means over the points sharing the same values of `keys` (the other parameters averaged over). */
function averaged(points: readonly SweepPointRow[], keys: readonly string[], output: string) {
  const groups = new Map<string, { at: ParameterValue[]; mean: number; lo: number; hi: number; points: number }>();
  for (const p of points) {
    const at = keys.map((k) => p.values[k]);
    const id = JSON.stringify(at);
    const g = groups.get(id) ?? { at, mean: 0, lo: 0, hi: 0, points: 0 };
    const { mean, lo, hi } = p.outputs[output];
    g.mean += mean;
    g.lo += lo;
    g.hi += hi;
    g.points++;
    groups.set(id, g);
  }
  return [...groups.values()].map((g) => ({ at: g.at, mean: g.mean / g.points, lo: g.lo / g.points, hi: g.hi / g.points, points: g.points }));
}

/** An output axis: percent for shares, dollars for money, else by the size of the values. */
function yFormat(label: { unit: string; format: string }, values: readonly number[]): string {
  return label.unit === 'share' || label.unit === 'dollars' ? label.format : formatOf(values);
}

function top(title: string, subtitle: string | string[], body: object): TopLevelSpec {
  return { $schema: VEGA_LITE_SCHEMA, title: { text: title, subtitle }, config: CONFIG, width: WIDTH, height: HEIGHT, ...body } as TopLevelSpec;
}

/**
 * The output's mean over replications across two parameters, as colour. On a grid, one cell per pair
 * of values (averaged over any other parameters); for random and lhs, numeric parameters are cut
 * into bins and each cell is the mean of the points in it.
 *
 * @example
 * ```ts
 * sweepHeatmap(summarisePoints(plan, table), 'policies.quota.target', 'behaviour.contagion', { output: 'realOutput', grid: true });
 * ```
 */
export function sweepHeatmap(points: readonly SweepPointRow[], x: string, y: string, options: SweepChartOptions): TopLevelSpec {
  const { output, grid } = options;
  const cells = grid ? averaged(points, [x, y], output).map((c) => ({ x: c.at[0], y: c.at[1], mean: c.mean, points: c.points })) : points.map((p) => ({ x: p.values[x], y: p.values[y], mean: p.outputs[output].mean, points: 1 }));
  // No grid lines: on a heatmap they would run through the middle of the cells.
  const axis = (field: 'x' | 'y', title: string) => {
    const numeric = allNumbers(cells.map((c) => c[field]));
    const format = formatOf(cells.map((c) => c[field]));
    if (grid || !numeric) return { field, type: 'ordinal', title, sort: field === 'y' ? 'descending' : 'ascending', axis: numeric ? { format, labelAngle: 0, grid: false } : { labelAngle: 0, grid: false } } as const;
    return { field, type: 'quantitative', title, bin: { maxbins: binsFor(cells.length) }, axis: { format, grid: false } } as const;
  };
  const label = outputLabel(output);
  const subtitle = grid ? `Mean over replications${points.length > cells.length ? ', averaged over the other parameters' : ''}` : 'Mean over the points in each cell, each point a mean over replications';
  return top(`${label.title} by ${parameterLabel(x).toLowerCase()} and ${parameterLabel(y).toLowerCase()}`, [subtitle, codeNames(output, [x, y])], {
    data: { values: cells },
    mark: { type: 'rect' },
    encoding: {
      x: axis('x', parameterLabel(x)),
      y: axis('y', parameterLabel(y)),
      color: { aggregate: 'mean', field: 'mean', type: 'quantitative', title: 'Mean', scale: { scheme: 'viridis' }, legend: { orient: 'right', direction: 'vertical', format: label.unit === 'share' || label.unit === 'dollars' ? label.format : formatOf(cells.map((c) => c.mean)), titleLimit: 220 } },
      tooltip: [
        { aggregate: 'mean', field: 'mean', type: 'quantitative', title: `Mean ${output}`, format: NUMBER_FORMAT },
        { aggregate: 'sum', field: 'points', type: 'quantitative', title: 'Points' },
      ],
    },
  });
}

/**
 * On a grid: the output's mean (line) and 95% band along one parameter, averaged over the other
 * parameters' points at each value (the band is the mean of their intervals).
 *
 * @example
 * ```ts
 * sweepLine(summarisePoints(plan, table), 'policies.quota.target', { output: 'spend', grid: true });
 * ```
 */
export function sweepLine(points: readonly SweepPointRow[], parameter: string, options: SweepChartOptions): TopLevelSpec {
  const { output } = options;
  const values = averaged(points, [parameter], output).map((g) => ({ x: g.at[0], mean: g.mean, lo: g.lo, hi: g.hi, points: g.points }));
  const numeric = allNumbers(values.map((v) => v.x));
  if (numeric) values.sort((a, b) => (a.x as number) - (b.x as number));
  const label = outputLabel(output);
  const x = numeric ? ({ field: 'x', type: 'quantitative', title: parameterLabel(parameter), axis: { format: formatOf(values.map((v) => v.x)) } } as const) : ({ field: 'x', type: 'ordinal', title: parameterLabel(parameter), sort: null, axis: { labelAngle: 0 } } as const);
  const y = { type: 'quantitative', title: label.title, axis: { format: yFormat(label, values.flatMap((v) => [v.lo, v.hi])) }, scale: { zero: false } } as const;
  const others = points.length > values.length;
  return top(`${label.title} along ${parameterLabel(parameter).toLowerCase()}`, [`Mean over replications${others ? ' and the other parameters' : ''}, with 95% interval`, codeNames(output, [parameter])], {
    data: { values },
    layer: [
      { mark: { type: 'area', opacity: 0.25, color: COLOUR }, encoding: { x, y: { field: 'lo', ...y }, y2: { field: 'hi' } } },
      {
        mark: { type: 'line', color: COLOUR, point: true },
        encoding: {
          x,
          y: { field: 'mean', ...y },
          tooltip: [...intervalTooltip(parameter), { field: 'points', title: 'Points' }],
        },
      },
    ],
  });
}

/**
 * For random and lhs designs: each point's mean over replications (a dot) with its 95% interval (a
 * rule) against one parameter; the spread at one value comes from the other parameters.
 *
 * @example
 * ```ts
 * sweepScatter(summarisePoints(plan, table), 'behaviour.contagion', { output: 'gamingShare', grid: false });
 * ```
 */
export function sweepScatter(points: readonly SweepPointRow[], parameter: string, options: SweepChartOptions): TopLevelSpec {
  const { output } = options;
  const values = points.map((p) => ({ x: p.values[parameter], ...p.outputs[output] }));
  const numeric = allNumbers(values.map((v) => v.x));
  const label = outputLabel(output);
  const x = numeric ? ({ field: 'x', type: 'quantitative', title: parameterLabel(parameter), axis: { format: formatOf(values.map((v) => v.x)) } } as const) : ({ field: 'x', type: 'ordinal', title: parameterLabel(parameter), axis: { labelAngle: 0 } } as const);
  const y = { type: 'quantitative', title: label.title, axis: { format: yFormat(label, values.flatMap((v) => [v.lo, v.hi])) }, scale: { zero: false } } as const;
  return top(`${label.title} against ${parameterLabel(parameter).toLowerCase()}`, ['Each point: mean over replications, with 95% interval; spread at one value: the other parameters', codeNames(output, [parameter])], {
    data: { values },
    layer: [
      { mark: { type: 'rule', color: COLOUR, opacity: 0.35 }, encoding: { x, y: { field: 'lo', ...y }, y2: { field: 'hi' } } },
      {
        mark: { type: 'point', filled: true, color: COLOUR, opacity: 0.8, size: 40 },
        encoding: {
          x,
          y: { field: 'mean', ...y },
          tooltip: intervalTooltip(parameter),
        },
      },
    ],
  });
}

/**
 * Every chart of a grid, random or lhs sweep, by file name (without extension): for each output,
 * `heatmap-<output>` over the first two parameters (with two or more), and `line-<output>-<parameter>`
 * (grid) or `scatter-<output>-<parameter>` (random, lhs) for each parameter.
 */
export function sweepCharts(points: readonly SweepPointRow[], parameters: readonly string[], outputs: readonly string[], grid: boolean): Record<string, TopLevelSpec> {
  const charts: Record<string, TopLevelSpec> = {};
  for (const output of outputs) {
    const options = { output, grid };
    if (parameters.length >= 2) charts[`heatmap-${output}`] = sweepHeatmap(points, parameters[0], parameters[1], options);
    for (const p of parameters) charts[`${grid ? 'line' : 'scatter'}-${output}-${p}`] = grid ? sweepLine(points, p, options) : sweepScatter(points, p, options);
  }
  return charts;
}
