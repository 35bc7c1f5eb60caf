/**
 * What engineers ship, and the defects it carries before review (docs/MODEL.md §8a).
 *
 * An engineer ships `humanChangesPerWeek` changes per week of real-work time; one who uses the AI
 * tool ships `aiChangeUplift` more (Cortex 2026, Faros 2025/2026: more pull requests per author).
 * Part of each such change, `aiWrittenShare`, is written by the tool, and tool-written code carries
 * `aiDefectMultiple` times the defects of human-written code before review (CodeRabbit 2025: about
 * 1.7× the issues per pull request). So a human-authored change's defect probability rises in
 * proportion to the share the tool wrote, and a bot change, all written by the tool, carries the
 * full multiple. The base, `humanDefect`, is calibrated on DORA's change failure rate of changes
 * written without the tool, after the review they get in the baseline organisation.
 *
 * The same holds for latent vulnerabilities in security-relevant code, with the tool's share
 * vulnerable from Pearce et al. (2022) and Veracode (2025) and the multiple from CodeRabbit (2025).
 *
 * All of it depends only on the strategy, so it is worked out once per run for each strategy
 * (a ChangeProfile), and the week's pass over engineers only counts each team's engineers by
 * strategy (src/sim/code-review.ts).
 */
import { BOT_RULE, NO_BOT, STRATEGY_COUNT, UNREVIEWED_BOT, type StrategyShape } from '../agents/strategies.ts';
import type { Scenario } from '../scenario/schema.ts';

type Incidents = Scenario['incidents'];

/** Pre-review defect probability of a change of which the AI tool wrote `aiShare` (0 to 1; 1 is a bot change). */
export function changeDefect(incidents: Incidents, aiShare: number): number {
  return Math.min(1, incidents.humanDefect * (1 + (incidents.aiDefectMultiple - 1) * aiShare));
}

/** Probability that a change of which the tool wrote `aiShare` carries a latent vulnerability. */
export function changeVulnerability(incidents: Incidents, aiShare: number): number {
  const humanVulnerable = incidents.aiVulnerableShare / incidents.aiSecurityMultiple;
  const vulnerable = humanVulnerable * (1 + (incidents.aiSecurityMultiple - 1) * aiShare);
  return incidents.securityRelevantShare * Math.min(1, vulnerable);
}

/**
 * Bot changes per week of an engineer under strategy k, into `into`: none unless the bot may deploy;
 * a few beside an engineer using the tool; many from an engineer on autopilot.
 */
export function botChangesPerWeek(incidents: Incidents, botsDeploy: boolean, into: Float64Array): Float64Array {
  for (let k = 0; k < STRATEGY_COUNT; k++) {
    const bot = BOT_RULE[k];
    into[k] = !botsDeploy || bot === NO_BOT ? 0 : bot === UNREVIEWED_BOT ? incidents.autopilotBotDeploysPerWeek : incidents.assistedBotDeploysPerWeek;
  }
  return into;
}

/** Per strategy, what one engineer-week ships and carries before review; and the same per bot change. */
export interface ChangeProfile {
  /** Human-authored changes per week under strategy k (before ramp-up and vacancies: a working engineer). */
  changes: Float64Array;
  /** Expected defects of those changes before review: changes × defect probability. */
  defects: Float64Array;
  /** Expected latent vulnerabilities of those changes before review. */
  vulnerabilities: Float64Array;
  /** Review hours per week an engineer under strategy k gives (review is real work: it takes the strategy's time share). */
  reviewHours: Float64Array;
  /** Defect and vulnerability probabilities of one bot change. */
  botDefect: number;
  botVulnerability: number;
  /** This week's bot changes per engineer-week under strategy k (botChangesPerWeek). */
  botChanges: Float64Array;
}

export function changeProfile(incidents: Incidents, shape: StrategyShape): ChangeProfile {
  const changes = new Float64Array(STRATEGY_COUNT);
  const defects = new Float64Array(STRATEGY_COUNT);
  const vulnerabilities = new Float64Array(STRATEGY_COUNT);
  const reviewHours = new Float64Array(STRATEGY_COUNT);
  for (let k = 0; k < STRATEGY_COUNT; k++) {
    const aiUse = shape.aiUse[k];
    const aiShare = incidents.aiWrittenShare * aiUse;
    changes[k] = incidents.humanChangesPerWeek * shape.time[k] * (1 + incidents.aiChangeUplift * aiUse);
    defects[k] = changes[k] * changeDefect(incidents, aiShare);
    vulnerabilities[k] = changes[k] * changeVulnerability(incidents, aiShare);
    reviewHours[k] = incidents.reviewHoursPerEngineerWeek * shape.time[k];
  }
  return {
    changes,
    defects,
    vulnerabilities,
    reviewHours,
    botDefect: changeDefect(incidents, 1),
    botVulnerability: changeVulnerability(incidents, 1),
    botChanges: new Float64Array(STRATEGY_COUNT),
  };
}
