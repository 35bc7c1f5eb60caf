/**
 * The scenario's blocks that every model shares: the organisation, its engineers, the AI tool,
 * incidents and people. The `policies` block is made of the policies' own blocks: a model
 * (src/sim/model.ts) composes the whole schema with `scenarioSchemaWith`, from which the
 * TypeScript types, the validation and the committed JSON Schema (scenarios/scenario.schema.json)
 * all come. Every default is a starting point of MODEL.md §10, with its source in docs/MODEL.md.
 */
import { z } from 'zod';
import { assumed, chosen, sourced } from './evidence.ts';
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
    teamSize: int(1, 1000, 8, 'Engineers per team; each team has one manager.', chosen('engineers', [4, 15], 'span of control of a software manager; organisations vary')),
    skill: dist({ dist: 'lognormal', mean: 1, sd: 0.3 }, 'Real output per week at full effort, without AI (engineer-weeks).', SKILL, chosen('engineer-weeks', [1, 1], 'the mean defines the unit of output, one engineer-week; the spread (sd 0.3) is an assumption')),
    weeklyOutputNoise: num(
      0,
      5,
      0.3,
      'Week-to-week noise of output as a manager sees it: observed output is real output times a log-normal factor of mean 1 and this standard deviation (src/sim/observed-output.ts).',
      sourced('relative sd per week', [0.1, 0.5], {
        jorgensen2023: 'coefficient of variation of developers\' productivity on the same tasks 0.55 on average; about 30% of the variance within developers',
      }, 'within one developer, sd ≈ 0.55 × √0.3 ≈ 0.3 per task; a week is about one deploy-sized change (incidents.humanChangesPerWeek), less when several tasks average out'),
    ),
    seniority: dist({ dist: 'beta', mean: 0.5, sd: 0.25 }, 'Seniority, 0 (junior) to 1 (most senior).', SHARE, assumed('0..1', [0.3, 0.7], 'a relative scale; an organisation as senior as it is junior')),
    aiFit: dist(
      { dist: 'normal', mean: 0.15, sd: 0.25, min: -0.9, max: 2 },
      'Relative change in real output from genuine AI use, before the seniority shift (Cui et al. 2026; METR 2025).',
      AI_FIT,
      sourced('relative change of output', [0.05, 0.3], {
        cui2026: '+26.08% completed tasks (SE 10.3%), more for less experienced developers',
        paradis2024: 'about 21% less time, wide interval',
        peng2023: '55.8% faster on a greenfield task in the lab (upper tail)',
      }, 'the mean before the seniority shift; with it the organisation\'s mean fit is about 0.15 − 0.3 × 0.5'),
    ),
    aiFitSeniorityShift: num(
      -2,
      2,
      0.3,
      'How much aiFit falls from the most junior to the most senior engineer (METR 2025: experienced developers slower).',
      sourced('relative change of output', [0.1, 0.5], {
        becker2025: 'experienced developers on their own mature codebases took 19% longer with AI (95% CI +2% to +39%)',
        cui2026: 'less experienced developers gained more',
      }),
    ),
    aiFitBias: dist(
      { dist: 'normal', mean: 0.3, sd: 0.15 },
      'How much an engineer overrates the AI tool: decisions use aiFit + aiFitBias (METR 2025: believed +20%, measured -19%).',
      AI_FIT_BIAS,
      sourced('relative change of output', [0.2, 0.4], { becker2025: 'believed 20% faster (forecast 24%) while measured 19% slower' }),
    ),
    integrity: dist(
      { dist: 'beta', mean: 0.55, sd: 0.25 },
      'Personal cost of gaming a metric, 0..1 (Fischbacher and Föllmi-Heusi 2013).',
      SHARE,
      sourced('0..1', [0.4, 0.7], { fischbacher2013: '39% of subjects fully honest, at most 22% lying fully, the rest partially' }),
    ),
    care: dist({ dist: 'beta', mean: 0.6, sd: 0.2 }, 'How well the engineer reviews changes, 0..1.', SHARE, assumed('0..1', [0.4, 0.8], 'no published figure for how thoroughly engineers review; a reviewer catching most but not all flaws')),
    ambition: dist({ dist: 'beta', mean: 0.5, sd: 0.2 }, 'Weight on the expected review rating.', WEIGHT, assumed('utility per standard score', [0.2, 0.8], 'weight of the rating against the other terms of utility; no figure')),
    statusSeeking: dist({ dist: 'beta', mean: 0.3, sd: 0.2 }, 'Weight on leaderboard rank.', WEIGHT, assumed('utility per unit of rank', [0.1, 0.5], 'rank feedback moves effort (Charness et al. 2014) but gives no weight on this scale')),
    trust0: dist({ dist: 'beta', mean: 0.7, sd: 0.15 }, 'Initial trust in what management says, 0..1.', SHARE, assumed('0..1', [0.5, 0.85], 'most engineers start by believing what they are told; no figure')),
    tokenRate: dist(
      { dist: 'lognormal', mean: 25e6, sd: LOGNORMAL_SD_FOR_LOG_SD_1_3 },
      'Genuine tokens per week at full AI use, per unit of skill (mean 25 M, log-sd 1.3: about $13 per active day, p90 under $30).',
      TOKEN_RATE,
      sourced('tokens per week', [15e6, 40e6], { claudeCodeCosts2026: 'about $13 per developer per active day on average, under $30 for 90% of users' }, '$13 × 5 active days at $2.5 per million tokens is 26 M; log-sd 1.3 gives p90/mean ≈ 2.3'),
    ),
  })
  .describe('Who the engineers are: distributions their attributes are drawn from at hire.');

