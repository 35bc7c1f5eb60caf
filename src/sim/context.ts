/**
 * What one week of the simulation can see: the scenario, the policy values in force this week,
 * the population, the organisation's state and the random streams. Policies and submodels
 * receive it and act on the population in bulk.
 */
import type { Population } from '../agents/population.ts';
import type { WeekAims } from '../agents/prospects.ts';
import type { StrategyShape } from '../agents/strategies.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { WeekPolicies } from '../scenario/schedule.ts';
import type { PositionCoins, Streams } from './random.ts';
import type { UsageDistribution } from './usage-distribution.ts';

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
  /** The weight of usage in ratings revealed to each team at its last review. */
  revealedWeight: Float64Array;
  /** Scratch space of the review: two sums per team. */
  reviewSums: Float64Array;
  /** What this week adds up over engineers, at the indices of src/sim/totals.ts. */
  totals: Float64Array;

  // This week's events, reset at the start of each week.
  incidents: number;
  botIncidents: number;
  majorOutages: number;
  /** Output lost to this week's incidents, in engineer-weeks (major outages count blastRadius times). */
  severityLoss: number;
  leavers: number;
  hires: number;
  reviewWeek: boolean;
}

export interface WeekContext {
  /** Week index, from 0. */
  t: number;
  scenario: Scenario;
  /** Time share and AI use of each strategy under this scenario's tool. */
  shape: StrategyShape;
  /** Policy values in force this week (expressions of t already evaluated). */
  policies: WeekPolicies;
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
