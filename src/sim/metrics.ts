/**
 * The weekly metrics of a run (MODEL.md §8), each declared once: its name (the column in
 * metrics.csv), label, unit, how it aggregates over a whole run, which direction is better for the
 * organisation, how to format it, and how the week's totals give its value. metrics.csv,
 * summary.json, the report, `compare`, `explain` and the page read these declarations; policies add
 * their own (src/policies/policy.ts).
 */
import { STRATEGIES } from '../agents/strategies.ts';
import type { OrgState } from './context.ts';
import { totalSlots } from './totals.ts';

/** A metric, declared once: name, label, unit, how it aggregates over weeks, which direction is better, its format and how a week records it. */
export interface MetricDefinition {
  name: string;
  label: string;
  unit: string;
  description: string;
  /** How a run's weeks combine into a whole-run figure: flows add up, states average. */
  aggregate: 'sum' | 'mean';
  /** Which direction is better for the organisation ('neither' for a description, such as a strategy's share). */
  better: 'higher' | 'lower' | 'neither';
  /** How a value is written: a count, a share (as a percentage), dollars, tokens or a plain decimal. */
  format: 'count' | 'share' | 'dollars' | 'tokens' | 'decimal';
}

/**
 * What the recorder knows at the end of a week (src/sim/recorder.ts): the totals the week's passes
 * added up, the week's events, and a few figures several metrics share.
 */
export type RecordedWeek = Pick<
  OrgState,
  'totals' | 'incidents' | 'botIncidents' | 'securityIncidents' | 'majorOutages' | 'severeOutages' | 'incidentCost' | 'severityLoss' | 'leavers'
> & {
  /** Changes shipped (human and bot), and those merged with no human review: expected numbers. */
  changes: number;
  unreviewedChanges: number;
  spend: number;
  /** 1 / engineers who worked this week (0 if none). */
  perWorker: number;
  /** 1 / engineers at the end of the week (0 if none). */
  perHead: number;
  /** Tokens at the 90th percentile of this week's usage. */
  tokensTop10: number;
  /** Spearman correlation of tokens and output over the recorder's sample. */
  validity: () => number;
};

export interface CoreMetric extends MetricDefinition {
  record: (w: RecordedWeek) => number;
}

const T = totalSlots;

const strategyShares: CoreMetric[] = STRATEGIES.map((s, k) => ({
  name: s.shareMetric,
  label: `Share ${s.name}`,
  unit: 'share',
  description: s.shareDescription,
  aggregate: 'mean',
  better: 'neither',
  format: 'share',
  record: (w) => w.totals[T.strategies + k] * w.perWorker,
}));

