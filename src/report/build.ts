/**
 * From results to what a report shows: the chart specs of every scenario and across scenarios, the
 * key outcomes and the paired differences against the first scenario. Pure: files are written by the
 * caller.
 */
import type { TopLevelSpec } from 'vega-lite';
import { differencesChart, outcomesChart } from '../charts/compare.ts';
import { agentPoints, SCENARIO_CHARTS, sharedRanges, tokenBins, type ScenarioChartData, type ScenarioChartName } from '../charts/scenario.ts';
import { SCENARIO_COLOURS } from '../charts/theme.ts';
import { KEY_OUTCOMES, outcomeOf, outcomeRows, pairedDifferences } from '../experiment/compare.ts';
import { metricDefinitions, spread } from '../experiment/summary.ts';
import type { ScenarioResult } from '../experiment/replicate.ts';
import { weeklyBands } from '../experiment/summary.ts';
import { mandateWeek } from '../sim/model.ts';
import { assumptionShares } from '../experiment/assumptions.ts';
import { DECISION_OUTCOMES } from './summary.ts';

/** Assumptions named per difference: the few that explain most of its spread. */
const SHARES_SHOWN = 3;
import type { ReportInput } from './html.ts';

/** Titles of the rows of the side-by-side section, one per chart kind. */
export const CHART_TITLES: Record<ScenarioChartName, string> = {
  'output-tokens': 'Real output and token use',
  strategies: 'How engineers work',
  gaming: 'Tokens burnt for the metric',
  incidents: 'Incidents and outages',
  validity: 'Is usage still a measure of work?',
  people: 'Belief, trust, morale and attrition',
  'token-distribution': 'Tokens per engineer in the final week',
  'rank-vs-output': 'Usage rank against real output',
};

/** What the report and the page chart for the `index`-th scenario of a comparison: weekly bands, the final week's tokens and outputs, prices. */
export function chartData(result: ScenarioResult, index: number): ScenarioChartData {
  const s = result.scenario;
  const snap = result.snapshot;
  const bins = snap ? tokenBins(snap.tokens) : { bins: [], noTokens: 0 };
  return {
    name: s.name,
    colour: SCENARIO_COLOURS[index % SCENARIO_COLOURS.length],
    // Runs at drawn parameters are spoken of as the command line's --posterior speaks of them: where they fall.
    bands: result.particles ? weeklyBands(result, undefined, spread) : weeklyBands(result),
    tokenBins: bins.bins,
    noTokens: bins.noTokens,
    agents: snap ? agentPoints(snap.tokens, snap.output, snap.strategy) : [],
    quotaTarget: snap?.usageTarget,
    mandateWeek: mandateWeek(s),
    pricePerMillionTokens: s.aiTool.pricePerMillionTokens,
    seeds: result.seeds.length,
    ...(result.particles && { assumptions: true }),
  };
}

export interface ReportCharts {
  /** Per scenario name, each chart by file name. */
  scenarios: Map<string, Record<ScenarioChartName, TopLevelSpec>>;
  /** Charts across scenarios, by file name. */
  overview: Record<string, TopLevelSpec>;
  report: ReportInput;
}

export function buildReport(results: readonly ScenarioResult[], version: string): ReportCharts {
  const names = results.map((r) => r.scenario.name);
  const scenarios = new Map<string, Record<ScenarioChartName, TopLevelSpec>>();
  const data = results.map(chartData);
  // Side by side, the scenarios' charts share their scales: equal heights mean equal values.
  const yRanges = sharedRanges(data);
  results.forEach((result, k) => {
    const charts = Object.fromEntries(Object.entries(SCENARIO_CHARTS).map(([name, build]) => [name, build({ ...data[k], yRanges })]));
    scenarios.set(result.scenario.name, charts as Record<ScenarioChartName, TopLevelSpec>);
  });
  const outcomes = results.flatMap((r) => outcomeRows(r));
  // Every metric the runs recorded, a policy's own included, as its declaration says to sum or average it.
  const definitions = results[0] ? metricDefinitions(results[0]) : [];
  const everyMetric = results.flatMap((r) => outcomeRows(r, definitions.map((m) => outcomeOf(m.name, 'whole', definitions))));
  const differences = results.slice(1).flatMap((r) => pairedDifferences(results[0], r));
  const reference = results[0]?.withAssumptions;
  const withAssumptions = reference && results.slice(1).flatMap((r) => pairedDifferences(reference, r.withAssumptions!, KEY_OUTCOMES, spread));
  // Which assumptions each difference depends on most, over the posterior's draws.
  const dependsOn =
    reference &&
    results.slice(1).flatMap((r) =>
      KEY_OUTCOMES.filter((o) => (DECISION_OUTCOMES as readonly string[]).includes(o.key)).map((o) => ({
        scenario: r.scenario.name,
        against: reference.scenario.name,
        outcome: o.key,
        label: o.label,
        shares: assumptionShares(reference, r.withAssumptions!, o).slice(0, SHARES_SHOWN),
      })),
    );
  // Every pair, so that a ranking can say which neighbours differ by no clear margin.
  const pairwise = results.flatMap((a, i) => results.slice(i + 1).flatMap((b) => pairedDifferences(a, b)));
  const overview: Record<string, TopLevelSpec> = { outcomes: outcomesChart(outcomes, names) };
  if (differences.length > 0) overview.differences = differencesChart(differences, names);
  const report: ReportInput = {
    title: `goodhart: ${names.join(' vs ')}`,
    version,
    scenarios: results.map((r) => r.scenario),
    seeds: results[0]?.seeds ?? [],
    outcomes,
    everyMetric,
    differences,
    ...(withAssumptions && { withAssumptions }),
    ...(dependsOn && { dependsOn }),
    pairwise,
    overview: Object.entries(overview).map(([name, spec]) => ({ title: name, spec })),
    sideBySide: (Object.keys(CHART_TITLES) as ScenarioChartName[]).map((kind) => ({
      kind: CHART_TITLES[kind],
      charts: names.map((n) => ({ title: `${n}: ${CHART_TITLES[kind]}`, spec: scenarios.get(n)![kind] })),
    })),
  };
  return { scenarios, overview, report };
}
