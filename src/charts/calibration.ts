/**
 * A calibration's charts: the posterior predictive check (each target's published figure with its
 * 95% interval, against the 95% range of its statistic over the posterior's particles), and the
 * tolerance of each generation.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CONFIG, VEGA_LITE_SCHEMA, WIDTH } from './theme.ts';

/** One target of the predictive check: what was published, and what the posterior simulates. */
export interface PredictiveRow {
  target: string;
  observed: number;
  /** The published figure's 95% interval, as the targets file gives it. */
  observedLow: number;
  observedHigh: number;
  simulatedMedian: number;
  simulatedLow: number;
  simulatedHigh: number;
}

const PUBLISHED = 'published (95%)';
const SIMULATED = 'posterior (95% of particles)';
/** Okabe-Ito: black for the evidence, blue for the model. */
const COLOURS = ['#000000', '#0072B2'];

/** A panel per target, each on its own scale: the published interval above, the simulated range below. */
export function predictiveChart(rows: readonly PredictiveRow[]): TopLevelSpec {
  const values = rows.flatMap((r) => [
    { target: r.target, source: PUBLISHED, mid: r.observed, lo: r.observedLow, hi: r.observedHigh },
    { target: r.target, source: SIMULATED, mid: r.simulatedMedian, lo: r.simulatedLow, hi: r.simulatedHigh },
  ]);
  const y = { field: 'source', type: 'nominal', title: null, sort: [PUBLISHED, SIMULATED], axis: { labelFontSize: 13 } } as const;
  const color = { field: 'source', type: 'nominal', title: null, scale: { domain: [PUBLISHED, SIMULATED], range: COLOURS }, legend: null } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Posterior predictive check', subtitle: 'Each target: the published figure against what the calibrated model simulates' },
    data: { values },
    facet: { row: { field: 'target', type: 'nominal', title: null, header: { labelAngle: 0, labelAlign: 'left', labelFontSize: 14 } } },
    spec: {
      width: WIDTH,
      height: 50,
      layer: [
        { mark: { type: 'rule', strokeWidth: 3 }, encoding: { y, x: { field: 'lo', type: 'quantitative', title: null, scale: { zero: false } }, x2: { field: 'hi' }, color } },
        { mark: { type: 'point', filled: true, size: 90 }, encoding: { y, x: { field: 'mid', type: 'quantitative' }, color, tooltip: [{ field: 'target' }, { field: 'source' }, { field: 'mid', format: '.3~g' }, { field: 'lo', format: '.3~g' }, { field: 'hi', format: '.3~g' }] } },
      ],
    },
    resolve: { scale: { x: 'independent' } },
    config: CONFIG,
  } as TopLevelSpec;
}

/** The tolerance of each generation, on a log scale: how close the accepted simulations came. */
export function toleranceChart(generations: readonly { generation: number; epsilon: number; ess: number; acceptanceRate: number }[]): TopLevelSpec {
  // Generation 0 accepts every draw from the prior: it has no finite tolerance to plot.
  const values = generations.filter((g) => Number.isFinite(g.epsilon)).map((g) => ({ ...g, generation: g.generation + 1 }));
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Tolerance by generation', subtitle: 'Standardised distance within which candidates were accepted' },
    width: WIDTH,
    height: 200,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'generation', type: 'ordinal', title: 'Generation' },
      y: { field: 'epsilon', type: 'quantitative', title: 'Tolerance', scale: { type: 'log' } },
      tooltip: [{ field: 'generation' }, { field: 'epsilon', format: '.3~g' }, { field: 'acceptanceRate', format: '.0%', title: 'accepted' }, { field: 'ess', format: '.0f', title: 'effective sample size' }],
    },
    config: CONFIG,
  } as TopLevelSpec;
}
