import { describe, expect, it } from 'vitest';
import { bundled, meanOver, replicate } from '../helpers.ts';

describe('metric validity (Goodhart\'s law, measured)', () => {
  it('the correlation of usage and real output falls after a mandate starts', () => {
    // meshclaw's mandate starts at week 8.
    const result = replicate(bundled('meshclaw'), 6);
    const before = meanOver(result, 'metricValidity', 0, 8);
    const after = meanOver(result, 'metricValidity', 40, 52);
    expect(before).toBeGreaterThan(0.05);
    // Without a mandate validity moves by less than 0.06 over the same weeks (below): the mandate's fall is beyond that.
    expect(after).toBeLessThan(before - 0.07);
  });

  it('without a mandate it stays where it was', () => {
    const result = replicate(bundled('baseline'), 6);
    const before = meanOver(result, 'metricValidity', 0, 8);
    const after = meanOver(result, 'metricValidity', 40, 52);
    expect(Math.abs(after - before)).toBeLessThan(0.06);
  });
});
