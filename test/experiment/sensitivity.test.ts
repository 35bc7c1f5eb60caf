import { describe, expect, it } from 'vitest';
import { morrisDesign } from '../../src/experiment/designs/morris.ts';
import { saltelliDesign, type PointMatrix } from '../../src/experiment/designs/sobol.ts';
import { morrisIndices, scaleToRanges, sobolIndices } from '../../src/experiment/sensitivity.ts';

/** y = f(row) at each row of a point matrix. */
function evaluate(points: PointMatrix, f: (x: Float64Array) => number): Float64Array {
  const y = new Float64Array(points.rows);
  for (let r = 0; r < points.rows; r++) y[r] = f(points.values.subarray(r * points.columns, (r + 1) * points.columns));
  return y;
}

/** Ishigami and Homma (1990), with a = 7 and b = 0.1 as in Saltelli et al. 2008 and 2010. */
const A = 7;
const B = 0.1;
const ishigami = (x: Float64Array) => Math.sin(x[0]) + A * Math.sin(x[1]) ** 2 + B * x[2] ** 4 * Math.sin(x[0]);
const PI_RANGE = { min: -Math.PI, max: Math.PI };

/** Its indices, analytically (Saltelli et al. 2008, Global Sensitivity Analysis: The Primer). */
const pi4 = Math.PI ** 4;
const V1 = 0.5 * (1 + (B * pi4) / 5) ** 2;
const V2 = A ** 2 / 8;
const V13 = (8 * B ** 2 * pi4 ** 2) / 225;
const V = V1 + V2 + V13;
const EXACT = { S1: [V1 / V, V2 / V, 0], ST: [(V1 + V13) / V, V2 / V, V13 / V] };

describe('Sobol indices', () => {
  const design = saltelliDesign(3, 4096);
  const y = evaluate(scaleToRanges(design.points, [PI_RANGE, PI_RANGE, PI_RANGE]), ishigami);
  const indices = sobolIndices(design, y, { seed: 1 });

  it('the analytic values are the published ones: S1 ≈ 0.314, 0.442, 0 and ST3 ≈ 0.244', () => {
    expect(EXACT.S1[0]).toBeCloseTo(0.314, 3);
    expect(EXACT.S1[1]).toBeCloseTo(0.442, 3);
    expect(EXACT.ST[2]).toBeCloseTo(0.244, 3);
  });

  it('recovers the Ishigami indices with N = 4096, and every 95% interval holds the true value', () => {
    const TOLERANCE = 0.01;
    expect(indices.map((s) => s.parameter)).toEqual(['x1', 'x2', 'x3']);
    indices.forEach((s, i) => {
      expect(Math.abs(s.S1 - EXACT.S1[i])).toBeLessThan(TOLERANCE);
      expect(Math.abs(s.ST - EXACT.ST[i])).toBeLessThan(TOLERANCE);
      expect(s.S1lo).toBeLessThanOrEqual(EXACT.S1[i]);
      expect(s.S1hi).toBeGreaterThanOrEqual(EXACT.S1[i]);
      expect(s.STlo).toBeLessThanOrEqual(EXACT.ST[i]);
      expect(s.SThi).toBeGreaterThanOrEqual(EXACT.ST[i]);
      // Intervals narrow enough to tell the parameters apart.
      expect(s.S1hi - s.S1lo).toBeLessThan(0.1);
      expect(s.SThi - s.STlo).toBeLessThan(0.1);
    });
  });

  it('intervals are reproducible with the same seed and move with another', () => {
    expect(sobolIndices(design, y, { seed: 1 })).toEqual(indices);
    const other = sobolIndices(design, y, { seed: 2 });
    expect(other.map((s) => s.S1)).toEqual(indices.map((s) => s.S1));
    expect(other[0].S1lo).not.toBe(indices[0].S1lo);
  });

  it('an additive function: S1 = ST = each term’s share of the variance', () => {
    // y = x1 + 2 x2 on the unit cube: variances 1/12 and 4/12, so shares 1/5 and 4/5; x3 does nothing.
    const small = saltelliDesign(3, 1024);
    const rows = sobolIndices(small, evaluate(small.points, (x) => x[0] + 2 * x[1]), { bootstrap: 200, names: ['a', 'b', 'c'] });
    expect(rows.map((s) => s.parameter)).toEqual(['a', 'b', 'c']);
    [0.2, 0.8, 0].forEach((share, i) => {
      expect(rows[i].S1).toBeCloseTo(share, 2);
      expect(rows[i].ST).toBeCloseTo(share, 2);
    });
    expect(rows[2].ST).toBe(0);
  });

  it('without bootstrap the interval is the estimate; a constant output has no indices (NaN)', () => {
    const small = saltelliDesign(2, 64);
    const [first] = sobolIndices(small, evaluate(small.points, (x) => x[0]), { bootstrap: 0 });
    expect([first.S1lo, first.S1hi]).toEqual([first.S1, first.S1]);
    const constant = sobolIndices(small, new Float64Array(small.points.rows).fill(3), { bootstrap: 10 });
    expect(constant[0].S1).toBeNaN();
    expect(constant[0].ST).toBeNaN();
  });

  it('refuses outputs that do not fit the design', () => {
    const small = saltelliDesign(2, 8);
    expect(() => sobolIndices(small, new Float64Array(5))).toThrow(/32 rows but there are 5 outputs/);
    expect(() => sobolIndices(small, new Float64Array(32).fill(Number.NaN))).toThrow(/finite/);
    expect(() => sobolIndices(small, new Float64Array(32), { names: ['only one'] })).toThrow(/names/);
  });
});

