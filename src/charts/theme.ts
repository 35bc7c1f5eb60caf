/**
 * The look shared by every chart: colours that survive colour blindness (Okabe and Ito 2008), fixed
 * per scenario and per strategy across all charts, and type large enough to read on a projector.
 */
import type { TopLevelSpec } from 'vega-lite';
import { STRATEGIES } from '../agents/strategies.ts';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Okabe-Ito, without yellow (too light on white), and without blue and vermillion: those say better
 * and worse for the organisation (better.ts), and a scenario drawn in them would read as a verdict.
 */
export const SCENARIO_COLOURS = ['#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#999999'];

/** One colour per strategy, in strategy order, from the strategies' declarations (src/agents/strategies.ts). */
export const STRATEGY_COLOURS: readonly string[] = STRATEGIES.map((s) => s.colour);

/** The label of a strategy by name. */
export function strategyLabel(name: string): string {
  return STRATEGIES.find((s) => s.name === name)?.label ?? name;
}

/** Chart size in pixels: readable on a projector, two per row on a wide screen. */
export const WIDTH = 520;
export const HEIGHT = 240;

export const CONFIG: NonNullable<TopLevelSpec['config']> = {
  font: 'DejaVu Sans, Helvetica, Arial, sans-serif',
  title: { fontSize: 20, anchor: 'start', subtitleFontSize: 14, subtitleColor: '#444', offset: 12 },
  axis: { labelFontSize: 14, titleFontSize: 15, titleFontWeight: 'normal', grid: true, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 14, titleFontSize: 15, orient: 'bottom', direction: 'horizontal', columns: 2, labelLimit: 400 },
  header: { labelFontSize: 15, titleFontSize: 15 },
  view: { stroke: null },
  line: { strokeWidth: 3 },
  point: { size: 80 },
};

/** A colour scale mapping each scenario name to its colour, in the order given. */
export function scenarioScale(scenarios: readonly string[]) {
  return { domain: [...scenarios], range: scenarios.map((_, k) => SCENARIO_COLOURS[k % SCENARIO_COLOURS.length]) };
}

export function strategyScale() {
  return { domain: STRATEGIES.map((s) => s.label), range: [...STRATEGY_COLOURS] };
}

/** Axis label formats. */
export const FORMAT = { share: '.0%', count: ',.0f', dollars: '$,.3~s', tokens: '.2s', decimal: '.2f' } as const;
