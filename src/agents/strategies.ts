/**
 * The five strategies an engineer chooses among each week (MODEL.md §4), each declared once: its
 * name and label, its colour in every chart, its share of real-work time, whether it uses the AI
 * tool, how it sets its tokens, how much of it is gaming, whether the bot ships its changes and
 * who reviews them, and the signal it needs to be available at all. Prospects, outcomes, the
 * recorder, the invariants and the charts iterate these declarations.
 *
 * Strategies are indices 0..4 into flat arrays: prospects and utilities are stored as
 * `array[reviser * STRATEGY_COUNT + strategy]`, so a week is a few tight loops over typed arrays.
 */

import type { Scenario } from '../scenario/schema.ts';
import { paddedTokens } from './padding.ts';

/**
 * How a strategy sets its tokens (plannedTokens, below): none; the engineer's
 * genuine need; up to the usage target a policy sets (padding); beyond last week's leaderboard
 * (maxing); a multiple of the genuine need (a bot working unattended).
 */
export type TokenRule = 'none' | 'genuine' | 'target' | 'leaderboard' | 'multiple';

/**
 * Whose bot changes a strategy ships: none; a few, beside the engineer's own work
 * (`assistedBotDeploysPerWeek`); or many, the bot working alone (`autopilotBotDeploysPerWeek`).
 * Either way the deployment rules send a share of them to the team's code review (src/sim/code-review.ts).
 */
export type BotRule = 'none' | 'reviewed' | 'unreviewed';

/** The scenario's settings that shape the strategies: its aiTool block, and from behaviour the effort and gaming intensities. */
export interface StrategySettings {
  tool: { padTimeShare: number; maxTimeShare: number; autopilotTimeShare: number };
  behaviour: { effort: Record<string, number>; padderGaming: number; autopilotGaming: number };
}

/** A strategy, declared once: its time, AI use, token rule, gaming, bot rule and how charts show it. */
export interface StrategyDeclaration {
  name: string;
  label: string;
  /** Okabe-Ito (2008), colour-blind safe; the same in every chart. */
  colour: string;
  /** The metric recording the share of engineers working this way. */
  shareMetric: string;
  shareDescription: string;
  /** Share of the week spent on real work (time_k). */
  time: (s: StrategySettings) => number;
  /** Intensity of genuine AI use (aiUse_k): 0 without the tool, 1 with it. */
  aiUse: number;
  tokens: TokenRule;
  /**
   * Gaming intensity G_k: how much of the strategy is performing for the metric rather than working
   * (MODEL.md §4), from 0 to 1. Padding's is scaled down by the share of tokens faked (src/agents/padding.ts).
   */
  gaming: (s: StrategySettings) => number;
  /** Whether a teammate working this way counts as gaming, for the norm (src/agents/norms.ts): the strategies with a gaming intensity. */
  games: boolean;
  bot: BotRule;
  /** A signal that must be on for the strategy to be open (src/sim/signals.ts): autopilot needs bot deploy rights. */
  needs?: 'botDeploys';
}

/** The five strategies, in index order. */
export const STRATEGIES = [
  {
    name: 'manual',
    label: 'Manual',
    colour: '#999999',
    shareMetric: 'shareManual',
    shareDescription: 'Share of engineers working without the AI tool.',
    time: () => 1,
    aiUse: 0,
    tokens: 'none',
    gaming: () => 0,
    games: false,
    bot: 'none',
  },
  {
    name: 'adopter',
    label: 'Adopter',
    colour: '#009E73',
    shareMetric: 'shareAdopter',
    shareDescription: 'Share of engineers using the tool where it helps.',
    time: () => 1,
    aiUse: 1,
    tokens: 'genuine',
    gaming: () => 0,
    games: false,
    bot: 'reviewed',
  },
  {
    name: 'padder',
    label: 'Padder (tops up to quota)',
    colour: '#E69F00',
    shareMetric: 'sharePadder',
    shareDescription: 'Share of engineers topping usage up to a quota.',
    time: (s) => 1 - s.tool.padTimeShare,
    aiUse: 1,
    tokens: 'target',
    // For a week wholly faked: an engineer's padding counts this times the share of their tokens they fake (src/agents/padding.ts).
    gaming: (s) => s.behaviour.padderGaming,
    games: true,
    bot: 'reviewed',
  },
  {
    name: 'maxer',
    label: 'Maxer (chases leaderboard)',
    colour: '#D55E00',
    shareMetric: 'shareMaxer',
    shareDescription: 'Share of engineers chasing the leaderboard.',
    time: (s) => 1 - s.tool.maxTimeShare,
    aiUse: 1,
    tokens: 'leaderboard',
    // The unit of the scale: every token above the need is spent for the board.
    gaming: () => 1,
    games: true,
    bot: 'reviewed',
  },
  {
    name: 'autopilot',
    label: 'Autopilot (bot ships)',
    colour: '#CC79A7',
    shareMetric: 'shareAutopilot',
    shareDescription: 'Share of engineers letting the bot write and ship.',
    time: (s) => s.tool.autopilotTimeShare,
    aiUse: 1,
    tokens: 'multiple',
    gaming: (s) => s.behaviour.autopilotGaming,
    games: true,
    bot: 'unreviewed',
    needs: 'botDeploys',
  },
] as const satisfies readonly StrategyDeclaration[];

