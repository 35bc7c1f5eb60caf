import { describe, expect, it } from 'vitest';
import { reviewDepth, reviewedShare } from '../../src/sim/code-review.ts';
import { bundled, replicate, totalOf } from '../helpers.ts';

function humanChangeFailureRate(result: ReturnType<typeof replicate>): number {
  const failures = totalOf(result, 'incidents') - totalOf(result, 'botIncidents') - totalOf(result, 'securityIncidents');
  return failures / (totalOf(result, 'changes') - totalOf(result, 'botDeploys'));
}

const BOTS = ['policies.deployment.botMayDeploy=true', 'policies.deployment.startWeek=0', 'behaviour.effort.autopilot=5'];

describe('code review is a finite resource', () => {
  it('a team reviews every change while its hours allow the minimum each, and only as many as they allow beyond', () => {
    expect(reviewedShare(24, 10, 0.25)).toBe(1);
    expect(reviewedShare(24, 96, 0.25)).toBe(1);
    expect(reviewedShare(24, 192, 0.25)).toBeCloseTo(0.5, 12);
    expect(reviewDepth(1.5, 1.5)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(reviewDepth(3, 1.5)).toBeGreaterThan(reviewDepth(1.5, 1.5));
  });

  it('more changes for the same review hours: less review each, so more of them fail', () => {
    const usual = humanChangeFailureRate(replicate(bundled('baseline'), 3));
    const twice = humanChangeFailureRate(replicate(bundled('baseline', ['incidents.humanChangesPerWeek=2']), 3));
    // Same defects per change, half the review time per change.
    expect(twice / usual).toBeGreaterThan(1.1);
    expect(twice / usual).toBeLessThan(1.6);
  });

  it('past capacity, changes merge with no review, and failures rise accordingly', () => {
    const result = replicate(bundled('baseline', ['incidents.reviewHoursPerEngineerWeek=0.25']), 3);
    const unreviewedShare = totalOf(result, 'unreviewedChanges') / totalOf(result, 'changes');
    expect(unreviewedShare).toBeGreaterThan(0.1);
    expect(unreviewedShare).toBeLessThan(0.3);
    expect(totalOf(replicate(bundled('baseline'), 3), 'unreviewedChanges')).toBe(0);
    expect(humanChangeFailureRate(result)).toBeGreaterThan(0.09);
  });

  it('bot changes sent to review take hours from human changes, whose failure rate rises', () => {
    const noBots = humanChangeFailureRate(replicate(bundled('baseline'), 3));
    const reviewedBots = humanChangeFailureRate(replicate(bundled('baseline', [...BOTS, 'policies.deployment.humanReview=1']), 3));
    expect(reviewedBots).toBeGreaterThan(1.05 * noBots);
  });

  it('the bundled mandate raises incidents per change within the published range (+23.5% to more than 3×)', () => {
    const perChange = (r: ReturnType<typeof replicate>) => (totalOf(r, 'incidents') - totalOf(r, 'securityIncidents')) / totalOf(r, 'changes');
    const rise = perChange(replicate(bundled('meshclaw'), 3)) / perChange(replicate(bundled('baseline'), 3));
    expect(rise).toBeGreaterThan(1.235);
    expect(rise).toBeLessThan(3);
  });
});