describe('Morris indices', () => {
  const design = morrisDesign(3, 20, 4, 1);
  const ranges = [
    { min: 0, max: 10 },
    { min: -1, max: 3 },
    { min: 5, max: 6 },
  ];
  const x = scaleToRanges(design.points, ranges);

  it('a linear function: μ = μ* = coefficient × range, σ = 0', () => {
    const rows = morrisIndices(design, evaluate(x, (v) => 2 * v[0] + 0.5 * v[1] + 0 * v[2]));
    const expected = [2 * 10, 0.5 * 4, 0];
    rows.forEach((row, i) => {
      expect(row.mu).toBeCloseTo(expected[i], 10);
      expect(row.muStar).toBeCloseTo(expected[i], 10);
      expect(row.sigma).toBeCloseTo(0, 10);
    });
  });

  it('μ* counts a negative effect as influence, where μ does not', () => {
    const [row] = morrisIndices(design, evaluate(x, (v) => -3 * v[0]));
    expect(row.mu).toBeCloseTo(-30, 10);
    expect(row.muStar).toBeCloseTo(30, 10);
  });

  it('a non-linear term or an interaction raises σ of the parameters in it, and only theirs', () => {
    const rows = morrisIndices(design, evaluate(x, (v) => 2 * v[0] + 0.5 * v[1] * v[2]), { names: ['a', 'b', 'c'] });
    expect(rows.map((r) => r.parameter)).toEqual(['a', 'b', 'c']);
    expect(rows[0].sigma).toBeCloseTo(0, 10);
    expect(rows[1].sigma).toBeGreaterThan(0.1);
    expect(rows[2].sigma).toBeGreaterThan(0.1);
    const squared = morrisIndices(design, evaluate(x, (v) => v[0] ** 2));
    expect(squared[0].sigma).toBeGreaterThan(10);
  });
});

describe('scaleToRanges', () => {
  it('maps 0 to min and 1 to max, column by column', () => {
    const unit = { rows: 2, columns: 2, values: Float64Array.of(0, 1, 0.5, 0.25) };
    const scaled = scaleToRanges(unit, [
      { min: 10, max: 20 },
      { min: -1, max: 1 },
    ]);
    expect(Array.from(scaled.values)).toEqual([10, 1, 15, -0.5]);
    expect(unit.values[2]).toBe(0.5);
    expect(() => scaleToRanges(unit, [{ min: 0, max: 1 }])).toThrow(/2 columns but 1 ranges/);
  });
});
