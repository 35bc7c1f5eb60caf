import { describe, expect, it } from 'vitest';
import { bundled, replicate, totalOf } from '../helpers.ts';

// Bot deploys from week 0, and nobody on autopilot (its effort saving removed), so that every bot
// deploy is reviewed by an engineer whose care is known on average.
function botsDeploy(extra: string[] = []) {
  return bundled('baseline', [
    'policies.deployment.botMayDeploy=true',
    'policies.deployment.startWeek=0',
    'behaviour.effort.autopilot=5',
    ...extra,
  ]);
}

const MEAN_CARE = 0.6;
const AI_CARE_FACTOR = 0.8;
const BOT_FLAW = 0.4;

describe('incidents', () => {
  it('bot incidents per deploy equal the flaw rate times (1 - review rigor × care)', () => {
    for (const rigor of [0, 0.5, 1]) {
      const result = replicate(botsDeploy([`policies.deployment.humanReview=${rigor}`]), 3);
      const perDeploy = totalOf(result, 'botIncidents') / totalOf(result, 'botDeploys');
      const expected = BOT_FLAW * (1 - rigor * MEAN_CARE * AI_CARE_FACTOR);
      expect(perDeploy).toBeGreaterThan(0.9 * expected);
      expect(perDeploy).toBeLessThan(1.1 * expected);
    }
  });

  it('bot incidents scale with the number of bot deploys', () => {
    const few = replicate(botsDeploy(['incidents.assistedBotDeploysPerWeek=0.5']), 3);
    const many = replicate(botsDeploy(['incidents.assistedBotDeploysPerWeek=1']), 3);
    const ratio = totalOf(many, 'botIncidents') / totalOf(few, 'botIncidents');
    expect(ratio).toBeGreaterThan(1.8);
    expect(ratio).toBeLessThan(2.2);
  });

  it('no bot deploys, no bot incidents; human changes fail at the human rate', () => {
    const result = replicate(bundled('baseline'), 3);
    expect(totalOf(result, 'botIncidents')).toBe(0);
    // About 1 change per engineer-week, 5% failing (slightly fewer while positions are vacant).
    const perEngineerWeek = totalOf(result, 'incidents') / totalOf(result, 'headcount');
    expect(perEngineerWeek).toBeGreaterThan(0.045);
    expect(perEngineerWeek).toBeLessThan(0.055);
  });

  it('severity is heavy-tailed: major outages are about 5% of incidents but most of the loss', () => {
    const wide = replicate(botsDeploy(['incidents.blastRadius=10']), 4);
    const narrow = replicate(botsDeploy(['incidents.blastRadius=1']), 4);
    const majorShare = totalOf(wide, 'majorOutages') / totalOf(wide, 'incidents');
    expect(majorShare).toBeGreaterThan(0.04);
    expect(majorShare).toBeLessThan(0.06);
    // With blast radius 1 the loss is the plain severity S; with 10 it is S + 9 × (severity of majors).
    const plain = totalOf(narrow, 'severityLoss');
    const majorsAlone = (totalOf(wide, 'severityLoss') - plain) / 9;
    const majorsShareOfLoss = (10 * majorsAlone) / totalOf(wide, 'severityLoss');
    expect(majorsShareOfLoss).toBeGreaterThan(0.6);
  });

  it('canary releases shrink the loss from major outages', () => {
    const open = replicate(botsDeploy(['policies.deployment.canary=0']), 3);
    const guarded = replicate(botsDeploy(['policies.deployment.canary=0.8']), 3);
    expect(totalOf(guarded, 'severityLoss')).toBeLessThan(0.6 * totalOf(open, 'severityLoss'));
  });
});
