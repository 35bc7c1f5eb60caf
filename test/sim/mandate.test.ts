import { describe, expect, it } from 'vitest';
import { bundled, meanOver, replicate, totalOf } from '../helpers.ts';

describe('mandate vs baseline', () => {
  const seeds = 6;
  const meshclaw = replicate(bundled('meshclaw'), seeds);
  const baseline = replicate(bundled('baseline'), seeds);

  it('spend grows several-fold under the mandate', () => {
    // After the mandate has settled in (weeks 26-51).
    const ratio = meanOver(meshclaw, 'spend', 26, 52) / meanOver(baseline, 'spend', 26, 52);
    expect(ratio).toBeGreaterThan(3);
  });

  it('real output stays within a few percent of the baseline, or falls below it', () => {
    const ratio = totalOf(meshclaw, 'realOutput') / totalOf(baseline, 'realOutput');
    expect(ratio).toBeLessThan(1.03);
    expect(ratio).toBeGreaterThan(0.7);
  });

  it('before the mandate starts the two organisations are the same', () => {
    // Same seeds, same population, same policies until week 8 (common random numbers).
    for (let k = 0; k < seeds; k++) {
      for (let t = 0; t < 8; t++) {
        expect(meshclaw.runs[k].metrics.realOutput[t]).toBe(baseline.runs[k].metrics.realOutput[t]);
      }
    }
  });

  it('the mandate brings gaming, incidents and distrust', () => {
    expect(meanOver(meshclaw, 'gamingShare', 26, 52)).toBeGreaterThan(0.3);
    expect(meanOver(baseline, 'gamingShare', 26, 52)).toBeLessThan(0.05);
    // Bot changes fail at a change-failure rate (about 1.7 × a human change's defects, little reviewed)
    // and take review hours from human changes: about twice the baseline's incidents.
    expect(totalOf(meshclaw, 'incidents')).toBeGreaterThan(1.5 * totalOf(baseline, 'incidents'));
    expect(totalOf(meshclaw, 'incidentCost')).toBeGreaterThan(1.3 * totalOf(baseline, 'incidentCost'));
    expect(meanOver(meshclaw, 'trust', 48, 52)).toBeLessThan(meanOver(baseline, 'trust', 48, 52) - 0.2);
  });
});
