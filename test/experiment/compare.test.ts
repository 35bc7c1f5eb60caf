import { describe, expect, it } from 'vitest';
import { KEY_OUTCOMES, outcomeRows, pairedDifferences, runScenario } from '../../src/index.ts';
import { outcomeTitle } from '../../src/experiment/compare.ts';
import { bundled } from '../helpers.ts';

describe('paired differences', () => {
  const small = ['agents=200', 'weeks=20'];

  it('two identical scenarios differ by exactly 0 on every outcome', () => {
    const a = runScenario(bundled('meshclaw', small), { seeds: 4 });
    const b = runScenario(bundled('meshclaw', small), { seeds: 4 });
    for (const row of pairedDifferences(a, b)) {
      expect(row.mean).toBe(0);
      expect(row.lo).toBe(0);
      expect(row.hi).toBe(0);
    }
  });

  it('pairing by seed gives a narrower interval than comparing independent means', () => {
    const a = runScenario(bundled('baseline', small), { seeds: 8 });
    const b = runScenario(bundled('quota-only', small), { seeds: 8 });
    const paired = pairedDifferences(a, b).find((r) => r.outcome === 'realOutput')!;
    const [ra, rb] = [outcomeRows(a), outcomeRows(b)].map((rows) => rows.find((r) => r.outcome === 'realOutput')!);
    const unpairedHalfWidth = Math.hypot(ra.hi - ra.mean, rb.hi - rb.mean);
    expect(paired.hi - paired.mean).toBeLessThan(unpairedHalfWidth);
    expect(paired.mean).toBeCloseTo(rb.mean - ra.mean, 6);
  });

  it('a row per key outcome, with the relative change against the reference', () => {
    const a = runScenario(bundled('baseline', small), { seeds: 3 });
    const b = runScenario(bundled('meshclaw', small), { seeds: 3 });
    const rows = pairedDifferences(a, b);
    expect(rows.map((r) => r.outcome)).toEqual(KEY_OUTCOMES.map((o) => o.key));
    const spend = rows.find((r) => r.outcome === 'spend')!;
    const base = outcomeRows(a).find((r) => r.outcome === 'spend')!.mean;
    expect(spend.relative).toBeCloseTo(spend.mean / base, 10);
    expect(spend.scenario).toBe('meshclaw');
    expect(spend.against).toBe('baseline');
  });

  it('refuses results with different seeds', () => {
    const a = runScenario(bundled('baseline', small), { seeds: 2 });
    const b = runScenario(bundled('baseline', small), { seeds: 2, firstSeed: 5 });
    expect(() => pairedDifferences(a, b)).toThrow(/same seeds/);
  });
});

describe('outcome titles', () => {
  it('name the unit unless it only repeats the name', () => {
    const title = (key: string) => outcomeTitle(KEY_OUTCOMES.find((o) => o.key === key)!);
    expect(title('realOutput')).toBe('Real output (engineer-weeks)');
    expect(title('incidents')).toBe('Incidents');
    expect(title('trust')).toBe('Trust at the end (share)');
  });
});
