/**
 * The scenario's blocks that every model shares: the organisation, its engineers, the AI tool,
 * incidents and people. The `policies` block is made of the policies' own blocks: a model
 * (src/sim/model.ts) composes the whole schema with `scenarioSchemaWith`, from which the
 * TypeScript types, the validation and the committed JSON Schema (scenarios/scenario.schema.json)
 * all come. Every default is a starting point of MODEL.md §10, with its source in docs/MODEL.md.
 */
import { z } from 'zod';
import { dist, int, num } from './params.ts';

/** At 1,000,000 engineers a run is tens of seconds; more than this is almost surely a typo. */
export const MAX_AGENTS = 10_000_000;
export const MAX_WEEKS = 5_200;

/**
 * What each attribute's draws may be: shares and probabilities stay in [0, 1]; aiFit of -1 is a tool
 * that takes all of an engineer's output; the other bounds are far beyond any plausible value, there
 * so that no draw makes the model's sums overflow.
 */
const SHARE = { min: 0, max: 1 };
const WEIGHT = { min: 0, max: 100 };
const SKILL = { min: 0, max: 100 };
const AI_FIT = { min: -1, max: 100 };
const AI_FIT_BIAS = { min: -100, max: 100 };
const TOKEN_RATE = { min: 0, max: 1e13 };

const LOGNORMAL_SD_FOR_LOG_SD_1_3 = 25e6 * Math.sqrt(Math.exp(1.3 ** 2) - 1);

export const populationSchema = z
  .strictObject({
    teamSize: int(1, 1000, 8, 'Engineers per team; each team has one manager.'),
    skill: dist({ dist: 'lognormal', mean: 1, sd: 0.3 }, 'Real output per week at full effort, without AI (engineer-weeks).', SKILL),
    seniority: dist({ dist: 'beta', mean: 0.5, sd: 0.25 }, 'Seniority, 0 (junior) to 1 (most senior).', SHARE),
    aiFit: dist(
      { dist: 'normal', mean: 0.15, sd: 0.25, min: -0.9, max: 2 },
      'Relative change in real output from genuine AI use, before the seniority shift (Cui et al. 2026; METR 2025).',
      AI_FIT,
    ),
    aiFitSeniorityShift: num(-2, 2, 0.3, 'How much aiFit falls from the most junior to the most senior engineer (METR 2025: experienced developers slower).'),
    aiFitBias: dist(
      { dist: 'normal', mean: 0.3, sd: 0.15 },
      'How much an engineer overrates the AI tool: decisions use aiFit + aiFitBias (METR 2025: believed +20%, measured -19%).',
      AI_FIT_BIAS,
    ),
    integrity: dist({ dist: 'beta', mean: 0.55, sd: 0.25 }, 'Personal cost of gaming a metric, 0..1 (Fischbacher and Föllmi-Heusi 2013).', SHARE),
    care: dist({ dist: 'beta', mean: 0.6, sd: 0.2 }, 'How well the engineer reviews changes, 0..1.', SHARE),
    ambition: dist({ dist: 'beta', mean: 0.5, sd: 0.2 }, 'Weight on the expected review rating.', WEIGHT),
    statusSeeking: dist({ dist: 'beta', mean: 0.3, sd: 0.2 }, 'Weight on leaderboard rank.', WEIGHT),
    trust0: dist({ dist: 'beta', mean: 0.7, sd: 0.15 }, 'Initial trust in what management says, 0..1.', SHARE),
    tokenRate: dist(
      { dist: 'lognormal', mean: 25e6, sd: LOGNORMAL_SD_FOR_LOG_SD_1_3 },
      'Genuine tokens per week at full AI use, per unit of skill (mean 25 M, log-sd 1.3: about $13 per active day, p90 under $30).',
      TOKEN_RATE,
    ),
  })
  .describe('Who the engineers are: distributions their attributes are drawn from at hire.');

export const behaviourSchema = z
  .strictObject({
    revisionRate: num(0, 1, 0.25, 'Share of engineers who reconsider their strategy each week.'),
    rationality: num(0, 1000, 8, 'Logit sharpness: how strongly choice follows utility differences.'),
    inertia: num(0, 100, 0.1, 'Utility bonus for keeping the current strategy (habit).'),
    gamingAversion: num(0, 100, 2, 'Utility cost of full gaming for an engineer of integrity 1.'),
    contagion: num(0, 1, 0.8, 'How much teammates gaming lowers the cost of gaming (Carrell et al. 2008).'),
    suspicion: num(0, 1, 0.3, 'What engineers who do not trust management assume the review weight of usage is.'),
    learningRate: num(0, 1, 0.5, 'How far belief moves toward the weight each review cycle reveals.'),
    effort: z
      .strictObject({
        manual: num(-10, 10, 0, 'Effort cost of working without the AI tool.'),
        adopter: num(-10, 10, 0, 'Effort cost of genuine AI use.'),
        padder: num(-10, 10, 0.02, 'Effort cost of topping usage up to a target.'),
        maxer: num(-10, 10, 0.05, 'Effort cost of chasing the leaderboard.'),
        autopilot: num(-10, 10, -0.4, 'Effort cost of letting the bot write and ship (negative: it saves effort).'),
      })
      .prefault({})
      .describe('Effort cost of each strategy, in utility units.'),
  })
  .describe('How engineers decide and learn.');

