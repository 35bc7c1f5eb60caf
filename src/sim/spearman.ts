/**
 * Spearman rank correlation with average ranks for ties (many engineers use no tokens at all).
 * Works on the first `n` entries of preallocated arrays, so the recorder allocates nothing per week.
 */

export interface SpearmanScratch {
  order: Uint32Array;
  rankX: Float64Array;
  rankY: Float64Array;
}

export function createSpearmanScratch(capacity: number): SpearmanScratch {
  return { order: new Uint32Array(capacity), rankX: new Float64Array(capacity), rankY: new Float64Array(capacity) };
}

function rank(values: Float64Array, n: number, order: Uint32Array, ranks: Float64Array): void {
  const sorted = order.subarray(0, n);
  for (let i = 0; i < n; i++) sorted[i] = i;
  sorted.sort((a, b) => values[a] - values[b]);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[sorted[end]] === values[sorted[start]]) end++;
    const averageRank = (start + end - 1) / 2;
    for (let r = start; r < end; r++) ranks[sorted[r]] = averageRank;
    start = end;
  }
}

/** Spearman correlation of x[0..n) and y[0..n); 0 when either is constant or n < 2. */
export function spearman(x: Float64Array, y: Float64Array, n: number, scratch: SpearmanScratch): number {
  if (n < 2) return 0;
  rank(x, n, scratch.order, scratch.rankX);
  rank(y, n, scratch.order, scratch.rankY);
  const mean = (n - 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = scratch.rankX[i] - mean;
    const dy = scratch.rankY[i] - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}
