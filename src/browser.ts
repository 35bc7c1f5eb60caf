/**
 * The workshop page's entry (web/): what the page and its Web Workers use of goodhart, and the only
 * module of src/ they import (test/architecture checks it). It is the public API's browser-safe part
 * plus the pieces a page of one's own needs and a Node program does not: the report's chart titles and
 * number formats, the page's limits, explain's jobs as a worker runs them, a scenario's `extends`
 * resolved through a lookup of one's own instead of files.
 *
 * Nothing here touches files: a page loads scenarios from text ({@link parseScenarioText}) and
 * validates them with {@link validateScenario}.
 *
 * @packageDocumentation
 */

// The scenario: text in, a validated scenario out.
export { ScenarioError, show as showValue } from './scenario/errors.ts';
export { applyOverrides, parseScenarioText, resolveExtends, type FindParent, type Raw } from './scenario/resolve.ts';
export type { Scenario } from './scenario/schema.ts';

// The model: its defaults, its policies' levers and its metrics.
export { DEFAULT_MODEL, policyLevers, validateScenario, type Model, type PolicyLever } from './sim/model.ts';
export { METRICS, type MetricName } from './sim/metrics.ts';

// Runs and what they produce.
export { runScenario } from './experiment/replicate.ts';
export { parsePosteriorText, type Posterior } from './experiment/posterior.ts';
export { interval, spread, type Interval } from './experiment/summary.ts';
export { KEY_OUTCOMES, type Outcome } from './experiment/compare.ts';
export { attribute, ExplainError, explainJobs, jobKey, planExplain, type ExplainJob, type Explanation, type ExplainWorkerPlan } from './experiment/explain.ts';

// Charts, as the report draws them.
export { SCENARIO_CHARTS, sharedRanges, type PanelName, type PanelRanges, type ScenarioChartData, type ScenarioChartName } from './charts/scenario.ts';
export { betterDirection, directionArrow, verdictOf, VERDICT_COLOURS, type Verdict } from './charts/better.ts';
export { SCENARIO_COLOURS } from './charts/theme.ts';
export { waterfallChart } from './charts/waterfall.ts';
export { chartData, CHART_TITLES } from './report/build.ts';
export { chartTemplate, type ChartTemplate } from './report/chart-template.ts';
export { formatDifference, formatNumber, formatRelative, isZeroText } from './report/format.ts';

// What a page may ask of the visitor's browser.
export { CONFIG_PATH, effectiveLimits, PAGE_LIMITS, type PageLimits } from './serve/limits.ts';
