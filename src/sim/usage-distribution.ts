/**
 * The distribution of tokens per engineer in one week, as a histogram on a log scale. It is the
 * leaderboard engineers look at: percentiles (where would T tokens rank me?) and quantiles (what
 * does the top 10% use?) are O(1) and O(bins) lookups, so a million engineers need no sort.
 * Bins are 2% of a decade wide (about 4.7% apart), finer than any difference the model acts on.
 */

/** Usage below this many tokens per week counts as none. */
const LOG10_FLOOR = 3;
const LOG10_CEILING = 13;
const BINS_PER_DECADE = 50;
/** Positions on the usage scale (tokensPosition) per tenfold tokens. */
export const POSITIONS_PER_DECADE = BINS_PER_DECADE;
const BINS = (LOG10_CEILING - LOG10_FLOOR) * BINS_PER_DECADE;
const FLOOR_TOKENS = 10 ** LOG10_FLOOR;

export interface UsageDistribution {
  /** counts[0]: engineers below the floor (about none); counts[1 + b]: log bin b. */
  counts: Float64Array;
  /** below[b] = engineers in bins before b. */
  below: Float64Array;
  total: number;
}

export function createUsageDistribution(): UsageDistribution {
  return { counts: new Float64Array(BINS + 1), below: new Float64Array(BINS + 2), total: 0 };
}

/**
 * Position of `tokens` on the bin scale: bin index + fraction within the bin. It costs a logarithm,
 * so loops over the population reuse positions they already know (src/agents/prospects.ts).
 */
export function tokensPosition(tokens: number): number {
  if (!(tokens >= FLOOR_TOKENS)) return 0.5;
  const position = 1 + (Math.log10(tokens) - LOG10_FLOOR) * BINS_PER_DECADE;
  return position < BINS + 1 ? position : BINS + 0.999999;
}

/**
 * Completes a distribution whose counts were just filled (counts[tokensPosition(t) | 0]++ for each
 * active engineer's tokens t, by the outcomes' pass): its total and cumulative counts.
 */
export function finishUsage(usage: UsageDistribution): void {
  const { counts, below } = usage;
  below[0] = 0;
  for (let b = 0; b <= BINS; b++) below[b + 1] = below[b] + counts[b];
  usage.total = below[BINS + 1];
}

/** Share of engineers using fewer tokens than `tokens` (ties split evenly), in [0, 1]. */
export function usagePercentile(usage: UsageDistribution, tokens: number): number {
  return usagePercentileAt(usage, tokensPosition(tokens));
}

/** usagePercentile for tokens whose position (tokensPosition) is known. */
export function usagePercentileAt(usage: UsageDistribution, position: number): number {
  if (usage.total === 0) return 0.5;
  const bin = position | 0;
  return (usage.below[bin] + usage.counts[bin] * (position - bin)) / usage.total;
}

/** Tokens at percentile p in [0, 1] (0 when most engineers use none). */
export function usageQuantile(usage: UsageDistribution, p: number): number {
  if (usage.total === 0) return 0;
  const target = Math.min(Math.max(p, 0), 1) * usage.total;
  const below = usage.below;
  const counts = usage.counts;
  let bin = 0;
  while (bin < BINS && below[bin] + counts[bin] < target) bin++;
  if (bin === 0) return 0;
  const within = counts[bin] > 0 ? (target - below[bin]) / counts[bin] : 0.5;
  return 10 ** (LOG10_FLOOR + (bin - 1 + within) / BINS_PER_DECADE);
}