export const behaviourSchema = z
  .strictObject({
    revisionRate: num(0, 1, 0.25, 'Share of engineers who reconsider their strategy each week.', assumed('per week', [0.05, 0.5], 'habits of work change over weeks to months; no figure')),
    rationality: num(0, 1000, 8, 'Logit sharpness: how strongly choice follows utility differences.', assumed('1 / utility', [2, 20], 'set with the other behavioural constants so that the six patterns hold together')),
    inertia: num(0, 100, 0.1, 'Utility bonus for keeping the current strategy (habit).', assumed('utility', [0, 0.5], 'habit; no figure')),
    gamingAversion: num(0, 100, 4, 'Utility cost of full gaming for an engineer of integrity 1, before the norm (src/agents/norms.ts).', assumed('utility', [0.5, 6], 'with integrity, sets how many game at all; set with conformity so that the patterns hold together and those just short of a quota pad more than those far below it (Schweitzer et al. 2004); the share who never game (Fischbacher and Föllmi-Heusi 2013) is not matched directly')),
    padderGaming: num(0.01, 1, 0.6, 'Gaming intensity of a week of padding wholly faked, against 1 for chasing the leaderboard: an engineer\'s padding counts this times the share of their tokens they fake (src/agents/padding.ts).', assumed('share of a week gamed', [0.3, 1], 'topping usage up to a target others set is performing for the metric, but less wholly than spending for a leaderboard rank; no figure separates the two')),
    autopilotGaming: num(0.01, 1, 0.6, 'Gaming intensity of letting the bot write and ship, against 1 for chasing the leaderboard: its tokens serve the metric, its changes are still work.', assumed('share of a week gamed', [0.2, 1], 'how much of handing work to an unreviewed bot engineers feel as gaming the mandate is not measured; no figure')),
    contagion: num(0, 1, 0.8, 'Share of the moral cost of gaming that is lost when every teammate games: "everyone does it" (src/agents/norms.ts).', assumed('share of the moral cost', [0.3, 1], 'how much of one\'s own scruple a common practice removes is not measured; the size of the peer effect is conformity\'s, set to Carrell et al. (2008)')),
    conformity: num(0, 20, 3.4, 'Utility of a way of gaming per unit share of teammates who worked that way last week: gaming as it is done here (src/agents/norms.ts).', sourced('utility per share of teammates', [2.2, 4.5], { carrell2008: 'one more cheater brings 0.61 to 0.75 more; social multiplier about 3' }, 'measured the way Carrell et al. measure it, one more gamer placed in each team (test/agents/norms.test.ts): 3.4 gives 0.63 to 0.66 more at first and a multiplier of 2.7 to 2.9 under quota-only and meshclaw; 2.2 and 4.5 give multipliers of about 2.1 and 3.7')),
    suspicion: num(0, 1, 0.3, 'What engineers who do not trust management assume the review weight of usage is.', assumed('weight', [0.1, 0.5], 'no figure')),
    learningRate: num(0, 1, 0.5, 'How far belief moves toward the weight each review cycle reveals.', assumed('per review cycle', [0.2, 0.8], 'no figure')),
    toolLearningRate: num(
      0,
      1,
      0.02,
      'How far, each week of use, an engineer\'s perceived AI fit moves toward the fit the week\'s observed output suggests, read through the perception bias (src/agents/tool-beliefs.ts).',
      assumed('per week', [0.005, 0.1], 'slow: METR\'s developers, after using the tool on their own tasks, still believed it sped them up (forecast +24%, afterwards +20%, measured −19%); at 0.02 half of the gap closes in about 35 weeks; no figure'),
    ),
    perceptionBias: num(
      -2,
      2,
      0.3,
      'How much higher than it is engineers read the speed-up they experience with the tool: the perceived AI fit learning converges to is aiFit + this.',
      sourced('relative change of output', [0.2, 0.45], {
        becker2025: 'believed 20% faster afterwards (forecast 24% before) while measured 19% slower',
      }, 'a bias that survives experience: the belief after the study was about as far from the measurement (0.39; 0.41 as a change of output) as the forecast before it; the default is the mean of aiFitBias at hire, so that experience narrows beliefs rather than shifting them'),
    ),
    effort: z
      .strictObject({
        manual: num(-10, 10, 0, 'Effort cost of working without the AI tool.', chosen('utility', [0, 0], 'the reference: the other strategies\' effort is relative to working without the tool')),
        adopter: num(-10, 10, 0, 'Effort cost of genuine AI use.', assumed('utility', [-0.1, 0.1], 'no figure; the tool\'s effect on output is in aiFit')),
        padder: num(-10, 10, 0.02, 'Effort cost of topping usage up to a target.', assumed('utility', [0, 0.1], 'small: padding is a script or a long prompt')),
        maxer: num(-10, 10, 0.05, 'Effort cost of chasing the leaderboard.', assumed('utility', [0, 0.2], 'more than padding: the aim moves every week')),
        autopilot: num(-10, 10, -0.4, 'Effort cost of letting the bot write and ship (negative: it saves effort).', assumed('utility', [-0.8, 0], 'letting a bot ship saves effort; how much is not measured')),
      })
      .prefault({})
      .describe('Effort cost of each strategy, in utility units.'),
  })
  .describe('How engineers decide and learn.');

