/**
 * Spearman rank correlation with average ranks for ties (many engineers use no tokens at all).
 * Works on the first `n` entries of preallocated arrays, so the recorder allocates nothing per week.
 *
 * Indices are ordered by a least-significant-digit radix sort on the high 32 bits of the values
 * (sign, exponent and the first 20 bits of the mantissa), a byte at a time, then values that share
 * those bits are put in order by the rest, by insertion: two different values agree in their high
 * half only when they are within a millionth of each other, which is rare, so this is a pass that
 * finds nothing to do. The radix sort makes no comparisons, so it has no branch a processor can
 * mispredict; a comparison sort's branches are a coin toss on the weeks of a run (a merge sort took
 * 180 µs a week for 1,000 engineers on meshclaw's own tokens and outputs, a radix sort on all 64 bits
 * 92 µs: docs/PERFORMANCE.md). The ranks do not depend on the sort used, since ties all get the
 * average rank of their run. The values must not be NaN; the bytes are read as a little-endian
 * machine (x64, arm64) lays them out, and a big-endian one is refused.
 */

export interface SpearmanScratch {
  /** The values' bits, turned so that unsigned order is numeric order. */
  bits: Float64Array;
  /** The same bits as bytes (little-endian: byte 0 of a value is its least significant). */
  bytes: Uint8Array;
  words: Uint32Array;
  order: Uint32Array;
  /** The radix sort's second buffer. */
  swapped: Uint32Array;
  /** How many values have each byte at each of the four positions of their high halves. */
  counts: Uint32Array;
  rankX: Float64Array;
  rankY: Float64Array;
}

/** Bytes of a value, of its low half, and of its high half (the radix sort's keys). */
const BYTES = 8;
const LOW_BYTES = 4;
const HIGH_BYTES = 4;
const BYTE_VALUES = 256;
const SIGN_BIT = 0x80000000;
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function createSpearmanScratch(capacity: number): SpearmanScratch {
  if (!LITTLE_ENDIAN) throw new Error('the metric validity\'s sort reads numbers as a little-endian machine lays them out; this machine is big-endian');
  const bits = new Float64Array(capacity);
  return {
    bits,
    bytes: new Uint8Array(bits.buffer),
    words: new Uint32Array(bits.buffer),
    order: new Uint32Array(capacity),
    swapped: new Uint32Array(capacity),
    counts: new Uint32Array(HIGH_BYTES * BYTE_VALUES),
    rankX: new Float64Array(capacity),
    rankY: new Float64Array(capacity),
  };
}

/**
 * Copies the values' bits into the scratch, made to sort as unsigned integers (a positive value gets
 * its sign bit set; a negative one has every bit flipped, so that larger magnitudes come first), and
 * counts the values of each byte of their high halves.
 */
function countBytes(values: Float64Array, n: number, scratch: SpearmanScratch): void {
  const { bits, bytes, words, counts } = scratch;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    bits[i] = values[i];
    const high = words[2 * i + 1];
    if (high & SIGN_BIT) {
      words[2 * i] = ~words[2 * i];
      words[2 * i + 1] = ~high;
    } else {
      words[2 * i + 1] = high | SIGN_BIT;
    }
    // Written out (offsets d × BYTE_VALUES): a loop over the positions here cost a tenth of the sort.
    const at = BYTES * i;
    counts[bytes[at + 4]]++;
    counts[256 + bytes[at + 5]]++;
    counts[512 + bytes[at + 6]]++;
    counts[768 + bytes[at + 7]]++;
  }
}

/** Sorts 0..n-1 by values (radix sort, stable); returns the buffer of the scratch that holds the order. */
function sortIndices(values: Float64Array, n: number, scratch: SpearmanScratch): Uint32Array {
  countBytes(values, n, scratch);
  const { bytes, counts, words } = scratch;
  let from = scratch.order;
  let to = scratch.swapped;
  for (let i = 0; i < n; i++) from[i] = i;
  for (let d = 0; d < HIGH_BYTES; d++) {
    const base = d * BYTE_VALUES;
    const at = LOW_BYTES + d;
    // A byte every value shares leaves the order as it is (the exponent's, often).
    if (counts[base + bytes[at]] === n) continue;
    let start = 0;
    for (let b = base; b < base + BYTE_VALUES; b++) {
      const count = counts[b];
      counts[b] = start;
      start += count;
    }
    for (let r = 0; r < n; r++) {
      const i = from[r];
      to[counts[base + bytes[BYTES * i + at]]++] = i;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  // Values that share their high half, in order of their low half (unsigned, as the words hold it).
  for (let r = 1; r < n; r++) {
    const i = from[r];
    const high = words[2 * i + 1];
    const low = words[2 * i];
    let k = r;
    while (k > 0 && words[2 * from[k - 1] + 1] === high && words[2 * from[k - 1]] > low) {
      from[k] = from[k - 1];
      k--;
    }
    from[k] = i;
  }
  return from;
}

function rank(values: Float64Array, n: number, scratch: SpearmanScratch, ranks: Float64Array): void {
  const order = sortIndices(values, n, scratch);
  let start = 0;
  while (start < n) {
    const value = values[order[start]];
    let end = start + 1;
    while (end < n && values[order[end]] === value) end++;
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
