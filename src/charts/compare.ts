/**
 * Charts across scenarios: each key outcome per scenario with its 95% interval, and the paired
 * difference of each scenario against the first (relative to the first's mean).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { DifferenceRow, OutcomeRow } from '../experiment/compare.ts';
import { CONFIG, scenarioScale, VEGA_LITE_SCHEMA, WIDTH } from './theme.ts';

const ROW_HEIGHT = 26;

/** Dot-and-interval of each key outcome per scenario, one panel per outcome with its own axis. */
export function outcomesChart(rows: readonly OutcomeRow[], scenarios: readonly string[]): TopLevelSpec {
  const values = rows.map((r) => ({ ...r, panel: `${r.label} (${r.unit})` }));
  const panels = [...new Set(values.map((v) => v.panel))];
  const colour = { field: 'scenario', type: 'nominal', title: 'Scenario', scale: scenarioScale(scenarios) } as const;
  const y = { field: 'scenario', type: 'nominal', title: null, sort: [...scenarios], axis: { labelFontSize: 14 } } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: 'Key outcomes by scenario', subtitle: 'Mean over seeds with 95% interval; whole run unless marked "at the end"' },
    config: CONFIG,
    data: { values },
    facet: { row: { field: 'panel', type: 'nominal', title: null, sort: panels, header: { labelOrient: 'top', labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelFontSize: 15, labelFontWeight: 'bold' } } },
    spec: {
      width: WIDTH,
      height: { step: ROW_HEIGHT },
      layer: [
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
              { field: 'mean', title: 'Mean', format: ',.4~g' },
              { field: 'lo', title: '95% from', format: ',.4~g' },
              { field: 'hi', title: '95% to', format: ',.4~g' },
            ],
          },
        },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  } as TopLevelSpec;
}

/** Paired differences against the first scenario, one panel per outcome with its own axis and unit. */
export function differencesChart(rows: readonly DifferenceRow[], scenarios: readonly string[]): TopLevelSpec {
  const reference = rows[0]?.against ?? scenarios[0];
  const compared = scenarios.filter((s) => s !== reference);
  const values = rows.map((r) => ({ ...r, panel: `${r.label} (${r.unit})` }));
  const panels = [...new Set(values.map((v) => v.panel))];
  const colour = { field: 'scenario', type: 'nominal', title: 'Scenario', scale: scenarioScale(scenarios) } as const;
  const y = { field: 'scenario', type: 'nominal', title: null, sort: compared, axis: { labelFontSize: 14 } } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: { text: `Difference from ${reference}`, subtitle: 'Paired by seed (same engineers, same luck): mean difference with 95% interval' },
    config: CONFIG,
    data: { values },
    facet: { row: { field: 'panel', type: 'nominal', title: null, sort: panels, header: { labelOrient: 'top', labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelFontSize: 15, labelFontWeight: 'bold' } } },
    spec: {
      width: WIDTH,
      height: { step: ROW_HEIGHT },
      layer: [
        { mark: { type: 'rule', color: '#000' }, encoding: { x: { datum: 0, type: 'quantitative' } } },
        { mark: { type: 'rule', strokeWidth: 3 }, encoding: { y, x: { field: 'lo', type: 'quantitative', title: null }, x2: { field: 'hi' }, color: colour } },
        {
          mark: { type: 'point', filled: true, size: 120 },
          encoding: {
            y,
            x: { field: 'mean', type: 'quantitative' },
            color: colour,
            tooltip: [
              { field: 'scenario', title: 'Scenario' },
              { field: 'label', title: 'Outcome' },
              { field: 'mean', title: 'Difference', format: ',.4~g' },
              { field: 'lo', title: '95% from', format: ',.4~g' },
              { field: 'hi', title: '95% to', format: ',.4~g' },
              { field: 'relative', title: 'Relative', format: '+.1%' },
            ],
          },
        },
      ],
    },
    resolve: { scale: { x: 'independent' } },
  } as TopLevelSpec;
}
