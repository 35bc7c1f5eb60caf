import { describe, expect, it } from 'vitest';
import { strategyShape, ADOPTER, AUTOPILOT, MANUAL } from '../../src/agents/strategies.ts';
import { changeDefect, changeProfile, changeVulnerability } from '../../src/sim/defects.ts';
import { bundled, replicate, totalOf } from '../helpers.ts';

/** Production failures of human-authored changes per human-authored change, over a run. */
function humanChangeFailureRate(result: ReturnType<typeof replicate>): number {
  const failures = totalOf(result, 'incidents') - totalOf(result, 'botIncidents') - totalOf(result, 'securityIncidents');
  return failures / (totalOf(result, 'changes') - totalOf(result, 'botDeploys'));
}

describe('AI-written changes carry more defects before review', () => {
  const incidents = bundled('baseline').incidents;

  it('a change’s defect probability rises in proportion to the share the tool wrote; a bot change carries the full multiple', () => {
    const human = changeDefect(incidents, 0);
    expect(changeDefect(incidents, 0.5) / human).toBeCloseTo(1 + 0.5 * (incidents.aiDefectMultiple - 1), 12);
    expect(changeDefect(incidents, 1) / human).toBeCloseTo(incidents.aiDefectMultiple, 12);
    // Latent vulnerabilities: tool-written security-relevant code is vulnerable at Pearce et al.'s share.
    expect(changeVulnerability(incidents, 1)).toBeCloseTo(incidents.securityRelevantShare * incidents.aiVulnerableShare, 12);
  });

  it('engineers using the tool ship more changes, each carrying more defects; review hours follow real-work time', () => {
    const scenario = bundled('baseline');
    const profile = changeProfile(scenario.incidents, strategyShape({ tool: scenario.aiTool, behaviour: scenario.behaviour }));
    expect(profile.changes[ADOPTER] / profile.changes[MANUAL]).toBeCloseTo(1 + scenario.incidents.aiChangeUplift, 12);
    expect(profile.defects[ADOPTER] / profile.changes[ADOPTER]).toBeGreaterThan(profile.defects[MANUAL] / profile.changes[MANUAL]);
    expect(profile.reviewHours[AUTOPILOT]).toBeLessThan(profile.reviewHours[MANUAL]);
  });

  it('in the baseline, changes written without the tool fail at about the DORA elite rate of 5%, and the tool’s share raises it', () => {
    const withoutToolDefects = replicate(bundled('baseline', ['incidents.aiWrittenShare=0']), 3);
    const measured = humanChangeFailureRate(withoutToolDefects);
    expect(measured).toBeGreaterThan(0.045);
    expect(measured).toBeLessThan(0.06);
    const heavy = replicate(bundled('baseline', ['incidents.aiWrittenShare=0.6']), 3);
    const rise = humanChangeFailureRate(heavy) / measured;
    // Most engineers use the tool in the baseline; with 60% of their code tool-written at 1.7× the
    // defects, the organisation's human change failure rate rises by a third or so.
    expect(rise).toBeGreaterThan(1.2);
    expect(rise).toBeLessThan(1.5);
  });

  it('an unreviewed bot change fails at a change-failure rate (about 1.7 × the human pre-review rate), not at the vulnerability share', () => {
    const result = replicate(
      bundled('baseline', ['policies.deployment.botMayDeploy=true', 'policies.deployment.startWeek=0', 'policies.deployment.humanReview=0']),
      3,
    );
    const botFailureRate = totalOf(result, 'botIncidents') / totalOf(result, 'botDeploys');
    expect(botFailureRate).toBeGreaterThan(0.15);
    expect(botFailureRate).toBeLessThan(0.19);
  });
});
