/**
 * Steps 1 and 4 of the engineer's week (MODEL.md §3): who reconsiders, and what they pick.
 * Habits change slowly, so only a share `revisionRate` of engineers revise each week; a reviser
 * picks strategy k with probability proportional to exp(rationality · U[k]) (logit choice).
 */
import type { WeekContext } from '../sim/context.ts';
import { STRATEGY_COUNT } from './strategies.ts';

/**
 * Lists the active engineers who revise in ctx.revisers, from the week's revision coin of every
 * position (drawn for every position, active or not, so that two scenarios with the same seed draw
 * the same coins), and returns how many there are: the caller stores it in ctx.reviserCount.
 */
export function drawRevisers(ctx: WeekContext): number {
  const { pop, revisers } = ctx;
  const rate = ctx.scenario.behaviour.revisionRate;
  const coin = ctx.coins.revision;
  const active = pop.active;
  let count = 0;
  for (let i = 0; i < pop.size; i++) {
    if (coin[i] < rate && active[i] !== 0) revisers[count++] = i;
  }
  // Returned rather than stored: see "Loops end their function" in docs/PERFORMANCE.md.
  return count;
}

export function chooseStrategies(ctx: WeekContext): void {
  const { pop, revisers, reviserCount } = ctx;
  const beta = ctx.scenario.behaviour.rationality;
  const rng = ctx.streams.choice;
  const { utility: U, strategy } = pop;
  const weights = ctx.pop.choiceWeights;
  for (let j = 0; j < reviserCount; j++) {
    const i = revisers[j];
    const base = j * STRATEGY_COUNT;
    let best = -Infinity;
    for (let k = 0; k < STRATEGY_COUNT; k++) if (U[base + k] > best) best = U[base + k];
    let total = 0;
    for (let k = 0; k < STRATEGY_COUNT; k++) {
      // Subtracting the best keeps exp from overflowing; an unavailable strategy (-Infinity) gets weight 0.
      const u = U[base + k];
      const x = beta * (u - best);
      // exp(0) is exactly 1: the best strategy's weight needs no exp.
      const w = u === -Infinity ? 0 : x === 0 ? 1 : Math.exp(x);
      weights[k] = w;
      total += w;
    }
    let pick = rng() * total;
    let k = 0;
    while (k < STRATEGY_COUNT - 1 && pick >= weights[k]) pick -= weights[k++];
    // Skip to an available strategy if rounding left us on a zero weight.
    while (weights[k] === 0 && k > 0) k--;
    strategy[i] = k;
  }
}
