/**
 * Charts across scenarios: each key outcome per scenario with its 95% interval, and the paired
 * difference of each scenario against the first. Both are a panel per outcome, each with its own
 * axis and unit, a dot for the mean and a bar for the interval.
 */
import type { TopLevelSpec } from 'vega-lite';
import { outcomeTitle, type DifferenceRow, type OutcomeRow } from '../experiment/compare.ts';
import { betterDirection, intervalVerdict, VERDICT_COLOURS, VERDICT_LABELS, type Verdict } from './better.ts';
import { CONFIG, scenarioScale, VEGA_LITE_SCHEMA, WIDTH } from './theme.ts';

const ROW_HEIGHT = 26;

interface IntervalRow {
  scenario: string;
  outcome: string;
  label: string;
  unit: string;
  mean: number;
  lo: number;
  hi: number;
}

/** One panel per outcome: scenarios down, the outcome across, dot = mean, bar = 95% interval. */
function intervalPanels(
  rows: readonly IntervalRow[],
  scenarios: readonly string[],
  shown: readonly string[],
  title: { text: string; subtitle: string },
  options: { zeroRule: boolean; meanTitle: string; extraTooltip?: object[]; byVerdict?: boolean },
): TopLevelSpec {
  const values = rows.map((r) => ({ ...r, panel: outcomeTitle(r), verdict: VERDICT_LABELS[intervalVerdict(betterDirection(r.outcome), r)] }));
  const panels = [...new Set(values.map((v) => v.panel))];
  // Differences are coloured by what they mean for the organisation, whatever their sign; outcomes by scenario.
  const verdicts: Verdict[] = ['better', 'worse', 'same'];
  const colour = options.byVerdict
    ? ({ field: 'verdict', type: 'nominal', title: 'For the organisation (95% interval clear of 0)', scale: { domain: verdicts.map((v) => VERDICT_LABELS[v]), range: verdicts.map((v) => VERDICT_COLOURS[v]) } } as const)
    : ({ field: 'scenario', type: 'nominal', title: 'Scenario', scale: scenarioScale(scenarios) } as const);
  const y = { field: 'scenario', type: 'nominal', title: null, sort: [...shown], axis: { labelFontSize: 14 } } as const;
  const layer: object[] = [
    { mark: { type: 'rule', strokeWidth: 3 }, encoding: { y, x: { field: 'lo', type: 'quantitative', title: null, scale: { zero: false } }, x2: { field: 'hi' }, color: colour } },
    {
      mark: { type: 'point', filled: true, size: 120 },
      encoding: {
        y,
        x: { field: 'mean', type: 'quantitative' },
        color: colour,
        tooltip: [
          { field: 'scenario', title: 'Scenario' },
          { field: 'label', title: 'Outcome' },
          { field: 'mean', title: options.meanTitle, format: ',.4~g' },
          { field: 'lo', title: '95% from', format: ',.4~g' },
          { field: 'hi', title: '95% to', format: ',.4~g' },
          ...(options.extraTooltip ?? []),
        ],
      },
    },
  ];
  if (options.zeroRule) layer.unshift({ mark: { type: 'rule', color: '#000' }, encoding: { x: { datum: 0, type: 'quantitative' } } });
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    config: CONFIG,
    data: { values },
    facet: {
      row: {
        field: 'panel',
        type: 'nominal',
        title: null,
        sort: panels,
        header: { labelOrient: 'top', labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelFontSize: 15, labelFontWeight: 'bold' },
      },
    },
    spec: { width: WIDTH, height: { step: ROW_HEIGHT }, layer },
    resolve: { scale: { x: 'independent' } },
  } as TopLevelSpec;
}

/** Dot-and-interval of each key outcome per scenario. */
export function outcomesChart(rows: readonly OutcomeRow[], scenarios: readonly string[]): TopLevelSpec {
  return intervalPanels(
    rows,
    scenarios,
    scenarios,
    { text: 'Key outcomes by scenario', subtitle: 'Mean over seeds with 95% interval; whole run unless marked "at the end"' },
    { zeroRule: false, meanTitle: 'Mean' },
  );
}

/** Paired differences against the first scenario, in each outcome's unit, with 0 marked. */
export function differencesChart(rows: readonly DifferenceRow[], scenarios: readonly string[]): TopLevelSpec {
  const reference = rows[0]?.against ?? scenarios[0];
  return intervalPanels(
    rows,
    scenarios,
    scenarios.filter((s) => s !== reference),
    { text: `Difference from ${reference}`, subtitle: 'Paired by seed (same engineers, same luck): mean difference with 95% interval; right of 0 is a rise' },
    {
      zeroRule: true,
      meanTitle: 'Difference',
      byVerdict: true,
      extraTooltip: [
        { field: 'relative', title: 'Relative', format: '+.1%' },
        { field: 'verdict', title: 'For the organisation' },
      ],
    },
  );
}