export const CORE_METRICS: readonly CoreMetric[] = [
  {
    name: 'realOutput', label: 'Real output', unit: 'engineer-weeks', description: 'Real output of the organisation this week.',
    aggregate: 'sum', better: 'higher', format: 'count', record: (w) => w.totals[T.output],
  },
  {
    name: 'tokens', label: 'Tokens', unit: 'tokens', description: 'Tokens used this week.',
    aggregate: 'sum', better: 'neither', format: 'tokens', record: (w) => w.totals[T.tokens],
  },
  {
    name: 'gamingTokens', label: 'Gaming tokens', unit: 'tokens', description: 'Tokens used beyond genuine need.',
    aggregate: 'sum', better: 'lower', format: 'tokens', record: (w) => w.totals[T.tokens] - w.totals[T.genuineTokens],
  },
  {
    name: 'gamingShare', label: 'Gaming share of tokens', unit: 'share', description: 'Share of tokens used beyond genuine need.',
    aggregate: 'mean', better: 'lower', format: 'share',
    record: (w) => (w.totals[T.tokens] > 0 ? (w.totals[T.tokens] - w.totals[T.genuineTokens]) / w.totals[T.tokens] : 0),
  },
  {
    name: 'spend', label: 'AI spend', unit: 'dollars', description: 'Spend on the AI tool this week.',
    aggregate: 'sum', better: 'lower', format: 'dollars', record: (w) => w.spend,
  },
  {
    name: 'outputPerDollar', label: 'Output per dollar', unit: 'engineer-weeks per dollar', description: 'Real output per dollar of AI spend (0 with no spend).',
    aggregate: 'mean', better: 'higher', format: 'decimal', record: (w) => (w.spend > 0 ? w.totals[T.output] / w.spend : 0),
  },
  ...strategyShares,
  {
    name: 'quotaAttainment', label: 'Quota attainment', unit: 'share', description: 'Share of engineers under a quota who meet it (0 with no quota).',
    aggregate: 'mean', better: 'neither', format: 'share',
    record: (w) => (w.totals[T.covered] > 0 ? w.totals[T.meetingTarget] / w.totals[T.covered] : 0),
  },
  {
    name: 'tokensTop10', label: 'Tokens at the 90th percentile', unit: 'tokens', description: 'Tokens per week at the 90th percentile of engineers: the top of the leaderboard.',
    aggregate: 'mean', better: 'neither', format: 'tokens', record: (w) => w.tokensTop10,
  },
  {
    name: 'botDeploys', label: 'Bot deploys', unit: 'deploys', description: 'Changes the bot deployed this week.',
    aggregate: 'sum', better: 'neither', format: 'count', record: (w) => w.totals[T.botDeploys],
  },
  {
    name: 'changes', label: 'Changes shipped', unit: 'changes', description: 'Changes shipped to production this week, human-authored and bot (expected number).',
    aggregate: 'sum', better: 'neither', format: 'count', record: (w) => w.changes,
  },
  {
    name: 'unreviewedChanges', label: 'Changes merged unreviewed', unit: 'changes', description: 'Changes merged with no human review: bot changes the deployment rules let through, and changes beyond the review hours (expected number).',
    aggregate: 'sum', better: 'lower', format: 'count', record: (w) => w.unreviewedChanges,
  },
  {
    name: 'incidents', label: 'Incidents', unit: 'incidents', description: 'Production change failures and security incidents this week.',
    aggregate: 'sum', better: 'lower', format: 'count', record: (w) => w.incidents,
  },
  {
    name: 'botIncidents', label: 'Bot incidents', unit: 'incidents', description: 'Production failures of bot-deployed changes.',
    aggregate: 'sum', better: 'lower', format: 'count', record: (w) => w.botIncidents,
  },
  {
    name: 'securityIncidents', label: 'Security incidents', unit: 'incidents', description: 'Latent vulnerabilities exploited this week.',
    aggregate: 'sum', better: 'lower', format: 'count', record: (w) => w.securityIncidents,
  },
  {
    name: 'majorOutages', label: 'Major outages', unit: 'outages', description: 'Incidents costing over the major-outage cost ($100k by default).',
    aggregate: 'sum', better: 'lower', format: 'count', record: (w) => w.majorOutages,
  },
  {
    name: 'outagesOver1M', label: 'Outages over $1M', unit: 'outages', description: 'Incidents costing over the severe-outage cost ($1M by default).',
    aggregate: 'sum', better: 'lower', format: 'count', record: (w) => w.severeOutages,
  },
  {
    name: 'incidentCost', label: 'Incident cost', unit: 'dollars', description: 'What this week’s incidents cost.',
    aggregate: 'sum', better: 'lower', format: 'dollars', record: (w) => w.incidentCost,
  },
  {
    name: 'severityLoss', label: 'Output lost to incidents', unit: 'engineer-weeks', description: 'Engineers’ time on this week’s incidents, taken from next week’s output.',
    aggregate: 'sum', better: 'lower', format: 'count', record: (w) => w.severityLoss,
  },
  {
    name: 'metricValidity', label: 'Metric validity', unit: 'Spearman correlation', description: 'Rank correlation of tokens and observed output (real output with weekly noise, as a manager sees it) across engineers.',
    aggregate: 'mean', better: 'higher', format: 'decimal', record: (w) => w.validity(),
  },
  {
    name: 'belief', label: 'Belief', unit: 'weight', description: 'Mean belief about the weight of usage in reviews.',
    aggregate: 'mean', better: 'neither', format: 'decimal', record: (w) => w.totals[T.belief] * w.perHead,
  },
  {
    name: 'trust', label: 'Trust', unit: 'share', description: 'Mean trust in what management says.',
    aggregate: 'mean', better: 'higher', format: 'share', record: (w) => w.totals[T.trust] * w.perHead,
  },
  {
    name: 'morale', label: 'Morale', unit: 'share', description: 'Mean morale.',
    aggregate: 'mean', better: 'higher', format: 'share', record: (w) => w.totals[T.morale] * w.perHead,
  },
  {
    name: 'attrition', label: 'Engineers who left', unit: 'engineers', description: 'Engineers who left this week.',
    aggregate: 'sum', better: 'lower', format: 'count', record: (w) => w.leavers,
  },
  {
    name: 'headcount', label: 'Headcount', unit: 'engineers', description: 'Engineers employed at the end of the week.',
    aggregate: 'mean', better: 'neither', format: 'count', record: (w) => w.totals[T.headcount],
  },
];

/** The core metrics' declarations without their recording functions: plain data, as results carry them. */
export const METRICS: readonly MetricDefinition[] = CORE_METRICS.map(({ record: _record, ...definition }) => definition);

/** Names of the core metrics; a model with policies of its own may add more (Model.metrics). */
export type MetricName = string;
/** The built-in metrics' names, in the order of metrics.csv. */
export const METRIC_NAMES: readonly string[] = METRICS.map((m) => m.name);

/** Weekly metrics of one run, one column per metric, in declaration order. */
export type MetricColumns = Record<string, Float64Array>;

export function allocateColumns(weeks: number, metrics: readonly MetricDefinition[] = METRICS): MetricColumns {
  return Object.fromEntries(metrics.map((m) => [m.name, new Float64Array(weeks)]));
}

/** The declaration of a metric by name, from a list of declarations. */
export function metricDefinition(name: string, metrics: readonly MetricDefinition[] = METRICS): MetricDefinition {
  const definition = metrics.find((m) => m.name === name);
  if (!definition) throw new Error(`no metric named ${name}`);
  return definition;
}
