/**
 * The engineers, as a struct of arrays: one typed array per attribute, one entry per position.
 * A position is a seat in a team; when its engineer leaves it stays empty (`active = 0`) until the
 * replacement arrives, who gets fresh attributes.
 */
import type { Scenario } from '../scenario/schema.ts';
import { stream, type Random } from '../sim/random.ts';
import { tokensPosition } from '../sim/usage-distribution.ts';
import { sampler } from './sample.ts';
import { ADOPTER, AUTOPILOT, MANUAL, plannedTokens, STRATEGY_COUNT } from './strategies.ts';

/** The engineers as a struct of arrays: one typed array per attribute, one entry per position. */
export interface Population {
  /** Number of positions. */
  size: number;
  teamSize: number;
  teamCount: number;
  /** Team of each position. */
  team: Int32Array;

  // Attributes drawn at hire (MODEL.md §2).
  skill: Float64Array;
  seniority: Float64Array;
  aiFit: Float64Array;
  /**
   * How much the engineer overrates the tool: decisions use aiFit + aiFitBias. Drawn at hire; each
   * week of use moves it toward the perception bias (src/agents/tool-beliefs.ts).
   */
  aiFitBias: Float64Array;
  integrity: Float64Array;
  care: Float64Array;
  ambition: Float64Array;
  statusSeeking: Float64Array;
  trust0: Float64Array;
  /** Tokens per week this engineer would use genuinely at full AI use (tokenRate × skill). */
  genuineTokensPerWeek: Float64Array;
  /** Where genuineTokensPerWeek sits on the usage scale (tokensPosition), kept to spare a logarithm per engineer per week. */
  genuinePosition: Float64Array;
  /** Where the tokens this engineer would use on autopilot sit on the usage scale: they depend only on genuineTokensPerWeek and the tool. */
  autopilotPosition: Float64Array;

  // Dynamic state.
  active: Uint8Array;
  strategy: Uint8Array;
  belief: Float64Array;
  trust: Float64Array;
  morale: Float64Array;
  /**
   * Effort on real work as a multiple of the engineer's usual effort: real output is multiplied by it
   * (src/sim/outcomes.ts). 1 at hire; a policy may move it (the leaderboard's rank feedback,
   * src/policies/rank-feedback.ts).
   */
  motivation: Float64Array;
  /** Weeks since hire. */
  tenure: Float64Array;
  /** Weeks until the replacement arrives, for an empty position. */
  vacancyWeeks: Int32Array;

  // This week's outcomes.
  /** Real output: what the organisation gets. */
  output: Float64Array;
  /** Output as a manager (and the engineer) sees it: real output × the week's noise (src/sim/observed-output.ts). */
  observedOutput: Float64Array;
  tokens: Float64Array;
  /** Where this week's tokens sit on the usage scale (tokensPosition), kept by the outcomes' pass so that a rank on the board costs no logarithm. */
  usagePosition: Float64Array;
  /** Sums since the last review, which ratings are based on: observed output and tokens. */
  cycleOutput: Float64Array;
  cycleTokens: Float64Array;

  /**
   * Scratch space of the week: prospects and utilities of the revisers, STRATEGY_COUNT entries per
   * reviser, at [j * STRATEGY_COUNT + k] for the engineer ctx.revisers[j]. Indexed by reviser rather
   * than by position so that a week's revisers fill the front of the array in order instead of being
   * scattered over all of it, which takes a quarter to a third off the revisers' steps (docs/PERFORMANCE.md).
   */
  perceivedOutput: Float64Array;
  plannedTokens: Float64Array;
  /** Where the planned tokens would have ranked on last week's usage distribution (usagePercentile). */
  plannedPercentile: Float64Array;
  utility: Float64Array;
  /** Scratch of one reviser's logit choice: the weight of each strategy. */
  choiceWeights: Float64Array;
}

export function allocatePopulation(size: number, teamSize: number): Population {
  const f = () => new Float64Array(size);
  const teamCount = Math.ceil(size / teamSize);
  const team = new Int32Array(size);
  for (let i = 0; i < size; i++) team[i] = Math.floor(i / teamSize);
  return {
    size,
    teamSize,
    teamCount,
    team,
    skill: f(),
    seniority: f(),
    aiFit: f(),
    aiFitBias: f(),
    integrity: f(),
    care: f(),
    ambition: f(),
    statusSeeking: f(),
    trust0: f(),
    genuineTokensPerWeek: f(),
    genuinePosition: f(),
    autopilotPosition: f(),
    active: new Uint8Array(size),
    strategy: new Uint8Array(size),
    belief: f(),
    trust: f(),
    morale: f(),
    motivation: f(),
    tenure: f(),
    vacancyWeeks: new Int32Array(size),
    output: f(),
    observedOutput: f(),
    tokens: f(),
    usagePosition: f(),
    cycleOutput: f(),
    cycleTokens: f(),
    perceivedOutput: new Float64Array(size * STRATEGY_COUNT),
    plannedTokens: new Float64Array(size * STRATEGY_COUNT),
    plannedPercentile: new Float64Array(size * STRATEGY_COUNT),
    utility: new Float64Array(size * STRATEGY_COUNT),
    choiceWeights: new Float64Array(STRATEGY_COUNT),
  };
}

