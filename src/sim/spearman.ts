/**
 * Spearman rank correlation with average ranks for ties (many engineers use no tokens at all).
 * Works on the first `n` entries of preallocated arrays, so the recorder allocates nothing per week.
 *
 * Indices are ordered by a merge sort written out here rather than by `sort` with a comparator: a
 * comparator is a call out of native code per comparison, several times slower at 4096 values. The
 * ranks do not depend on the sort used, since ties all get the average rank of their run.
 */

export interface SpearmanScratch {
  order: Uint32Array;
  /** The merge sort's second buffer. */
  merged: Uint32Array;
  rankX: Float64Array;
  rankY: Float64Array;
}

export function createSpearmanScratch(capacity: number): SpearmanScratch {
  return { order: new Uint32Array(capacity), merged: new Uint32Array(capacity), rankX: new Float64Array(capacity), rankY: new Float64Array(capacity) };
}

/** Leaves order[0..n) holding 0..n-1 sorted by values (bottom-up merge sort); returns the buffer that holds them. */
function sortIndices(values: Float64Array, n: number, order: Uint32Array, merged: Uint32Array): Uint32Array {
  let from = order;
  let to = merged;
  for (let i = 0; i < n; i++) from[i] = i;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let a = lo;
      let b = mid;
      let out = lo;
      while (a < mid && b < hi) to[out++] = values[from[b]] < values[from[a]] ? from[b++] : from[a++];
      while (a < mid) to[out++] = from[a++];
      while (b < hi) to[out++] = from[b++];
    }
    const swap = from;
    from = to;
    to = swap;
  }
  return from;
}

function rank(values: Float64Array, n: number, scratch: SpearmanScratch, ranks: Float64Array): void {
  const sorted = sortIndices(values, n, scratch.order, scratch.merged);
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
  rank(x, n, scratch, scratch.rankX);
  rank(y, n, scratch, scratch.rankY);
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
