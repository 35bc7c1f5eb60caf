import { describe, expect, it } from 'vitest';
import type { DifferenceRow, OutcomeRow } from '../../src/index.ts';
import { rankingLine, rankScenarios, summarySentences } from '../../src/report/summary.ts';

const LABELS: Record<string, [string, string]> = {
  realOutput: ['Real output', 'engineer-weeks'],
  spend: ['AI spend', 'dollars'],
  outputLost: ['Output lost to incidents', 'engineer-weeks'],
  attrition: ['Engineers who left', 'engineers'],
  trust: ['Trust at the end', 'share'],
};

const outcome = (scenario: string, key: string, mean: number): OutcomeRow => ({ scenario, outcome: key, label: LABELS[key][0], unit: LABELS[key][1], mean, lo: mean * 0.99, hi: mean * 1.01 });
const diff = (against: string, scenario: string, key: string, mean: number, half: number): DifferenceRow => ({
  scenario,
  against,
  outcome: key,
  label: LABELS[key][0],
  unit: LABELS[key][1],
  mean,
  lo: mean - half,
  hi: mean + half,
  relative: 0,
  relativeLo: 0,
  relativeHi: 0,
});

// outcome-based: more output, less lost to incidents, a little more spend; trust no different.
const outcomes = [
  ...Object.entries({ realOutput: 50000, spend: 1e6, outputLost: 900, attrition: 60, trust: 0.7 }).map(([k, v]) => outcome('baseline', k, v)),
  ...Object.entries({ realOutput: 51000, spend: 1.2e6, outputLost: 600, attrition: 60, trust: 0.7 }).map(([k, v]) => outcome('outcome-based', k, v)),
];
const differences = [
  diff('baseline', 'outcome-based', 'realOutput', 1000, 100),
  diff('baseline', 'outcome-based', 'spend', 2e5, 1e4),
  diff('baseline', 'outcome-based', 'outputLost', -300, 50),
  diff('baseline', 'outcome-based', 'attrition', 0.2, 3),
  diff('baseline', 'outcome-based', 'trust', -0.00001, 0.002),
];

describe('the summary answers', () => {
  it('names the best scenario and what it is better and worse on', () => {
    const [verdict, sentence] = summarySentences(differences, outcomes);
    expect(verdict).toBe('Best overall: outcome-based. Against baseline it is better on 2 of the 5 outcomes that decide (real output, output lost to incidents) and worse on 1 (AI spend).');
    expect(sentence).toContain('better on real output +1,000 [+900, +1,100] and output lost to incidents −300 [−350, −250]');
    expect(sentence).toContain('worse on AI spend +$200k [+$190k, +$210k]');
    expect(sentence).toContain('no clear difference in engineers who left, trust at the end');
    expect(sentence).not.toMatch(/−0\.0|±0/);
  });

  it('ranks best first, lower being better for spend, and ties neighbours with no clear paired difference', () => {
    const rankings = rankScenarios(outcomes, differences);
    const byKey = Object.fromEntries(rankings.map((r) => [r.outcome, r]));
    expect(byKey.realOutput.order.map((o) => o.scenario)).toEqual(['outcome-based', 'baseline']);
    expect(byKey.spend.order.map((o) => o.scenario)).toEqual(['baseline', 'outcome-based']);
    expect(rankingLine(byKey.outputLost)).toBe('outcome-based 600 > baseline 900');
    expect(byKey.trust.order[1].tiedWithAbove).toBe(true);
    expect(rankingLine(byKey.trust)).toMatch(/ ≈ /);
  });

  it('says so when nothing beats the reference', () => {
    const worse = differences.map((d) => ({ ...d, mean: d.outcome === 'spend' ? 2e5 : d.mean, lo: 1, hi: 1 }));
    const flipped = worse.map((d) => (d.outcome === 'realOutput' ? { ...d, mean: -1000, lo: -1100, hi: -900 } : d));
    expect(summarySentences(flipped.filter((d) => d.outcome !== 'outputLost'), outcomes)[0]).toMatch(/^None beats baseline overall/);
  });
});