export const aiToolSchema = z
  .strictObject({
    pricePerMillionTokens: num(0, 1e6, 2.5, 'Blended price in dollars per million tokens.'),
    padTimeShare: num(0, 1, 0.05, 'Share of the week a padder spends generating usage.'),
    padMargin: num(0, 10, 0.05, 'How far above the target a padder aims, as a share of the target.'),
    maxTimeShare: num(0, 1, 0.15, 'Share of the week a maxer spends generating usage.'),
    maxPercentile: num(0, 1, 0.99, "The usage percentile of last week's leaderboard a maxer aims at (the top 1%)."),
    maxMultiple: num(1, 100, 1.2, 'How far beyond that percentile a maxer goes.'),
    autopilotTimeShare: num(0, 1, 0.5, 'Real-work share of the week under autopilot.'),
    autopilotTokenMultiple: num(1, 1000, 3, 'Tokens under autopilot, as a multiple of genuine use.'),
    rateLimitTokensPerWeek: num(0, 1e13, 1e9, 'Most tokens one engineer can use in a week.'),
  })
  .describe('The AI tool: price, and how each strategy uses it.');

export const incidentsSchema = z
  .strictObject({
    humanChangesPerWeek: num(0, 1000, 1, 'Changes an engineer ships per week without a bot.'),
    humanFailure: num(0, 1, 0.05, 'Probability a human change fails in production (DORA 2024, elite).'),
    assistedBotDeploysPerWeek: num(0, 1000, 0.5, 'Bot deploys per week of an engineer who reviews the bot (adopter, padder, maxer).'),
    autopilotBotDeploysPerWeek: num(0, 1000, 2, 'Bot deploys per week of an engineer on autopilot.'),
    botFlaw: num(0, 1, 0.4, 'Probability an unreviewed bot change is flawed (Pearce et al. 2022; Veracode 2025).'),
    aiCareFactor: num(0, 1, 0.8, 'Reviewers look less carefully at AI-written code (Perry et al. 2023).'),
    severityMedian: num(0, 1e6, 0.007, 'Median severity of an incident, in engineer-weeks of output lost.'),
    severityLogSd: num(0, 10, 1.5, 'Log-sd of incident severity (heavy tail; Uptime Institute 2024).'),
    majorQuantile: num(0, 1, 0.95, 'Severity quantile above which an incident is a major outage.'),
    blastRadius: num(0, 1e6, 10, 'How many times its severity a major outage costs the organisation.'),
  })
  .describe('Incidents from human and bot changes (MODEL.md §7).');

export const peopleSchema = z
  .strictObject({
    attritionPerYear: num(0, 1, 0.13, 'Share of engineers leaving per year at the initial morale.'),
    moraleSensitivity: num(0, 100, 4, 'How fast the attrition hazard grows as morale falls (log-hazard per unit of morale).'),
    initialMorale: num(0, 1, 0.7, 'Morale at hire, 0..1.'),
    moraleRecovery: num(0, 1, 0.02, 'Weekly share of the gap to initial morale that morale recovers.'),
    fairnessLoss: num(0, 10, 0.5, 'Morale lost per review cycle per unit of usage weight revealed in ratings.'),
    trustLoss: num(0, 10, 1, 'Trust lost per review cycle per unit of gap between stated and revealed weight.'),
    trustRecovery: num(0, 1, 0.05, 'Share of the gap to full trust recovered in a cycle where what was said matched what was done.'),
    gapTolerance: num(0, 1, 0.1, 'Gap between stated and revealed weight that engineers put down to noise.'),
    hiringLagWeeks: int(0, 520, 8, 'Weeks from a departure to the replacement starting.'),
    rampWeeks: int(0, 520, 12, 'Weeks a new hire takes to reach full output.'),
    rampStart: num(0, 1, 0.3, 'Share of full output of a new hire in the first week.'),
  })
  .describe('Morale, trust, attrition and hiring.');

/** The scenario's fields, but for `policies`. */
export const scenarioFields = {
  $schema: z.string().optional().describe('Path of the JSON Schema, for editors.'),
  name: z.string().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-", starting with a letter or digit').describe('Short name, used for output folders.'),
  description: z.string().max(2000).default('').describe('One line saying what the scenario represents.'),
  extends: z.string().max(1000).optional().describe('A scenario file this one inherits from and overrides (deep merge).'),
  weeks: int(0, MAX_WEEKS, 52, 'Weeks to simulate.'),
  agents: int(1, MAX_AGENTS, 1000, 'Number of engineer positions (headcount when fully staffed).'),
  population: populationSchema.prefault({}),
  behaviour: behaviourSchema.prefault({}),
  aiTool: aiToolSchema.prefault({}),
  incidents: incidentsSchema.prefault({}),
  people: peopleSchema.prefault({}),
};

/** The whole scenario schema, with the given `policies` block (one field per policy). */
export function scenarioSchemaWith(policiesSchema: z.ZodType) {
  return z
    .strictObject({ ...scenarioFields, policies: policiesSchema })
    .describe('A goodhart scenario: an organisation, its engineers, and the policies in force.');
}

const sharedSchema = z.strictObject(scenarioFields);

/** A policy's block, as validated: each policy's file gives its exact type. */
export type PolicyBlock = Record<string, any>;

/** A validated scenario with every default filled in; policy values may still be expressions. */
export type Scenario = z.infer<typeof sharedSchema> & { policies: Record<string, PolicyBlock> };
export type ScenarioInput = z.input<typeof sharedSchema> & { policies?: Record<string, Record<string, unknown>> };
