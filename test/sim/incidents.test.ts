import { describe, expect, it } from 'vitest';
import { bundled, replicate, totalOf } from '../helpers.ts';
import { evidenceProblems } from '../../src/index.ts';

// Pattern 5: bot deploys with little review raise incidents in proportion to deploys × (1 − catch
// rate), with a heavy-tailed cost. Bot deploys from week 0, and nobody on autopilot (its effort
// saving removed), so that bot changes come at a known rate per engineer using the tool.
function botsDeploy(extra: string[] = []) {
  return bundled('baseline', ['policies.deployment.botMayDeploy=true', 'policies.deployment.startWeek=0', 'behaviour.effort.autopilot=5', ...extra]);
}

const perDeploy = (r: ReturnType<typeof replicate>) => totalOf(r, 'botIncidents') / totalOf(r, 'botDeploys');

describe('incidents (pattern 5)', () => {
  it('bot incidents scale with the number of bot deploys', () => {
    const few = replicate(botsDeploy(['incidents.assistedBotDeploysPerWeek=0.5']), 3);
    const many = replicate(botsDeploy(['incidents.assistedBotDeploysPerWeek=1']), 3);
    expect(totalOf(many, 'botDeploys') / totalOf(few, 'botDeploys')).toBeCloseTo(2, 1);
    const ratio = totalOf(many, 'botIncidents') / totalOf(few, 'botIncidents');
    expect(ratio).toBeGreaterThan(1.85);
    expect(ratio).toBeLessThan(2.15);
  });

  it('and with 1 − the catch rate: sending a share of bot changes to review removes failures in proportion to that share', () => {
    const [none, half, all] = [0, 0.5, 1].map((rigor) => perDeploy(replicate(botsDeploy([`policies.deployment.humanReview=${rigor}`]), 3)));
    expect(half).toBeLessThan(none);
    expect(all).toBeLessThan(half);
    // Linear in the share reviewed, while review hours are not the constraint.
    expect(Math.abs(half - (none + all) / 2)).toBeLessThan(0.05 * half);
    // Reviewers catch a good share of bot defects, but far from all.
    expect(all / none).toBeGreaterThan(0.5);
    expect(all / none).toBeLessThan(0.85);
  });

  it('no bot deploys, no bot incidents; human changes fail at about DORA’s rate, a little above it for AI-written shares', () => {
    const result = replicate(bundled('baseline'), 3);
    expect(totalOf(result, 'botIncidents')).toBe(0);
    const changeFailures = totalOf(result, 'incidents') - totalOf(result, 'securityIncidents');
    const rate = changeFailures / totalOf(result, 'changes');
    expect(rate).toBeGreaterThan(0.05);
    expect(rate).toBeLessThan(0.07);
  });

  it('the cost is heavy-tailed: outages over $1M are a tiny share of incidents but most of the cost', () => {
    const result = replicate(botsDeploy(['agents=3000']), 2);
    expect(totalOf(result, 'outagesOver1M') / totalOf(result, 'incidents')).toBeLessThan(0.002);
    let cost = 0;
    let inSevereWeeks = 0;
    for (const run of result.runs) {
      run.metrics.incidentCost.forEach((c, t) => {
        cost += c;
        if (run.metrics.outagesOver1M[t] > 0) inSevereWeeks += c;
      });
    }
    expect(inSevereWeeks / cost).toBeGreaterThan(0.5);
  });

  it('every default of the incidents block carries its evidence', () => {
    expect(evidenceProblems().filter((p) => p.startsWith('incidents.'))).toEqual([]);
  });
});
