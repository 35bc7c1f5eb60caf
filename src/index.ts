/**
 * goodhart's public API: what the notebooks, the tests of features and your own code call (the
 * workshop page uses its browser-safe part, with a few page-only pieces, through src/browser.ts).
 * Everything here runs in Node and in the browser; nothing touches files unless you give
 * `loadScenario` a path in Node.
 *
 * @example
 * ```ts
 * import { loadScenario, runScenario, summarise } from 'goodhart';
 * const meshclaw = loadScenario('scenarios/meshclaw.yaml');
 * const summary = summarise(runScenario(meshclaw, { seeds: 10 }));
 * console.log(summary.realOutput.whole);
 * ```
 *
 * @packageDocumentation
 */
export { deepMerge, applyOverrides, parseScenarioText } from './scenario/load.ts';
export { loadScenario, type LoadOptions } from './experiment/load.ts';
export { ScenarioError } from './scenario/errors.ts';
export { type Scenario, type ScenarioInput } from './scenario/schema.ts';
export { num, int, flag, scheduled, dist } from './scenario/params.ts';
/** zod, the schema library a policy's block is written in: the same copy goodhart validates with. */
export { z } from 'zod';
export { sourced, assumed, chosen, type Evidence } from './scenario/evidence.ts';
export { SOURCES, type Source, type SourceKey } from './scenario/sources.ts';
export { parameters, evidenceProblems, type Parameter as ModelParameter } from './sim/parameters.ts';
export { compileExpression, EXPRESSION_FUNCTIONS } from './scenario/expression.ts';
export { type WeekPolicies, type Resolved } from './scenario/schedule.ts';
export { defineModel, DEFAULT_MODEL, validateScenario, mandateWeek, policyLevers, scenarioJsonSchema, modelOf, type Model, type PolicyLever } from './sim/model.ts';
export { simulate, type RunResult, type SimulationOptions } from './sim/run.ts';
export { type Signals } from './sim/signals.ts';
export { runScenario, type ReplicateOptions, type ScenarioResult } from './experiment/replicate.ts';
export { particleOf, scenarioWithParticle, type Posterior } from './experiment/posterior.ts';
export { parsePosterior } from './experiment/posterior-file.ts';
export { summarise, interval, spread, toRows, finalWeek, wholeRun, type Summary, type Interval, type MetricRow } from './experiment/summary.ts';
export { METRICS, METRIC_NAMES, type MetricName, type MetricDefinition } from './sim/metrics.ts';
export { POLICIES, definePolicy, inForce, type Policy, type PolicyMetric, type PolicySetup, type Lever } from './policies/index.ts';
export { STRATEGIES, STRATEGY_NAMES, STRATEGY_COUNT, type StrategyDeclaration } from './agents/strategies.ts';
export type { WeekContext, OrgState } from './sim/context.ts';
export type { Population } from './agents/population.ts';
export { weeklyBands, type WeeklyBand } from './experiment/summary.ts';
export { DESIGNS, designPoints, gridDesign, randomDesign, lhsDesign, type Design, type Parameter, type ParameterValue, type Point } from './experiment/designs.ts';
export { loadSweep, parseSweepText, resolvePlan, type SweepFile, type SweepPlan, type Output } from './experiment/plan.ts';
export { sweep, sweepTable, summarisePoints, planJobs, runOutputs, type SweepOptions, type SweepTable, type SweepRow, type RunJob, type RunRecord, type Shard, type PointSummary } from './experiment/sweep.ts';
export { KEY_OUTCOMES, outcomeRows, pairedDifferences, type Outcome, type OutcomeRow, type DifferenceRow } from './experiment/compare.ts';
export {
  explain,
  planExplain,
  runExplain,
  runExplainJob,
  attribute,
  ExplainError,
  type ExplainOptions,
  type RunExplainOptions,
  type ExplainPlan,
  type ExplainJob,
  type Explanation,
  type OutcomeAttribution,
  type Contribution,
  type Interaction,
  type Component,
} from './experiment/explain.ts';
export { exactShapley, permutationShapley, samplePermutations, pairInteraction } from './experiment/shapley.ts';
export { waterfallChart, waterfallCharts, waterfallBars, type WaterfallBar } from './charts/waterfall.ts';
export {
  SCENARIO_CHARTS,
  outputAndTokensChart,
  strategySharesChart,
  gamingChart,
  incidentsChart,
  validityChart,
  peopleChart,
  tokenDistributionChart,
  rankVsOutputChart,
  tokenBins,
  agentPoints,
  type ScenarioChartData,
  type ScenarioChartName,
} from './charts/scenario.ts';
export { outcomesChart, differencesChart } from './charts/compare.ts';
export { SCENARIO_COLOURS, STRATEGY_COLOURS } from './charts/theme.ts';
export { chartData } from './report/build.ts';
export { sweepHeatmap, sweepLine, sweepScatter, sweepCharts, type SweepPointRow } from './charts/sweep.ts';
export { sobolChart, morrisChart } from './charts/sensitivity.ts';
export { sweepSensitivity, type OutputSensitivity } from './experiment/sweep-sensitivity.ts';
export { type SobolIndex, type MorrisIndex } from './experiment/sensitivity.ts';
export { show, chartBundle, VEGA_LITE_MIME, type ChartBundle } from './notebook.ts';

// Types that the functions above take or return, exported so that code of one's own can name them.
export type { ReadOptions } from './scenario/load.ts';
export type { Range as ValueRange, Distribution } from './scenario/params.ts';
export { distribution } from './scenario/params.ts';
export { sharedSchema, type PolicyBlock } from './scenario/schema.ts';
export type { EvidenceRange } from './scenario/evidence.ts';
export type { Problem } from './scenario/errors.ts';
export type { Raw } from './scenario/yaml.ts';
export type { FindParent, ParentFile } from './scenario/resolve.ts';
export type { WeekFunction } from './scenario/expression.ts';
export type { StrategyName, TokenRule, BotRule, StrategySettings, StrategyShape } from './agents/strategies.ts';
export type { Random, Stream, Streams, PositionCoins } from './sim/random.ts';
export type { UsageDistribution } from './sim/usage-distribution.ts';
export type { ReviewOutcome, WeekAims } from './sim/context.ts';
export type { ChangeProfile } from './sim/defects.ts';
export type { MetricColumns } from './sim/metrics.ts';
export type { AgentSnapshot } from './experiment/replicate.ts';
export type { MetricSummary } from './experiment/summary.ts';
export { SENSITIVITY_DESIGNS, type RangeParameter, type ListParameter, type SensitivityDesign, type PointRole } from './experiment/designs.ts';
export { sweepFileSchema } from './experiment/plan.ts';
export type { WorkerPlan } from './experiment/sweep.ts';
export type { ExplainWorkerPlan } from './experiment/explain.ts';
export type { Game, ShapleyEstimate } from './experiment/shapley.ts';
export type { TokenBin, AgentPoint, PanelName, PanelRanges } from './charts/scenario.ts';
export type { SweepChartOptions } from './charts/sweep.ts';
export type { SensitivityChartOptions } from './charts/sensitivity.ts';
