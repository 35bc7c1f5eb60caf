import { describe, expect, it } from 'vitest';
import { morrisDesign } from '../../../src/experiment/designs/morris.ts';

describe('Morris design', () => {
  const d = 5;
  const r = 30;
  const p = 4;
  const design = morrisDesign(d, r, p, 7);

  it('has r trajectories of d + 1 points on the p-level grid, with Δ = p / (2(p - 1))', () => {
    expect(design.delta).toBeCloseTo(2 / 3, 15);
    expect(design.points.rows).toBe(r * (d + 1));
    const grid = [0, 1 / 3, 2 / 3, 1];
    for (const v of design.points.values) expect(grid).toContain(v);
  });

  it('each step moves one parameter by exactly ±Δ, and each parameter once per trajectory', () => {
    const { values } = design.points;
    for (let t = 0; t < r; t++) {
      const moved = Array.from(design.moved.subarray(t * d, (t + 1) * d));
      expect([...moved].sort()).toEqual([0, 1, 2, 3, 4]);
      for (let s = 0; s < d; s++) {
        const from = t * (d + 1) + s;
        for (let i = 0; i < d; i++) {
          const change = values[(from + 1) * d + i] - values[from * d + i];
          if (i === moved[s]) expect(Math.abs(change)).toBeCloseTo(design.delta, 12);
          else expect(change).toBe(0);
        }
      }
    }
  });

  it('is the same for the same seed and differs for another', () => {
    expect(morrisDesign(d, r, p, 7).points.values).toEqual(design.points.values);
    expect(morrisDesign(d, r, p, 8).points.values).not.toEqual(design.points.values);
  });

  it('refuses an odd number of levels (Δ would fall off the grid) and a single trajectory', () => {
    expect(() => morrisDesign(3, 10, 5, 1)).toThrow(/even/);
    expect(() => morrisDesign(3, 1, 4, 1)).toThrow(/trajectories/);
  });
});
