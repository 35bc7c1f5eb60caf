/**
 * Charts of a sensitivity analysis, one output at a time: Sobol' indices (how much of the output's
 * variance each parameter accounts for) and Morris's screening plane (how influential, how non-linear).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { MorrisIndex, SobolIndex } from '../experiment/sensitivity.ts';
import { CONFIG, HEIGHT, VEGA_LITE_SCHEMA, WIDTH } from './theme.ts';

/** Height of a parameter's row: room for its two dots (S1 above ST) and their intervals. */
const ROW_HEIGHT = 34;
/** The Morris plane is a scatter: taller than a time series, so that σ reads as well as μ*. */
const SCATTER_HEIGHT = HEIGHT + 120;

/** Parameters are dotted paths into a scenario (policies.quota.target): show them whole, up to this many pixels. */
const LABEL_LIMIT = 600;

/** The two indices, labelled as the legend shows them, each in an Okabe-Ito colour of the theme. */
const FIRST_ORDER = 'First-order S1 (alone)';
const TOTAL = 'Total ST (with interactions)';
const INDEX_SCALE = { domain: [FIRST_ORDER, TOTAL], range: ['#0072B2', '#D55E00'] };

/** What a sensitivity chart says in its title. */
export interface SensitivityChartOptions {
  /** The output analysed, named in the title as the sweep's files name it (e.g. realOutput, trust\@final). */
  output?: string;
}

/**
 * Sobol' indices of each parameter: a dot for S1 and one for ST with their 95% bootstrap intervals,
 * parameters down the side from the largest ST. ST - S1 is what a parameter does through interactions;
 * a parameter with ST near 0 can be fixed anywhere in its range (factor fixing: Saltelli et al. 2008).
 *
 * @example
 * ```ts
 * sobolChart(sobolIndices(design, y, { names }), { output: 'realOutput' });
 * ```
 */
export function sobolChart(rows: readonly SobolIndex[], options: SensitivityChartOptions = {}): TopLevelSpec {
  const order = [...rows].sort((a, b) => b.ST - a.ST).map((r) => r.parameter);
  const values = rows.flatMap((r) => [
    { parameter: r.parameter, index: FIRST_ORDER, value: r.S1, lo: r.S1lo, hi: r.S1hi },
    { parameter: r.parameter, index: TOTAL, value: r.ST, lo: r.STlo, hi: r.SThi },
  ]);
  // The axis always spans 0 to 1, the range of a share of variance, and further when an estimate strays.
  const domain = [Math.min(0, ...values.map((v) => v.lo)), Math.max(1, ...values.map((v) => v.hi))];
  const y = { field: 'parameter', type: 'nominal', title: null, sort: order, scale: { type: 'band' }, axis: { labelLimit: LABEL_LIMIT } } as const;
  const yOffset = { field: 'index', type: 'nominal', sort: [FIRST_ORDER, TOTAL] } as const;
  const colour = { field: 'index', type: 'nominal', title: null, scale: INDEX_SCALE } as const;
  const x = { type: 'quantitative', scale: { domain }, axis: { format: '.1f' } } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: options.output ? `Sensitivity of ${options.output}: Sobol' indices` : "Sobol' sensitivity indices",
      subtitle: "Share of the output's variance due to each parameter, with 95% bootstrap intervals",
    },
    config: CONFIG,
    data: { values },
    width: WIDTH,
    height: { step: ROW_HEIGHT },
    layer: [
      { mark: { type: 'rule', color: '#000' }, encoding: { x: { datum: 0, ...x } } },
      { mark: { type: 'rule', strokeWidth: 3 }, encoding: { y, yOffset, x: { field: 'lo', title: 'Sobol index', ...x }, x2: { field: 'hi' }, color: colour } },
      {
        mark: { type: 'point', filled: true, size: 110 },
        encoding: {
          y,
          yOffset,
          x: { field: 'value', ...x },
          color: colour,
          tooltip: [
            { field: 'parameter', title: 'Parameter' },
            { field: 'index', title: 'Index' },
            { field: 'value', title: 'Estimate', format: '.3f' },
            { field: 'lo', title: '95% from', format: '.3f' },
            { field: 'hi', title: '95% to', format: '.3f' },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}

/**
 * Morris's plane: each parameter at its μ* (influence) across and σ (non-linearity or interactions)
 * up, labelled with its name. Near the origin: negligible. Far right, low: a large, near-linear effect.
 * Above the dashed line σ = μ*: effects that change a lot with where the other parameters are
 * (Morris 1991; Campolongo et al. 2007).
 *
 * @example
 * ```ts
 * morrisChart(morrisIndices(design, y, { names }), { output: 'Incidents' });
 * ```
 */
export function morrisChart(rows: readonly MorrisIndex[], options: SensitivityChartOptions = {}): TopLevelSpec {
  const values = rows.map((r) => ({ parameter: r.parameter, muStar: r.muStar, sigma: r.sigma, mu: r.mu }));
  const extent = Math.max(0, ...values.flatMap((v) => [v.muStar, v.sigma]));
  const x = { field: 'muStar', type: 'quantitative', title: 'μ*: mean absolute effect over the range', axis: { format: '.3~s' } } as const;
  const y = { field: 'sigma', type: 'quantitative', title: 'σ: spread of the effects', axis: { format: '.3~s' } } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: options.output ? `Sensitivity of ${options.output}: Morris screening` : 'Morris screening',
      subtitle: [
        'Effects of moving each parameter across its whole range, one at a time',
        'Above the dashed line σ = μ*: strongly non-linear, or interacting with others',
      ],
    },
    config: CONFIG,
    width: WIDTH,
    height: SCATTER_HEIGHT,
    layer: [
      {
        data: { values: [{ muStar: 0, sigma: 0 }, { muStar: extent, sigma: extent }] },
        mark: { type: 'line', color: '#999', strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { x, y },
      },
      {
        data: { values },
        layer: [
          {
            mark: { type: 'point', filled: true, color: '#0072B2' },
            encoding: {
              x,
              y,
              tooltip: [
                { field: 'parameter', title: 'Parameter' },
                { field: 'muStar', title: 'μ*', format: ',.4~g' },
                { field: 'sigma', title: 'σ', format: ',.4~g' },
                { field: 'mu', title: 'μ', format: ',.4~g' },
              ],
            },
          },
          { mark: { type: 'text', align: 'left', dx: 8, dy: -8, fontSize: 14 }, encoding: { x, y, text: { field: 'parameter' } } },
        ],
      },
    ],
  } as TopLevelSpec;
}
