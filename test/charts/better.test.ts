import { describe, expect, it } from 'vitest';
import { differencesChart, type DifferenceRow } from '../../src/index.ts';
import { betterDirection, intervalVerdict, verdictOf, VERDICT_COLOURS, VERDICT_LABELS } from '../../src/charts/better.ts';
import { differenceCell } from '../../src/report/html.ts';
import { formatDifference, formatNumber, formatRelative } from '../../src/report/format.ts';

const row = (outcome: string, unit: string, mean: number, half: number): DifferenceRow => ({
  scenario: 'meshclaw',
  against: 'baseline',
  outcome,
  label: outcome,
  unit,
  mean,
  lo: mean - half,
  hi: mean + half,
  relative: 0,
  relativeLo: 0,
  relativeHi: 0,
});

describe('colour says better or worse for the organisation, whatever the sign', () => {
  it('knows which way each key outcome is better', () => {
    expect(betterDirection('realOutput')).toBe('higher');
    expect(betterDirection({ key: 'incidents' })).toBe('lower');
    expect(betterDirection({ key: 'custom', metric: 'attrition' })).toBe('lower');
    expect(betterDirection('tokens')).toBeUndefined();
  });

  it('a rise in incidents is worse and a fall in output is worse; an interval across 0 is no clear difference', () => {
    expect(verdictOf('lower', 8811)).toBe('worse');
    expect(verdictOf('higher', -5)).toBe('worse');
    expect(verdictOf('lower', -5)).toBe('better');
    expect(intervalVerdict('higher', { mean: 1, lo: -1, hi: 3 })).toBe('same');
    expect(intervalVerdict('lower', { mean: 7.7e6, lo: 7e6, hi: 8e6 })).toBe('worse');
  });

  it('the report draws more incidents, spend and leavers in the worse colour, with an up arrow', () => {
    for (const r of [row('incidents', 'incidents', 8811, 100), row('spend', 'dollars', 7.7e6, 1e5), row('attrition', 'engineers', 76, 5)]) {
      const cell = differenceCell(r);
      expect(cell).toContain('data-verdict="worse"');
      expect(cell).toContain('▲ +');
    }
    const output = differenceCell(row('realOutput', 'engineer-weeks', 500, 10));
    expect(output).toContain('data-verdict="better"');
  });

  it('the differences chart colours each dot by its verdict, with a legend of the three', () => {
    const spec = differencesChart([row('incidents', 'incidents', 8811, 100), row('realOutput', 'engineer-weeks', 500, 10), row('trust', 'share', 0.001, 0.01)], ['baseline', 'meshclaw']) as unknown as {
      data: { values: { outcome: string; verdict: string }[] };
      spec: { layer: { encoding: { color?: { field: string; scale: { domain: string[]; range: string[] } } } }[] };
    };
    expect(spec.data.values.map((v) => v.verdict)).toEqual([VERDICT_LABELS.worse, VERDICT_LABELS.better, VERDICT_LABELS.same]);
    const colour = spec.spec.layer.find((l) => l.encoding.color)!.encoding.color!;
    expect(colour.field).toBe('verdict');
    expect(colour.scale.range).toEqual([VERDICT_COLOURS.better, VERDICT_COLOURS.worse, VERDICT_COLOURS.same]);
  });
});

describe('numbers that round to zero carry no sign', () => {
  it('writes 0 rather than −0.0 or ±0', () => {
    expect(formatDifference(-0.00001, 'share')).toBe('0 pts');
    expect(formatDifference(0.2, 'incidents')).toBe('+0.2');
    expect(formatDifference(-0.0001, 'incidents')).toBe('−0.0001');
    expect(formatDifference(0, 'engineers')).toBe('0');
    expect(formatNumber(-0.0001, 'share')).toBe('0.0%');
    expect(formatRelative(-0.0001)).toBe('0%');
    expect(formatDifference(-0.4, 'dollars')).toBe('$0');
  });
});
