import { describe, expect, it } from 'vitest';
import { type OrgState, simulate } from '../../src/index.ts';
import { ageLatent, expectedExploits, steadyLatent } from '../../src/sim/security.ts';
import { bundled, meanOver, replicate, totalOf } from '../helpers.ts';

/** The expected stock of latent vulnerabilities at the end of each week of one run. */
function latentStock(name: string, seed: number): number[] {
  const stock: number[] = [];
  simulate(bundled(name), seed, { onWeek: (_t, ctx) => stock.push(ctx.org.latentVulnerabilities) });
  return stock;
}

describe('security incidents from latent vulnerabilities', () => {
  const incidents = bundled('baseline').incidents;

  it('a stock fed at a steady rate stays put, and each vulnerability is exploited with probability exploitShare over its life', () => {
    const escaped = 3;
    const org = { latentVulnerabilities: steadyLatent(incidents, escaped) } as OrgState;
    let exploits = 0;
    for (let t = 0; t < 10; t++) {
      exploits += expectedExploits(org, incidents);
      ageLatent(org, incidents, escaped);
    }
    expect(org.latentVulnerabilities).toBeCloseTo(steadyLatent(incidents, escaped), 9);
    expect(exploits / (10 * escaped)).toBeCloseTo(incidents.exploitShare, 12);
  });

  it('the baseline’s stock is steady; under the mandate it builds up for months after bot deploys start', () => {
    const baseline = latentStock('baseline', 1);
    expect(Math.abs(baseline[51] / baseline[0] - 1)).toBeLessThan(0.1);
    const meshclaw = latentStock('meshclaw', 1);
    // Bots deploy from week 8; a vulnerability stays latent for half a year on average.
    expect(meshclaw[7] / baseline[7]).toBeCloseTo(1, 6);
    expect(meshclaw[20]).toBeGreaterThan(1.15 * meshclaw[7]);
    expect(meshclaw[51]).toBeGreaterThan(1.15 * meshclaw[20]);
  });

  it('security incidents follow the stock: more under the mandate late in the year than early, and in proportion to the exploitation probability', () => {
    const large = ['agents=3000'];
    const baseline = replicate(bundled('baseline', large), 3);
    const meshclaw = replicate(bundled('meshclaw', large), 3);
    const early = meanOver(meshclaw, 'securityIncidents', 9, 21) - meanOver(baseline, 'securityIncidents', 9, 21);
    const late = meanOver(meshclaw, 'securityIncidents', 40, 52) - meanOver(baseline, 'securityIncidents', 40, 52);
    expect(late).toBeGreaterThan(early);
    const doubled = replicate(bundled('baseline', [...large, `incidents.exploitShare=${2 * incidents.exploitShare}`]), 3);
    const ratio = totalOf(doubled, 'securityIncidents') / totalOf(baseline, 'securityIncidents');
    expect(ratio).toBeGreaterThan(1.6);
    expect(ratio).toBeLessThan(2.5);
  });
});
