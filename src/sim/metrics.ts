/**
 * The weekly metrics of a run (MODEL.md §8), each with its unit and how it aggregates over a whole
 * run: flows (output, spend, incidents...) add up, states (shares, trust...) average.
 */
export interface MetricDefinition {
  name: string;
  unit: string;
  description: string;
  /** How a run's weeks combine into a whole-run figure. */
  aggregate: 'sum' | 'mean';
}

export const METRICS = [
  { name: 'realOutput', unit: 'engineer-weeks', description: 'Real output of the organisation this week.', aggregate: 'sum' },
  { name: 'tokens', unit: 'tokens', description: 'Tokens used this week.', aggregate: 'sum' },
  { name: 'gamingTokens', unit: 'tokens', description: 'Tokens used beyond genuine need.', aggregate: 'sum' },
  { name: 'gamingShare', unit: 'share', description: 'Share of tokens used beyond genuine need.', aggregate: 'mean' },
  { name: 'spend', unit: 'dollars', description: 'Spend on the AI tool this week.', aggregate: 'sum' },
  { name: 'outputPerDollar', unit: 'engineer-weeks per dollar', description: 'Real output per dollar of AI spend (0 with no spend).', aggregate: 'mean' },
  { name: 'shareManual', unit: 'share', description: 'Share of engineers working without the AI tool.', aggregate: 'mean' },
  { name: 'shareAdopter', unit: 'share', description: 'Share of engineers using the tool where it helps.', aggregate: 'mean' },
  { name: 'sharePadder', unit: 'share', description: 'Share of engineers topping usage up to a quota.', aggregate: 'mean' },
  { name: 'shareMaxer', unit: 'share', description: 'Share of engineers chasing the leaderboard.', aggregate: 'mean' },
  { name: 'shareAutopilot', unit: 'share', description: 'Share of engineers letting the bot write and ship.', aggregate: 'mean' },
  { name: 'quotaAttainment', unit: 'share', description: 'Share of engineers under a quota who meet it (0 with no quota).', aggregate: 'mean' },
  { name: 'tokensTop10', unit: 'tokens', description: 'Tokens per week at the 90th percentile of engineers: the top of the leaderboard.', aggregate: 'mean' },
  { name: 'botDeploys', unit: 'deploys', description: 'Changes the bot deployed this week.', aggregate: 'sum' },
  { name: 'incidents', unit: 'incidents', description: 'Changes that failed in production this week.', aggregate: 'sum' },
  { name: 'botIncidents', unit: 'incidents', description: 'Incidents from bot-deployed changes.', aggregate: 'sum' },
  { name: 'majorOutages', unit: 'outages', description: 'Incidents above the major-outage severity.', aggregate: 'sum' },
  { name: 'severityLoss', unit: 'engineer-weeks', description: 'Output lost to this week’s incidents.', aggregate: 'sum' },
  { name: 'metricValidity', unit: 'Spearman correlation', description: 'Rank correlation of tokens and real output across engineers.', aggregate: 'mean' },
  { name: 'belief', unit: 'weight', description: 'Mean belief about the weight of usage in reviews.', aggregate: 'mean' },
  { name: 'trust', unit: 'share', description: 'Mean trust in what management says.', aggregate: 'mean' },
  { name: 'morale', unit: 'share', description: 'Mean morale.', aggregate: 'mean' },
  { name: 'attrition', unit: 'engineers', description: 'Engineers who left this week.', aggregate: 'sum' },
  { name: 'headcount', unit: 'engineers', description: 'Engineers employed at the end of the week.', aggregate: 'mean' },
] as const satisfies readonly MetricDefinition[];

export type MetricName = (typeof METRICS)[number]['name'];

export const METRIC_NAMES: readonly MetricName[] = METRICS.map((m) => m.name);

/** Weekly metrics of one run, one column per metric. */
export type MetricColumns = Record<MetricName, Float64Array>;

export function allocateColumns(weeks: number): MetricColumns {
  return Object.fromEntries(METRIC_NAMES.map((name) => [name, new Float64Array(weeks)])) as MetricColumns;
}
