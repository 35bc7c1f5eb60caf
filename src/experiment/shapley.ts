/**
 * Shapley values of a cooperative game, the pure mathematics of `explain`. Players are numbered
 * 0..k−1 and a coalition is a bit mask (player i is in it when bit i is set); the game is a value
 * function from coalitions to numbers. The Shapley value of player i is its marginal contribution
 * v(S ∪ {i}) − v(S) averaged over every order in which the players can join (Shapley 1953). The
 * values add up to v(all) − v(none) (efficiency), a player who changes nothing gets 0, and an
 * interaction between two players is split equally between them.
 */
import type { Random } from '../sim/random.ts';

/** A value function: the value of each coalition (a bit mask of players). */
export type Game = (coalition: number) => number;

/** The coalition of every player. */
export function grandCoalition(players: number): number {
  return 2 ** players - 1;
}

function sizeOf(coalition: number): number {
  let size = 0;
  for (let c = coalition; c > 0; c >>>= 1) size += c & 1;
  return size;
}

/**
 * The weight of a coalition S of size s not containing i in φ_i: s! (k − s − 1)! / k!, the share of
 * the k! orders in which exactly the players of S come before i.
 */
export function shapleyWeights(players: number): Float64Array {
  const weights = new Float64Array(players);
  for (let s = 0; s < players; s++) {
    // s! (k−s−1)! / k! = 1 / (k · C(k−1, s)), computed as a product so that no factorial overflows.
    let binomial = 1;
    for (let j = 1; j <= s; j++) binomial = (binomial * (players - s - 1 + j)) / j;
    weights[s] = 1 / (players * binomial);
  }
  return weights;
}

/**
 * Exact Shapley values from all 2^k coalitions: O(k 2^k) evaluations of the weights, each coalition's
 * value read once (pass a table lookup as `value`).
 *
 * @example
 * ```ts
 * // v = 1 for player 0 alone, 2 for player 1 alone, 5 together: the interaction 2 is split equally.
 * exactShapley(2, (c) => [0, 1, 2, 5][c]); // Float64Array [2, 3]
 * ```
 */
export function exactShapley(players: number, value: Game): Float64Array {
  const weights = shapleyWeights(players);
  const phi = new Float64Array(players);
  const all = grandCoalition(players);
  for (let coalition = 0; coalition < all; coalition++) {
    const base = value(coalition);
    const w = weights[sizeOf(coalition)];
    for (let i = 0; i < players; i++) {
      const bit = 2 ** i;
      if (coalition & bit) continue;
      phi[i] += w * (value(coalition | bit) - base);
    }
  }
  return phi;
}

/** Uniformly random orders of the players (Fisher–Yates), drawn from `random`. */
export function samplePermutations(players: number, count: number, random: Random): Int32Array[] {
  const orders: Int32Array[] = [];
  for (let p = 0; p < count; p++) {
    const order = Int32Array.from({ length: players }, (_, i) => i);
    for (let i = players - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    orders.push(order);
  }
  return orders;
}

/** Every coalition a permutation estimate evaluates: each prefix of each order, the empty one included. */
export function permutationCoalitions(orders: readonly Int32Array[]): number[] {
  const needed = new Set<number>([0]);
  for (const order of orders) {
    let coalition = 0;
    for (const player of order) needed.add((coalition |= 2 ** player));
  }
  return [...needed].sort((x, y) => x - y);
}

/** A sampled Shapley estimate and, per player, the standard error of its sampling. */
export interface ShapleyEstimate {
  values: Float64Array;
  standardErrors: Float64Array;
}

/**
 * Shapley values estimated from sampled orders (Castro, Gómez and Tejada 2009): each order gives every
 * player one marginal contribution, and the estimate is their mean over orders. The contributions of
 * one order add up to v(all) − v(none), so the estimate is efficient whatever the sample. The
 * standard error is the contributions' standard deviation over orders divided by √(orders) (0 for a
 * single order, whose error cannot be told).
 */
export function permutationShapley(players: number, orders: readonly Int32Array[], value: Game): ShapleyEstimate {
  const sum = new Float64Array(players);
  const sumOfSquares = new Float64Array(players);
  for (const order of orders) {
    let coalition = 0;
    let before = value(0);
    for (const player of order) {
      coalition |= 2 ** player;
      const after = value(coalition);
      const contribution = after - before;
      sum[player] += contribution;
      sumOfSquares[player] += contribution * contribution;
      before = after;
    }
  }
  const n = orders.length;
  const values = sum.map((s) => s / n);
  const standardErrors = sumOfSquares.map((sq, i) => (n > 1 ? Math.sqrt(Math.max(0, sq - n * values[i] ** 2) / (n - 1) / n) : 0));
  return { values, standardErrors };
}

/**
 * The pairwise interaction of players i and j on top of the empty coalition:
 * `v({i, j}) − v({i}) − v({j}) + v(∅)`, what the two do together beyond the sum of each alone.
 */
export function pairInteraction(value: Game, i: number, j: number): number {
  const bi = 2 ** i;
  const bj = 2 ** j;
  return value(bi | bj) - value(bi) - value(bj) + value(0);
}

/** The coalitions of at most two players: what the one-at-a-time effects and pairwise interactions need. */
export function smallCoalitions(players: number): number[] {
  const coalitions = [0];
  for (let i = 0; i < players; i++) {
    coalitions.push(2 ** i);
    for (let j = 0; j < i; j++) coalitions.push(2 ** i + 2 ** j);
  }
  return coalitions.sort((x, y) => x - y);
}