/** A strategy's name. */
export type StrategyName = (typeof STRATEGIES)[number]['name'];
/** The strategies' names, in index order. */
export const STRATEGY_NAMES: readonly StrategyName[] = STRATEGIES.map((s) => s.name);
/** How many strategies there are. */
export const STRATEGY_COUNT = STRATEGIES.length;

/** Indices, for the loops that treat one strategy apart. */
export const MANUAL = 0;
export const ADOPTER = 1;
export const PADDER = 2;
export const MAXER = 3;
export const AUTOPILOT = 4;

/** The strategies' declarations as typed arrays, worked out once per run from the scenario's settings. */
export interface StrategyShape {
  /** Share of the week spent on real work (time_k). */
  time: Float64Array;
  /** Intensity of genuine AI use (aiUse_k). */
  aiUse: Float64Array;
  /** Effort cost in utility (effort_k). */
  effort: Float64Array;
  /** Gaming intensity G_k. */
  gaming: Float64Array;
}

export function strategyShape(settings: StrategySettings): StrategyShape {
  return {
    time: Float64Array.from(STRATEGIES, (s: StrategyDeclaration) => s.time(settings)),
    aiUse: Float64Array.from(STRATEGIES, (s) => s.aiUse),
    effort: Float64Array.from(STRATEGIES, (s) => settings.behaviour.effort[s.name]),
    gaming: Float64Array.from(STRATEGIES, (s: StrategyDeclaration) => s.gaming(settings)),
  };
}

const GAMES = Uint8Array.from(STRATEGIES, (s: StrategyDeclaration) => (s.games ? 1 : 0));

/** Strategies with a gaming intensity: a teammate working one of these ways counts as gaming. */
export function isGaming(strategy: number): boolean {
  return GAMES[strategy] !== 0;
}

/** The token rule of each strategy as a small number, for the switch in the prospects' inner loop. */
export const TOKEN_RULES: readonly TokenRule[] = ['none', 'genuine', 'target', 'leaderboard', 'multiple'];
export const TOKEN_RULE = Uint8Array.from(STRATEGIES, (s: StrategyDeclaration) => TOKEN_RULES.indexOf(s.tokens));
const NO_TOKENS = TOKEN_RULES.indexOf('none');
const GENUINE_TOKENS = TOKEN_RULES.indexOf('genuine');
const UP_TO_TARGET = TOKEN_RULES.indexOf('target');
const BEYOND_LEADERBOARD = TOKEN_RULES.indexOf('leaderboard');

/** Who ships each strategy's bot changes, as a small number (index into BOT_RULES). */
export const BOT_RULES: readonly BotRule[] = ['none', 'reviewed', 'unreviewed'];
export const BOT_RULE = Uint8Array.from(STRATEGIES, (s: StrategyDeclaration) => BOT_RULES.indexOf(s.bot));
export const NO_BOT = BOT_RULES.indexOf('none');
export const UNREVIEWED_BOT = BOT_RULES.indexOf('unreviewed');

/**
 * Tokens used under strategy k (by its token rule, src/agents/strategies.ts) by an engineer with the
 * given genuine need, usage target (0 for none) and maxer aim. Everything above the genuine need is gaming.
 */
export function plannedTokens(k: number, genuine: number, usageTarget: number, maxAim: number, tool: Scenario['aiTool']): number {
  let tokens: number;
  switch (TOKEN_RULE[k]) {
    case NO_TOKENS:
      return 0;
    case GENUINE_TOKENS:
      tokens = genuine;
      break;
    case UP_TO_TARGET:
      tokens = paddedTokens(genuine, usageTarget, tool.padMargin);
      break;
    case BEYOND_LEADERBOARD:
      tokens = Math.max(genuine, maxAim);
      break;
    default:
      // 'multiple': a bot working unattended.
      tokens = genuine * tool.autopilotTokenMultiple;
  }
  return Math.min(tokens, tool.rateLimitTokensPerWeek);
}
