/**
 * The gaming intensities of padding and of the autopilot (behaviour.padderGaming, autopilotGaming):
 * assumptions with ranges, so they must move what they claim to move, through the cost of gaming
 * (src/agents/utility.ts), and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { bundled, meanOver, replicate } from '../helpers.ts';

const SEEDS = 3;
/** Weeks after the mandate has settled (meshclaw and quota-only start it in week 8). */
const FROM = 26;
const TO = 52;

describe('gaming intensity', () => {
  it('a costlier week of padding leaves fewer padders under a quota, by degrees', () => {
    const share = (intensity: number) => meanOver(replicate(bundled('quota-only', [`behaviour.padderGaming=${intensity}`]), SEEDS), 'sharePadder', FROM, TO);
    const low = share(0.3);
    const central = share(0.6);
    const high = share(1);
    // Measured: 0.57, 0.48 and 0.30 of engineers pad at 0.3, 0.6 and 1.
    expect(low).toBeGreaterThan(central + 0.05);
    expect(central).toBeGreaterThan(high + 0.05);
    // Not a switch: even at the top of the range some pad (those just short fake little).
    expect(high).toBeGreaterThan(0.05);
  });

  it("the autopilot's intensity moves the share on autopilot where bots may deploy, and nothing where they may not", () => {
    const autopilot = (name: string, intensity: number) => meanOver(replicate(bundled(name, [`behaviour.autopilotGaming=${intensity}`]), SEEDS), 'shareAutopilot', FROM, TO);
    expect(autopilot('meshclaw', 0.2)).toBeGreaterThan(autopilot('meshclaw', 1));
    expect(autopilot('quota-only', 0.2)).toBe(0);
    expect(autopilot('quota-only', 1)).toBe(0);
  });
});