/** Draws attributes for positions, one sampler per attribute. */
export interface AttributeSamplers {
  skill: () => number;
  seniority: () => number;
  aiFit: () => number;
  aiFitBias: () => number;
  integrity: () => number;
  care: () => number;
  ambition: () => number;
  statusSeeking: () => number;
  trust0: () => number;
  tokenRate: () => number;
}

const ATTRIBUTES = ['skill', 'seniority', 'aiFit', 'aiFitBias', 'integrity', 'care', 'ambition', 'statusSeeking', 'trust0', 'tokenRate'] as const;

/**
 * Samplers for the initial population: one stream per attribute, so that two scenarios differing
 * in one distribution still draw identical values of every other attribute.
 */
export function initialSamplers(scenario: Scenario, seed: number): AttributeSamplers {
  const p = scenario.population;
  return Object.fromEntries(ATTRIBUTES.map((name) => [name, sampler(p[name], stream(seed, `population/${name}`))])) as unknown as AttributeSamplers;
}

/** Samplers for hires, all drawing from one stream in a fixed order (then the policies' own draws at hire, from the same stream). */
export function hireSamplers(scenario: Scenario, rng: Random): AttributeSamplers {
  const p = scenario.population;
  return Object.fromEntries(ATTRIBUTES.map((name) => [name, sampler(p[name], rng)])) as unknown as AttributeSamplers;
}

/**
 * Puts a new engineer in position i: fresh attributes, initial belief from trust and what the
 * organisation states (MODEL.md §6), and the strategy a newcomer's own view of the tool suggests.
 */
export function hire(
  pop: Population,
  i: number,
  draw: AttributeSamplers,
  scenario: Scenario,
  statedWeight: number,
  tenureWeeks: number,
): void {
  pop.seniority[i] = draw.seniority();
  pop.skill[i] = draw.skill();
  pop.aiFit[i] = draw.aiFit();
  pop.aiFitBias[i] = draw.aiFitBias();
  pop.integrity[i] = draw.integrity();
  pop.care[i] = draw.care();
  pop.ambition[i] = draw.ambition();
  pop.statusSeeking[i] = draw.statusSeeking();
  pop.trust0[i] = draw.trust0();
  // The token rate for now: settleIn multiplies it by skill.
  pop.genuineTokensPerWeek[i] = draw.tokenRate();
  settleIn(pop, i, scenario, statedWeight, tenureWeeks);
}

/**
 * Fills every position at the start of a run, as hire() position by position would, but one
 * attribute at a time: each attribute of the initial population has a stream of its own, so the
 * values are the same, and each sampler runs in a loop of its own, which V8 compiles better than
 * eleven samplers called in turn (a fifth faster: docs/PERFORMANCE.md).
 */
export function hireAll(pop: Population, draw: AttributeSamplers, scenario: Scenario, statedWeight: number, tenureWeeks: number): void {
  drawColumn(pop.seniority, pop.size, draw.seniority);
  drawColumn(pop.skill, pop.size, draw.skill);
  drawColumn(pop.aiFit, pop.size, draw.aiFit);
  drawColumn(pop.aiFitBias, pop.size, draw.aiFitBias);
  drawColumn(pop.integrity, pop.size, draw.integrity);
  drawColumn(pop.care, pop.size, draw.care);
  drawColumn(pop.ambition, pop.size, draw.ambition);
  drawColumn(pop.statusSeeking, pop.size, draw.statusSeeking);
  drawColumn(pop.trust0, pop.size, draw.trust0);
  drawColumn(pop.genuineTokensPerWeek, pop.size, draw.tokenRate);
  for (let i = 0; i < pop.size; i++) settleIn(pop, i, scenario, statedWeight, tenureWeeks);
}

function drawColumn(column: Float64Array, count: number, draw: () => number): void {
  for (let i = 0; i < count; i++) column[i] = draw();
}

/** What follows from a new engineer's drawn attributes; genuineTokensPerWeek[i] holds the drawn token rate. */
function settleIn(pop: Population, i: number, scenario: Scenario, statedWeight: number, tenureWeeks: number): void {
  // Experienced engineers gain less, or lose, from the tool on code they know (METR 2025).
  pop.aiFit[i] = pop.aiFit[i] - scenario.population.aiFitSeniorityShift * pop.seniority[i];
  const genuineTokens = pop.genuineTokensPerWeek[i] * pop.skill[i];
  pop.genuineTokensPerWeek[i] = genuineTokens;
  pop.genuinePosition[i] = tokensPosition(genuineTokens);
  pop.autopilotPosition[i] = tokensPosition(plannedTokens(AUTOPILOT, genuineTokens, 0, 0, scenario.aiTool));
  const trust0 = pop.trust0[i];

  pop.active[i] = 1;
  pop.vacancyWeeks[i] = 0;
  pop.strategy[i] = pop.aiFit[i] + pop.aiFitBias[i] > 0 ? ADOPTER : MANUAL;
  pop.belief[i] = trust0 * statedWeight + (1 - trust0) * scenario.behaviour.suspicion;
  pop.trust[i] = trust0;
  pop.morale[i] = scenario.people.initialMorale;
  pop.motivation[i] = 1;
  pop.tenure[i] = tenureWeeks;
  pop.cycleOutput[i] = 0;
  pop.cycleTokens[i] = 0;
}
