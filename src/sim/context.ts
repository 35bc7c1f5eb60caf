/**
 * What one week of the simulation can see: the scenario, the policy values in force this week,
 * the signals the policies give, the population, the organisation's state and the random streams.
 * Policies and submodels receive it and act on the population in bulk.
 */
import type { Population } from '../agents/population.ts';
import type { StrategyShape } from '../agents/strategies.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { WeekPolicies } from '../scenario/schedule.ts';
import type { ChangeProfile } from './defects.ts';
import type { PositionCoins, Random, Streams } from './random.ts';
import type { Signals } from './signals.ts';
import type { UsageDistribution } from './usage-distribution.ts';

/** What a week's code review let through, in expected numbers (src/sim/code-review.ts): sums over teams. */
export interface ReviewOutcome {
  /** Changes shipped, human and bot, and those merged with no human review. */
  changes: number;
  unreviewed: number;
  /** Expected production failures of human-authored and of bot changes. */
  humanFailures: number;
  botFailures: number;
  /** Expected latent vulnerabilities that reached production. */
  vulnerabilities: number;
}

/** The organisation's state in a week: usage distribution, output statistics, per-team counts, code review and incidents. */
export interface OrgState {
  /** Last week's tokens per engineer: the leaderboard, and the reference for usage percentiles. */
  usage: UsageDistribution;
  /** This week's, counted by the outcomes' pass; it becomes `usage` in updateOrganisation. */
  nextUsage: UsageDistribution;
  /** Last week's mean and standard deviation of real output per active engineer. */
  meanOutput: number;
  sdOutput: number;
  /** Share of this week's output lost to last week's major outages and incident remediation. */
  outageLoss: number;
  /** Last week, per team: engineers who gamed, and active engineers. */
  teamGamers: Int32Array;
  teamActive: Int32Array;
  /** What this week adds up over engineers, at the indices of src/sim/totals.ts. */
  totals: Float64Array;
  /** This week, per team: working engineers by strategy, at team * STRATEGY_COUNT + k, and their summed care (src/sim/code-review.ts). */
  teamStrategies: Float64Array;
  teamCare: Float64Array;
  /** What this week's code review let through, in expected numbers. */
  review: ReviewOutcome;
  /** Latent vulnerabilities in production: an expected number (src/sim/security.ts). */
  latentVulnerabilities: number;

  // This week's events, reset at the start of each week.
  /** Production change failures and security incidents. */
  incidents: number;
  /** Production failures of bot changes. */
  botIncidents: number;
  /** Exploited latent vulnerabilities. */
  securityIncidents: number;
  /** Incidents costing over majorOutageCost, and over severeOutageCost. */
  majorOutages: number;
  severeOutages: number;
  /** What this week's incidents cost, in dollars. */
  incidentCost: number;
  /** Output lost to this week's incidents, in engineer-weeks: engineers' share of their cost. */
  severityLoss: number;
  leavers: number;
  hires: number;
}

/** Everything a week's steps and the policies read and write: the scenario, the population, the organisation, signals, random streams. */
export interface WeekContext {
  /** Week index, from 0. */
  t: number;
  scenario: Scenario;
  /** Time share and AI use of each strategy under this scenario's tool. */
  shape: StrategyShape;
  /** What an engineer-week of each strategy ships, and the defects it carries before review (src/sim/defects.ts). */
  changeProfile: ChangeProfile;
  /** Policy values in force this week (expressions of t already evaluated), by policy name; each policy reads its own. */
  policies: WeekPolicies;
  /** What the policies tell the rest of the model this week (src/sim/signals.ts). */
  signals: Signals;
  /** The policies' draws for a new engineer at position i (Policy.hire), in registry order. */
  hireHooks: readonly ((i: number, rng: Random) => void)[];
  pop: Population;
  org: OrgState;
  streams: Streams;
  /** This week's uniform of every position from the streams that draw one per position (drawn at the start of the week). */
  coins: PositionCoins;
  /** Positions whose engineer reconsiders their strategy this week: revisers[0..reviserCount). */
  revisers: Int32Array;
  reviserCount: number;
  /** The padder's and maxer's aims of the week and their positions on the usage scale (src/agents/prospects.ts). */
  aims: WeekAims;
}

/**
 * Token amounts many engineers plan in a week, worked out once a week with their position on the
 * usage scale and their percentile on last week's board: a padder's aim at the week's common usage
 * target (signals.commonUsageTarget) and a maxer's aim
 * (plannedTokens with no genuine need of their own), and no tokens at all. Looking these up spares
 * the logarithm of tokensPosition and the division of usagePercentile, once per engineer and strategy.
 */
export interface WeekAims {
  /** This week's common usage target when it is on the usage scale (at least its floor), else NaN, and its position. */
  padTarget: number;
  padTargetPosition: number;
  /** Where padded tokens sit above the target, by genuine / target (src/agents/padding.ts), made once per run. */
  padOffsets: Float64Array;
  padTokens: number;
  padPosition: number;
  padPercentile: number;
  maxTokens: number;
  maxPosition: number;
  maxPercentile: number;
  nonePercentile: number;
}