export const aiToolSchema = z
  .strictObject({
    pricePerMillionTokens: num(0, 1e6, 2.5, 'Blended price in dollars per million tokens.', assumed('dollars per million tokens', [1, 6], 'a blend of input and output prices with caching; list prices vary by model and change often')),
    padTimeShare: num(0, 1, 0.05, 'Share of the week a padder spends generating usage.', assumed('share of the week', [0.01, 0.15], 'a few hours a week at most; not measured')),
    padMargin: num(0, 10, 0.1, 'How far above the target a padder aims, as a share of the tokens they fake (src/agents/padding.ts).', assumed('share of the faked tokens', [0, 0.3], 'padding by script or long prompts does not hit an exact token count, so a padder aims over the target by part of what they fake; not measured')),
    maxTimeShare: num(0, 1, 0.15, 'Share of the week a maxer spends generating usage.', assumed('share of the week', [0.05, 0.3], 'more than padding; not measured')),
    maxPercentile: num(0, 1, 0.99, "The usage percentile of last week's leaderboard a maxer aims at (the top 1%).", assumed('percentile', [0.9, 0.999], 'the top of the board, where recognition is')),
    maxMultiple: num(1, 100, 1.2, 'How far beyond that percentile a maxer goes.', assumed('multiple', [1, 2], 'beyond the top to overtake it; not measured')),
    autopilotTimeShare: num(0, 1, 0.5, 'Real-work share of the week under autopilot.', assumed('share of the week', [0.3, 0.8], 'an engineer who lets the bot ship still works part of the week; not measured')),
    autopilotTokenMultiple: num(1, 1000, 3, 'Tokens under autopilot, as a multiple of genuine use.', assumed('multiple', [2, 10], 'an agent working unattended uses several times what an engineer prompting it does; not measured')),
    // What sets the spend of a leaderboard: maxers climb until they reach it (docs/MODEL.md §5).
    rateLimitTokensPerWeek: num(0, 1e13, 1e9, 'Most tokens one engineer can use in a week: a company cap, or without one what their agents can burn.', assumed('tokens per week', [1.4e8, 4e9], 'no published figure for an uncapped organisation: 1e9 ($2,500 a week) is a few agents running through the working week; the low end is the one published company cap, Uber\'s $1,500 a month (about 1.4e8 a week at $2.5 per million; scenarios/capped-spend.yaml)')),
  })
  .describe('The AI tool: price, and how each strategy uses it.');

