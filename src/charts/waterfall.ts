/**
 * The waterfall of an explanation, one chart per outcome: the reference scenario's value, then each
 * component's Shapley contribution as a step from where the last one ended, then the scenario
 * explained. The steps end exactly at the target's value (efficiency), so the chart shows at a glance
 * which component moved the outcome how far. Each bar carries its 95% interval over seeds.
 */
import type { TopLevelSpec } from 'vega-lite';
import { outcomeTitle } from '../experiment/compare.ts';
import type { Explanation, OutcomeAttribution } from '../experiment/explain.ts';
import { formatDifference, formatNumber } from '../report/format.ts';
import { betterDirection, verdictOf, VERDICT_COLOURS } from './better.ts';
import { CONFIG, FORMAT, SCENARIO_COLOURS, VEGA_LITE_SCHEMA, WIDTH } from './theme.ts';

/**
 * Steps are coloured by what they do for the organisation (src/charts/better.ts), not by their sign:
 * a component that adds incidents is "worse" like one that takes output away. The label's sign says
 * which way the step goes.
 */
const BETTER = 'Better for the organisation';
const WORSE = 'Worse for the organisation';
const NEUTRAL = 'Step';
const BAR_STEP = 34;

/** One bar of the waterfall: where it starts and ends on the outcome's axis, and its interval. */
export interface WaterfallBar {
  step: string;
  /** The reference or the scenario explained (their own names), or whether the step is better or worse for the organisation. */
  kind: string;
  /** The value in words, in the outcome's unit: shares in percent, steps of shares in percentage points. */
  text: string;
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
  const value = (v: number) => formatNumber(v, outcome.unit);
  const bars: WaterfallBar[] = [
    bar({ step: names.against, kind: names.against, start: 0, end: outcome.baseline.mean, value: outcome.baseline.mean, text: value(outcome.baseline.mean), from: outcome.baseline.lo, to: outcome.baseline.hi, blocks: '' }),
  ];
  const direction = betterDirection(outcome.outcome);
  let level = outcome.baseline.mean;
  for (const c of outcome.contributions) {
    const { mean, lo, hi } = c.shapley;
    const verdict = verdictOf(direction, mean);
    const kind = verdict === 'better' ? BETTER : verdict === 'worse' ? WORSE : NEUTRAL;
    bars.push(bar({ step: c.component, kind, start: level, end: level + mean, value: mean, text: formatDifference(mean, outcome.unit), from: level + lo, to: level + hi, blocks: c.blocks.join(', ') }));
    level += mean;
  }
  bars.push(bar({ step: names.scenario, kind: names.scenario, start: 0, end: outcome.target.mean, value: outcome.target.mean, text: value(outcome.target.mean), from: outcome.target.lo, to: outcome.target.hi, blocks: '' }));
  return bars;
}

/** d3 formats of a value in an outcome's unit, for tooltips and the axis. */
function formats(unit: string): { value: string; axis?: string } {
  if (unit === 'share') return { value: '.1%', axis: FORMAT.share };
  if (unit === 'dollars') return { value: '$,.3~s', axis: FORMAT.dollars };
  return { value: ',.3~r' };
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
  const direction = betterDirection(outcome.outcome);
  const y = { field: 'step', type: 'nominal', title: null, sort: bars.map((b) => b.step), axis: { labelFontSize: 14, labelLimit: 220 } } as const;
  const colour = {
    field: 'kind',
    type: 'nominal',
    title: null,
    legend: { columns: 2, labelLimit: 320 },
    scale: {
      domain: [names.against, BETTER, WORSE, names.scenario, ...(direction ? [] : [NEUTRAL])],
      range: [SCENARIO_COLOURS[0], VERDICT_COLOURS.better, VERDICT_COLOURS.worse, SCENARIO_COLOURS[1], ...(direction ? [] : [VERDICT_COLOURS.same])],
    },
  } as const;
  const tooltip = [
    { field: 'step', title: 'Bar' },
    { field: 'text', title: 'Value' },
    { field: 'from', title: '95% from (on the axis)', format: format.value },
    { field: 'to', title: '95% to (on the axis)', format: format.value },
    { field: 'blocks', title: 'Blocks' },
  ];
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
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 13 },
        encoding: { x: { field: 'labelAt', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
      },
    ],
  } as TopLevelSpec;
}

/** A waterfall per outcome of an explanation, by outcome key. */
export function waterfallCharts(explanation: Explanation): Record<string, TopLevelSpec> {
  return Object.fromEntries(explanation.outcomes.map((o) => [o.outcome, waterfallChart(explanation, o.outcome)]));
}
