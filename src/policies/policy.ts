/**
 * A policy is one file that declares everything about it (docs/ARCHITECTURE.md, "Add a policy"):
 * its scenario block (a zod schema with defaults, ranges, descriptions and sources), when it is in
 * force, the state it keeps, its hooks on the week, the signals it gives the rest of the model, the
 * metrics it adds and the levers the workshop page shows for it. The engine calls the hooks in
 * registry order and never names a policy.
 *
 * Hooks act on the whole population at once (loops over typed arrays), never per engineer.
 */
import type { z } from 'zod';
import type { Population } from '../agents/population.ts';
import type { Resolved } from '../scenario/schedule.ts';
import type { WeekContext } from '../sim/context.ts';
import type { MetricDefinition } from '../sim/metrics.ts';
import type { Random } from '../sim/random.ts';

/** What a policy's state is made from at the start of a run. */
export interface PolicySetup<Block> {
  pop: Population;
  /** The policy's block as the scenario gives it (expressions not yet evaluated). */
  block: Block;
  /** The run's random stream of a name: a policy's own draws come from streams it names, so that it never shifts another's. */
  stream: (name: string) => Random;
}

/** A metric a policy adds: its declaration, and its value at the end of a week. */
export interface PolicyMetric<Values, State> extends MetricDefinition {
  record: (ctx: WeekContext, values: Values, state: State) => number;
}

/** A control of the workshop page: a field of the policy's block; its help is the field's description in the schema. */
export interface Lever {
  /** Field within the policy's block, e.g. `target`; a distribution's mean is `managerWeight.mean`. */
  field: string;
  label: string;
  kind: 'flag' | 'range' | 'mean';
  min?: number;
  max?: number;
  step?: number;
  /** How the page shows the value. */
  format?: 'percent' | 'tokens' | 'count' | 'visibility';
}

/** A policy as the model runs it: what `definePolicy` returns. */
export interface Policy<Block = any, State = any> {
  /** Key of the policy's block under `policies:` in a scenario, and its name in `explain`. */
  name: string;
  /** Heading of its levers on the page and of its part of the docs. */
  label: string;
  /** The block: a strict zod object whose every field has a default, so that `{}` is valid. */
  schema: z.ZodType<Block>;
  /**
   * The first week the policy acts on engineers, or undefined if it never does in this scenario:
   * the report marks it ("mandate starts") and the page disables the levers of a policy that is off.
   */
  startWeek?: (block: Block) => number | undefined;
  /** The state the policy keeps over a run, typed arrays it allocates itself. */
  createState?: (setup: PolicySetup<Block>) => State;
  /** A new hire at position i: draws the policy keeps per engineer, from the hires' stream. */
  hire?: (state: State, i: number, rng: Random) => void;
  /** Sets the week's signals (src/sim/signals.ts) from this week's values. */
  signals?: (ctx: WeekContext, values: Resolved<Block>, state: State) => void;
  /**
   * Adds the policy's terms to `pop.utility[j * STRATEGY_COUNT + k]` for the j-th engineer revising
   * this week, i = ctx.revisers[j] (for j from 0 to ctx.reviserCount − 1), given the prospects at the same index in
   * `pop.perceivedOutput`, `pop.plannedTokens` and `pop.plannedPercentile`.
   */
  utility?: (ctx: WeekContext, values: Resolved<Block>, state: State) => void;
  /** Effects after this week's outcomes are known (e.g. pressure on morale). */
  afterOutcomes?: (ctx: WeekContext, values: Resolved<Block>, state: State) => void;
  /** Effects in a review week (signals.reviewWeek), after outcomes. */
  onReview?: (ctx: WeekContext, values: Resolved<Block>, state: State) => void;
  /** Metrics the policy adds to every run's metrics.csv and summary.json. */
  metrics?: readonly PolicyMetric<Resolved<Block>, State>[];
  /** Controls of the page, in the order shown. */
  levers?: readonly Lever[];
}

/**
 * Declares a policy with its types worked out from its schema: `values` in the hooks is the block
 * with every expression of t evaluated for the week.
 *
 * @example
 * ```ts
 * export const fridays = definePolicy({
 *   name: 'fridays', label: 'AI-free Fridays',
 *   schema: z.strictObject({ enabled: z.boolean().default(false) }),
 *   utility(ctx, values) { ... },
 * });
 * ```
 */
export function definePolicy<S extends z.ZodType, State = undefined>(policy: Policy<z.infer<S>, State> & { schema: S }): Policy<z.infer<S>, State> {
  return policy;
}

/** Whether a policy that is switched on by `enabled` from `startWeek` is in force in week t. */
export function inForce(block: { enabled: boolean; startWeek: number }, t: number): boolean {
  return block.enabled && t >= block.startWeek;
}
