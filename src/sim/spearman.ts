/**
 * Spearman rank correlation with average ranks for ties (many engineers use no tokens at all).
 * Works on the first `n` entries of preallocated arrays, so the recorder allocates nothing per week.
 *
 * Indices are ordered by a merge sort written out here rather than by `sort` with a comparator: a
 * comparator is a call out of native code per comparison, several times slower at 4096 values (and
 * a typed array's own sort, without one, is slower than this too). The sort carries each index's
 * value beside it, so that a comparison reads two values in a row rather than through their indices,
 * and starts from short runs sorted by insertion. The ranks do not depend on the sort used, since
 * ties all get the average rank of their run.
 */

export interface SpearmanScratch {
  order: Uint32Array;
  /** The merge sort's second buffer. */
  merged: Uint32Array;
  /** The values in the order of `order`, and of `merged`. */
  keys: Float64Array;
  mergedKeys: Float64Array;
  rankX: Float64Array;
  rankY: Float64Array;
}

export function createSpearmanScratch(capacity: number): SpearmanScratch {
  return {
    order: new Uint32Array(capacity),
    merged: new Uint32Array(capacity),
    keys: new Float64Array(capacity),
    mergedKeys: new Float64Array(capacity),
    rankX: new Float64Array(capacity),
    rankY: new Float64Array(capacity),
  };
}

/** Runs of this length are sorted by insertion before merging: fewer passes over the whole. */
const RUN = 8;

/**
 * Sorts 0..n-1 by values (bottom-up merge sort, stable); returns which of the scratch's two pairs of
 * buffers holds the result: indices, and their values in the same order.
 */
function sortIndices(values: Float64Array, n: number, scratch: SpearmanScratch): { order: Uint32Array; keys: Float64Array } {
  let from = scratch.order;
  let fromKeys = scratch.keys;
  let to = scratch.merged;
  let toKeys = scratch.mergedKeys;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo; i < hi; i++) {
      const v = values[i];
      let j = i;
      while (j > lo && v < fromKeys[j - 1]) {
        fromKeys[j] = fromKeys[j - 1];
        from[j] = from[j - 1];
        j--;
      }
      fromKeys[j] = v;
      from[j] = i;
    }
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let a = lo;
      let b = mid;
      let out = lo;
      while (a < mid && b < hi) {
        if (fromKeys[b] < fromKeys[a]) {
          toKeys[out] = fromKeys[b];
          to[out++] = from[b++];
        } else {
          toKeys[out] = fromKeys[a];
          to[out++] = from[a++];
        }
      }
      while (a < mid) {
        toKeys[out] = fromKeys[a];
        to[out++] = from[a++];
      }
      while (b < hi) {
        toKeys[out] = fromKeys[b];
        to[out++] = from[b++];
      }
    }
    const swap = from;
    from = to;
    to = swap;
    const swapKeys = fromKeys;
    fromKeys = toKeys;
    toKeys = swapKeys;
  }
  return { order: from, keys: fromKeys };
}

function rank(values: Float64Array, n: number, scratch: SpearmanScratch, ranks: Float64Array): void {
  const { order, keys } = sortIndices(values, n, scratch);
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && keys[end] === keys[start]) end++;
    const averageRank = (start + end - 1) / 2;
    for (let r = start; r < end; r++) ranks[order[r]] = averageRank;
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