export const incidentsSchema = z
  .strictObject({
    // What engineers ship (src/sim/defects.ts).
    humanChangesPerWeek: num(0, 1000, 1, 'Changes an engineer ships per week at full real-work time, without the AI tool.', assumed('changes per engineer-week', [0.5, 5], 'a deploy-sized change; a team of 8 deploying daily or more, as DORA describes its top performers')),
    aiChangeUplift: num(0, 10, 0.3, 'Extra changes per week of an engineer using the AI tool, as a share of their changes without it.', sourced('share of changes', [0.2, 1], {
      cortex2026: 'pull requests per author +20% year on year',
      faros2026: 'tasks per developer +34% in teams crossing 50% weekly AI use',
      faros2025: 'teams with high AI adoption merged 98% more pull requests',
    }, 'per engineer who uses the tool; the organisation-wide figures mix users and non-users')),
    humanDefect: num(0, 1, 0.1, 'Probability a change written without the AI tool carries a defect that fails in production unless review catches it.', sourced('probability per change', [0.08, 0.7], {
      dora2024: 'change failure rate 5% for elite performers (10% medium, 20% high, 40% low)',
    }, 'before review: with the baseline review catching about half of such defects, 0.1 gives the 5% change failure rate of human changes (docs/MODEL.md §11); the range covers the other performance tiers')),
    aiWrittenShare: num(0, 1, 0.3, 'Share of a change the AI tool wrote, for an engineer who uses it and ships the change themselves.', assumed('share of a change', [0.1, 0.6], 'no measured share of tool-written code per change in production; vendor claims of a third to a half of new code are upper bounds')),
    aiDefectMultiple: num(1, 10, 1.7, 'Defects of tool-written code before review, as a multiple of human-written code.', sourced('multiple', [1.3, 2], {
      coderabbit2025: 'AI-authored pull requests carry about 1.7× the issues of human ones (10.83 vs 6.45 per PR); logic errors +75%',
    })),
    assistedBotDeploysPerWeek: num(0, 1000, 0.5, 'Bot changes per week of an engineer who works alongside the bot (adopter, padder, maxer), when the bot may deploy.', assumed('changes per engineer-week', [0.1, 2], 'a few small bot changes a week beside the engineer\'s own; not measured')),
    autopilotBotDeploysPerWeek: num(0, 1000, 2, 'Bot changes per week of an engineer on autopilot, when the bot may deploy.', assumed('changes per engineer-week', [1, 10], 'a bot working unattended ships several times what an engineer does; not measured')),
    // Review as a finite resource (src/sim/code-review.ts).
    reviewHoursPerEngineerWeek: num(0, 100, 3, 'Hours of code review each engineer gives per week at full real-work time; a team shares its hours among the changes it ships.', assumed('hours per engineer-week', [1, 8], 'an hour or so a day of reviewing; surveys vary and none is in the sources list')),
    reviewHoursScale: num(0.01, 100, 1.5, 'Review hours per change at which a reviewer finds 63% (1 − 1/e) of the defects their care allows.', assumed('hours per change', [0.5, 4], 'reviews find most of what they will find in the first hour or two; not measured for deploy-sized changes')),
    minReviewHours: num(0.001, 100, 0.25, 'The least time a reviewer gives a change; when the team\'s hours are spread thinner, the changes beyond them merge unreviewed.', assumed('hours per change', [0.1, 0.5], 'a glance and an approval; below it a change is not reviewed at all')),
    aiCareFactor: num(0, 1, 0.8, 'Reviewers look less carefully at bot-written code: the share of their care they give it.', assumed('share of care', [0.5, 1], 'Perry et al. (CCS 2023) found assistant users more confident that insecure code was secure; the size of the effect on reviewers is not measured')),
    // Latent vulnerabilities and security incidents (src/sim/security.ts).
    securityRelevantShare: num(0, 1, 0.1, 'Share of changes that touch security-relevant code.', assumed('share of changes', [0.03, 0.3], 'authentication, input handling, secrets, access control; no published share of production changes')),
    aiVulnerableShare: num(0, 1, 0.4, 'Probability that security-relevant code written by the AI tool carries a latent vulnerability.', sourced('probability', [0.3, 0.5], {
      pearce2022: 'about 40% of 1,692 generated programs in security-relevant scenarios were vulnerable',
      veracode2025: '45% of tasks introduced an OWASP Top-10 flaw',
    }, 'a latent flaw, not a change failure: it becomes an incident only if exploited')),
    aiSecurityMultiple: num(1, 10, 1.75, 'Vulnerabilities of tool-written code as a multiple of human-written code (human code: aiVulnerableShare divided by this).', sourced('multiple', [1.5, 2], {
      coderabbit2025: 'security issues 1.5–2× in AI-authored pull requests',
    })),
    exploitShare: num(0, 1, 0.02, 'Probability a latent vulnerability shipped to production is exploited before it is fixed or retired.', assumed('probability', [0.005, 0.1], 'most vulnerabilities are never reached by an attacker; no published rate for an organisation\'s own code')),
    latentWeeks: num(1, 10_000, 26, 'Mean weeks a latent vulnerability stays in production before it is fixed, retired or exploited.', assumed('weeks', [8, 104], 'found by scanning, audits or rewrites within months to years')),
    // Severity in money (src/sim/severity.ts).
    minorCostMedian: num(0, 1e9, 800, 'Median cost of an incident that does not become a significant outage, in dollars.', assumed('dollars', [300, 3000], 'a rollback and a fix: several engineer-hours and a short degradation')),
    minorCostLogSd: num(0, 10, 1, 'Log-sd of the cost of a minor incident.', assumed('log-sd', [0.5, 1.5], 'minor incidents vary by a factor of a few')),
    outageShare: num(0, 1, 0.003, 'Probability a production change failure becomes a significant outage.', assumed('probability', [0.001, 0.01], 'about ten significant outages a year for 1,000 engineers at the baseline change failure rate; not published')),
    securityOutageShare: num(0, 1, 0.25, 'Probability an exploited vulnerability becomes a significant incident (a breach or an outage).', assumed('probability', [0.05, 1], 'an exploit is more often serious than a failed deploy; not published')),
    outageCostMedian: num(0, 1e12, 120_000, 'Median cost of a significant outage, in dollars.', sourced('dollars', [60_000, 250_000], {
      uptime2024: '54% of significant outages cost over $100k, 16% over $1M',
    }, 'the log-normal through both figures has median $124k and log-sd 2.10')),
    outageCostLogSd: num(0, 10, 2.1, 'Log-sd of the cost of a significant outage (a heavy tail).', sourced('log-sd', [1.6, 2.6], {
      uptime2024: '54% of significant outages cost over $100k, 16% over $1M',
    }, 'the log-normal through both figures')),
    majorOutageCost: num(0, 1e12, 100_000, 'Cost above which an incident counts as a major outage, in dollars.', chosen('dollars', [100_000, 100_000], 'the first threshold of Uptime Institute (2024)')),
    severeOutageCost: num(0, 1e12, 1_000_000, 'Cost above which an incident counts as an outage over $1M, in dollars.', chosen('dollars', [1_000_000, 1_000_000], 'the second threshold of Uptime Institute (2024)')),
    engineerWeekCost: num(1, 1e7, 4000, 'Fully loaded cost of an engineer-week, in dollars: converts incident costs to output lost.', assumed('dollars per engineer-week', [2500, 8000], 'about $200k a year fully loaded; varies with country and seniority')),
    responseShare: num(0, 1, 0.1, 'Share of an incident\'s cost that is engineers\' time on response and repair, taken from next week\'s output.', assumed('share of cost', [0.02, 0.5], 'an outage\'s cost is mostly lost revenue, penalties and customers\' costs; the engineering share is not published')),
  })
  .describe('Changes, code review, incidents and their cost (docs/MODEL.md §8).');

