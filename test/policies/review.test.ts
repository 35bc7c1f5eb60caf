import { describe, expect, it } from 'vitest';
import { bundled, meanOver, replicate } from '../helpers.ts';

// Reviews only: the organisation says usage will not count (stated weight 0) from week 0.
const saysZero = ['policies.review.statedWeight=0', 'policies.review.startWeek=0'];

describe('review policy: what is said and what is done', () => {
  it('a stated-but-false "usage won\'t count" moves belief toward the managers\' real weight', () => {
    const result = replicate(bundled('baseline', [...saysZero, 'policies.review.managerWeight={dist: beta, mean: 0.3, sd: 0.1}']), 5);
    const before = meanOver(result, 'belief', 0, 1);
    const after = meanOver(result, 'belief', 48, 52);
    expect(after).toBeGreaterThan(before + 0.1);
    // It approaches the real weight (0.3) from below and does not overshoot it.
    expect(after).toBeGreaterThan(0.2);
    expect(after).toBeLessThan(0.36);
  });

  it('a stated-but-false promise erodes trust; a kept one does not', () => {
    const broken = replicate(bundled('baseline', [...saysZero, 'policies.review.managerWeight={dist: beta, mean: 0.3, sd: 0.1}']), 5);
    const kept = replicate(bundled('baseline', [...saysZero, 'policies.review.managerWeight={dist: constant, mean: 0}']), 5);
    const start = meanOver(kept, 'trust', 0, 1);
    expect(meanOver(broken, 'trust', 48, 52)).toBeLessThan(start - 0.2);
    expect(meanOver(kept, 'trust', 48, 52)).toBeGreaterThan(start - 0.02);
  });

  it('when the promise is kept, belief falls toward zero', () => {
    const kept = replicate(bundled('baseline', [...saysZero, 'policies.review.managerWeight={dist: constant, mean: 0}']), 3);
    expect(meanOver(kept, 'belief', 48, 52)).toBeLessThan(0.5 * meanOver(kept, 'belief', 0, 1));
  });

  it('ratings that reward usage cost morale', () => {
    const broken = replicate(bundled('baseline', [...saysZero, 'policies.review.managerWeight={dist: beta, mean: 0.3, sd: 0.1}']), 3);
    const kept = replicate(bundled('baseline', [...saysZero]), 3);
    expect(meanOver(broken, 'morale', 40, 52)).toBeLessThan(meanOver(kept, 'morale', 40, 52) - 0.03);
  });
});
