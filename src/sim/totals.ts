/**
 * What a week adds up over engineers, as slots of OrgState.totals. The passes that visit every
 * engineer anyway fill it (outcomes: what was produced; people: who is left, and how they feel), so
 * that incidents, the organisation's statistics and the recorder need no pass of their own.
 *
 * Slots are numbered here, in the order they are listed, not by hand; a metric reads the slots it needs.
 */
import { STRATEGY_COUNT } from '../agents/strategies.ts';

/** The totals and how many slots each takes. */
const TOTALS = {
  /** Engineers who worked this week (active when outcomes were realised). */
  working: 1,
  output: 1,
  outputSquares: 1,
  tokens: 1,
  /** Tokens within genuine need; the rest is gaming. */
  genuineTokens: 1,
  botDeploys: 1,
  /** Bot changes the deployment rules let merge with no human review: Σ deploys · (1 − rigor). */
  unreviewedBotChanges: 1,
  /** Working engineers with a usage target, and of them those meeting it. */
  covered: 1,
  meetingTarget: 1,
  /** Working engineers by strategy: strategies + k. */
  strategies: STRATEGY_COUNT,
  /** Engineers active at the end of the week, after leavers and hires, and their summed state. */
  headcount: 1,
  belief: 1,
  trust: 1,
  morale: 1,
} as const;

type Slots = { readonly [K in keyof typeof TOTALS]: number };

function assignSlots(): { slots: Slots; size: number } {
  let next = 0;
  const slots = {} as Record<string, number>;
  for (const [name, width] of Object.entries(TOTALS)) {
    slots[name] = next;
    next += width;
  }
  return { slots: slots as Slots, size: next };
}

const assigned = assignSlots();
export const totalSlots: Slots = assigned.slots;
export const TOTALS_SIZE = assigned.size;

// Constants for the hot loops, where a number known at load time is cheaper than a property read.
export const WORKING = totalSlots.working;
export const OUTPUT = totalSlots.output;
export const OUTPUT_SQUARES = totalSlots.outputSquares;
export const TOKENS = totalSlots.tokens;
export const GENUINE_TOKENS = totalSlots.genuineTokens;
export const BOT_DEPLOYS = totalSlots.botDeploys;
export const UNREVIEWED_BOT_CHANGES = totalSlots.unreviewedBotChanges;
export const COVERED = totalSlots.covered;
export const MEETING_TARGET = totalSlots.meetingTarget;
export const STRATEGIES = totalSlots.strategies;
export const HEADCOUNT = totalSlots.headcount;
export const BELIEF = totalSlots.belief;
export const TRUST = totalSlots.trust;
export const MORALE = totalSlots.morale;