export const peopleSchema = z
  .strictObject({
    attritionPerYear: num(0, 1, 0.13, 'Share of engineers leaving per year at the initial morale.', sourced('share per year', [0.08, 0.2], { linkedin2018: 'software and technology had the highest annual turnover of any industry, 13.2%' })),
    moraleSensitivity: num(0, 100, 4, 'How fast the attrition hazard grows as morale falls (log-hazard per unit of morale).', assumed('log-hazard per unit of morale', [1, 6], 'no figure; at 4, losing 0.2 of morale more than doubles the hazard')),
    initialMorale: num(0, 1, 0.7, 'Morale at hire, 0..1.', chosen('0..1', [0.5, 0.9], 'a reference level: attrition is calibrated at it')),
    moraleRecovery: num(0, 1, 0.02, 'Weekly share of the gap to initial morale that morale recovers.', assumed('per week', [0.005, 0.1], 'half of a drop recovered in about 35 weeks at 0.02; no figure')),
    fairnessLoss: num(0, 10, 0.5, 'Morale lost per review cycle per unit of usage weight revealed in ratings.', assumed('morale per unit of weight', [0.1, 1], 'no figure')),
    trustLoss: num(0, 10, 1, 'Trust lost per review cycle per unit of gap between stated and revealed weight.', assumed('trust per unit of gap', [0.3, 2], 'no figure; Falk and Kosfeld (2006) show that control costs trust, not how much')),
    trustRecovery: num(0, 1, 0.05, 'Share of the gap to full trust recovered in a cycle where what was said matched what was done.', assumed('per review cycle', [0.01, 0.2], 'trust is rebuilt more slowly than it is lost; no figure')),
    gapTolerance: num(0, 1, 0.1, 'Gap between stated and revealed weight that engineers put down to noise.', assumed('weight', [0, 0.2], 'about the noise of a slope estimated from a team of eight')),
    hiringLagWeeks: int(0, 520, 8, 'Weeks from a departure to the replacement starting.', assumed('weeks', [4, 16], 'a hiring process of one to four months')),
    rampWeeks: int(0, 520, 12, 'Weeks a new hire takes to reach full output.', assumed('weeks', [6, 26], 'onboarding of one to six months')),
    rampStart: num(0, 1, 0.3, 'Share of full output of a new hire in the first week.', assumed('share of full output', [0.1, 0.5], 'no figure')),
  })
  .describe('Morale, trust, attrition and hiring.');

