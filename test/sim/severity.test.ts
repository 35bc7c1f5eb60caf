import normal from '@stdlib/random-base-normal';
import { describe, expect, it } from 'vitest';
import { stream } from '../../src/sim/random.ts';
import { incidentCost, outageCost } from '../../src/sim/severity.ts';
import { bundled, replicate, totalOf } from '../helpers.ts';

const DRAWS = 200_000;

describe('severity in money, with a heavy tail', () => {
  const incidents = bundled('baseline').incidents;

  it('among significant outages, the shares over $100k and over $1M are Uptime Institute’s 54% and 16%', () => {
    const z = normal.factory(0, 1, { prng: stream(1, 'test-severity') });
    let over100k = 0;
    let over1M = 0;
    for (let d = 0; d < DRAWS; d++) {
      const cost = outageCost(incidents, z());
      if (cost > incidents.majorOutageCost) over100k++;
      if (cost > incidents.severeOutageCost) over1M++;
    }
    expect(over100k / DRAWS).toBeGreaterThan(0.52);
    expect(over100k / DRAWS).toBeLessThan(0.56);
    expect(over1M / DRAWS).toBeGreaterThan(0.145);
    expect(over1M / DRAWS).toBeLessThan(0.175);
  });

  it('across all change failures most are cheap, and the costliest 1% carry most of the cost', () => {
    const rng = stream(2, 'test-severity');
    const z = normal.factory(0, 1, { prng: stream(3, 'test-severity') });
    const costs = new Float64Array(DRAWS);
    for (let d = 0; d < DRAWS; d++) costs[d] = incidentCost(incidents, incidents.outageShare, 1, rng(), z());
    costs.sort();
    const total = costs.reduce((a, b) => a + b, 0);
    const top = costs.subarray(Math.floor(0.99 * DRAWS)).reduce((a, b) => a + b, 0);
    expect(costs[DRAWS / 2]).toBeLessThan(2 * incidents.minorCostMedian);
    expect(top / total).toBeGreaterThan(0.6);
  });

  it('in a simulated organisation, outages over $1M are about 30% of those over $100k, and the weeks with one carry most of the cost', () => {
    const result = replicate(bundled('baseline', ['agents=5000']), 2);
    const ratio = totalOf(result, 'outagesOver1M') / totalOf(result, 'majorOutages');
    expect(ratio).toBeGreaterThan(0.18);
    expect(ratio).toBeLessThan(0.42);
    let costInSevereWeeks = 0;
    let severeWeeks = 0;
    let cost = 0;
    let weeks = 0;
    for (const run of result.runs) {
      run.metrics.incidentCost.forEach((c, t) => {
        cost += c;
        weeks++;
        if (run.metrics.outagesOver1M[t] > 0) {
          costInSevereWeeks += c;
          severeWeeks++;
        }
      });
    }
    expect(severeWeeks / weeks).toBeLessThan(0.3);
    expect(costInSevereWeeks / cost).toBeGreaterThan(0.5);
  });

  it('canary releases contain the cost of outages that changes cause', () => {
    const bots = ['policies.deployment.botMayDeploy=true', 'policies.deployment.startWeek=0', 'agents=3000'];
    const open = replicate(bundled('baseline', [...bots, 'policies.deployment.canary=0']), 2);
    const guarded = replicate(bundled('baseline', [...bots, 'policies.deployment.canary=0.8']), 2);
    // The same failures (up to the feedback of lost output on choices), at a lower cost.
    expect(Math.abs(totalOf(guarded, 'incidents') / totalOf(open, 'incidents') - 1)).toBeLessThan(0.01);
    // A contained outage costs a fifth as much: far fewer cross $100k. Total cost is a heavy-tailed
    // sum that minor incidents and security incidents (not contained) also feed, so it falls less.
    expect(totalOf(guarded, 'majorOutages')).toBeLessThan(0.6 * totalOf(open, 'majorOutages'));
    expect(totalOf(guarded, 'outagesOver1M')).toBeLessThan(totalOf(open, 'outagesOver1M'));
    expect(totalOf(guarded, 'incidentCost')).toBeLessThan(0.8 * totalOf(open, 'incidentCost'));
  });
});
