/**
 * The waterfall of an explanation, one chart per outcome: the reference scenario's value, then each
 * component's Shapley contribution as a step from where the last one ended, then the scenario
 * explained. The steps end exactly at the target's value (efficiency), so the chart shows at a glance
 * which component moved the outcome how far. Each bar carries its 95% interval over seeds.
 */
import type { TopLevelSpec } from 'vega-lite';
import { outcomeTitle } from '../experiment/compare.ts';
import type { Explanation, OutcomeAttribution } from '../experiment/explain.ts';
import { CONFIG, FORMAT, SCENARIO_COLOURS, VEGA_LITE_SCHEMA, WIDTH } from './theme.ts';

/** Okabe-Ito colours left after the two scenarios' (blue and vermillion): orange for a rise, sky blue for a fall. */
export const RAISES_COLOUR = '#E69F00';
export const LOWERS_COLOUR = '#56B4E9';
const RAISES = 'Raises';
const LOWERS = 'Lowers';
const BAR_STEP = 34;

/** One bar of the waterfall: where it starts and ends on the outcome's axis, and its interval. */
export interface WaterfallBar {
  step: string;
  /** The reference or the scenario explained (their own names), or Raises / Lowers. */
  kind: string;
  start: number;
  end: number;
  /** The value shown: the scenario's mean, or the component's contribution. */
  value: number;
  /** The 95% interval of the value, placed on the axis (around `end`). */
  from: number;
  to: number;
  /** Where the bar's label goes: right of the bar and of its interval. */
  labelAt: number;
  blocks: string;
}

/** The bars of one outcome: reference from 0, each component from where the last ended, target from 0. */
export function waterfallBars(outcome: OutcomeAttribution, names: { against: string; scenario: string }): WaterfallBar[] {
  const bar = (b: Omit<WaterfallBar, 'labelAt'>): WaterfallBar => ({ ...b, labelAt: Math.max(b.start, b.end, b.to) });
  const bars: WaterfallBar[] = [
    bar({ step: names.against, kind: names.against, start: 0, end: outcome.baseline.mean, value: outcome.baseline.mean, from: outcome.baseline.lo, to: outcome.baseline.hi, blocks: '' }),
  ];
  let level = outcome.baseline.mean;
  for (const c of outcome.contributions) {
    const { mean, lo, hi } = c.shapley;
    bars.push(bar({ step: c.component, kind: mean >= 0 ? RAISES : LOWERS, start: level, end: level + mean, value: mean, from: level + lo, to: level + hi, blocks: c.blocks.join(', ') }));
    level += mean;
  }
  bars.push(bar({ step: names.scenario, kind: names.scenario, start: 0, end: outcome.target.mean, value: outcome.target.mean, from: outcome.target.lo, to: outcome.target.hi, blocks: '' }));
  return bars;
}

/** d3 formats of a value and of a signed step in an outcome's unit. */
function formats(unit: string): { value: string; step: string; axis?: string } {
  if (unit === 'share') return { value: '.1%', step: '+.1%', axis: FORMAT.share };
  if (unit === 'dollars') return { value: '$,.3~s', step: '+$,.3~s', axis: FORMAT.dollars };
  return { value: ',.3~r', step: '+,.3~r' };
}

/**
 * The waterfall of one outcome of an explanation.
 *
 * @example
 * ```ts
 * const spec = waterfallChart(await explain(baseline, meshclaw), 'incidents');
 * ```
 */
export function waterfallChart(explanation: Explanation, outcomeKey: string): TopLevelSpec {
  const outcome = explanation.outcomes.find((o) => o.outcome === outcomeKey);
  if (!outcome) throw new RangeError(`waterfallChart: no outcome ${outcomeKey}; the explanation has ${explanation.outcomes.map((o) => o.outcome).join(', ')}`);
  // Two scenarios of the same name (two files, one name) would share a bar.
  const same = explanation.against === explanation.scenario;
  const names = same ? { against: `${explanation.against} (reference)`, scenario: `${explanation.scenario} (explained)` } : { against: explanation.against, scenario: explanation.scenario };
  const bars = waterfallBars(outcome, names);
  const format = formats(outcome.unit);
  const seeds = explanation.seeds.length;
  const estimate = explanation.method === 'exact' ? 'Shapley contribution' : `Shapley contribution (${explanation.permutations} sampled orders a seed)`;
  const y = { field: 'step', type: 'nominal', title: null, sort: bars.map((b) => b.step), axis: { labelFontSize: 14, labelLimit: 220 } } as const;
  const colour = {
    field: 'kind',
    type: 'nominal',
    title: null,
    legend: { columns: 4, labelLimit: 220 },
    scale: { domain: [names.against, RAISES, LOWERS, names.scenario], range: [SCENARIO_COLOURS[0], RAISES_COLOUR, LOWERS_COLOUR, SCENARIO_COLOURS[1]] },
  } as const;
  const tooltip = [
    { field: 'step', title: 'Bar' },
    { field: 'value', title: 'Value', format: format.value },
    { field: 'from', title: '95% from (on the axis)', format: format.value },
    { field: 'to', title: '95% to (on the axis)', format: format.value },
    { field: 'blocks', title: 'Blocks' },
  ];
  const isStep = `datum.kind === '${RAISES}' || datum.kind === '${LOWERS}'`;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: {
      text: `${outcome.label}: ${names.against} → ${names.scenario}`,
      subtitle: [`${estimate} of each component, in ${outcome.unit === 'share' ? 'percentage points' : outcome.unit}:`, `mean over ${seeds} seed${seeds === 1 ? '' : 's'}, 95% interval; the steps add up to the difference.`],
    },
    config: CONFIG,
    data: { values: bars },
    width: WIDTH,
    height: { step: BAR_STEP },
    encoding: { y },
    layer: [
      {
        mark: { type: 'bar', height: { band: 0.7 } },
        encoding: {
          x: { field: 'start', type: 'quantitative', title: outcomeTitle(outcome), ...(format.axis ? { axis: { format: format.axis } } : {}) },
          x2: { field: 'end' },
          color: colour,
          tooltip,
        },
      },
      { mark: { type: 'rule', color: '#222', strokeWidth: 1.5 }, encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' } } },
      {
        transform: [{ filter: `!(${isStep})` }],
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 13 },
        encoding: { x: { field: 'labelAt', type: 'quantitative' }, text: { field: 'value', type: 'quantitative', format: format.value } },
      },
      {
        transform: [{ filter: isStep }],
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 13 },
        encoding: { x: { field: 'labelAt', type: 'quantitative' }, text: { field: 'value', type: 'quantitative', format: format.step } },
      },
    ],
  } as TopLevelSpec;
}

/** A waterfall per outcome of an explanation, by outcome key. */
export function waterfallCharts(explanation: Explanation): Record<string, TopLevelSpec> {
  return Object.fromEntries(explanation.outcomes.map((o) => [o.outcome, waterfallChart(explanation, o.outcome)]));
}