/** The scenario's fields, but for `policies`. */
export const scenarioFields = {
  $schema: z.string().optional().describe('Path of the JSON Schema, for editors.'),
  name: z.string().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-", starting with a letter or digit').describe('Short name, used for output folders.'),
  description: z.string().max(2000).default('').describe('One line saying what the scenario represents.'),
  extends: z.string().max(1000).optional().describe('A scenario file this one inherits from and overrides (deep merge).'),
  weeks: int(0, MAX_WEEKS, 52, 'Weeks to simulate.', chosen('weeks', [13, 156], 'a year: long enough for four review cycles and attrition to show')),
  agents: int(1, MAX_AGENTS, 1000, 'Number of engineer positions (headcount when fully staffed).', chosen('engineers', [100, 100_000], 'a mid-sized engineering organisation; results scale per engineer')),
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

/** The schema of a scenario's blocks other than `policies`, which each model adds (src/sim/model.ts). */
export const sharedSchema = z.strictObject(scenarioFields);

/** A policy's block, as validated: each policy's file gives its exact type. */
export type PolicyBlock = Record<string, any>;

/** A validated scenario with every default filled in; policy values may still be expressions. */
export type Scenario = z.infer<typeof sharedSchema> & { policies: Record<string, PolicyBlock> };
/** A scenario as one may write it: every field optional, defaults filled in by validation. */
export type ScenarioInput = z.input<typeof sharedSchema> & { policies?: Record<string, Record<string, unknown>> };
