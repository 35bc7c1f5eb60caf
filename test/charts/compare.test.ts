import { describe, expect, it } from 'vitest';
import { differencesChart, outcomesChart, SCENARIO_COLOURS, type DifferenceRow, type OutcomeRow } from '../../src/index.ts';
import { compileChart, renderSvg } from '../../src/report/render.ts';

const scenarios = ['baseline', 'meshclaw', 'guarded'];
const outcomes: OutcomeRow[] = scenarios.flatMap((scenario, k) => [
  { scenario, outcome: 'spend', label: 'AI spend', unit: 'dollars', mean: 100 + k, lo: 90 + k, hi: 110 + k },
  { scenario, outcome: 'trust', label: 'Trust at the end', unit: 'share', mean: 0.5 - k / 10, lo: 0.45 - k / 10, hi: 0.55 - k / 10 },
]);
const differences: DifferenceRow[] = scenarios.slice(1).map((scenario, k) => ({
  scenario,
  against: 'baseline',
  outcome: 'spend',
  label: 'AI spend',
  unit: 'dollars',
  mean: k + 1,
  lo: k,
  hi: k + 2,
  relative: (k + 1) / 100,
  relativeLo: k / 100,
  relativeHi: (k + 2) / 100,
}));

describe('charts across scenarios', () => {
  it('outcomes: a panel per outcome with its unit, every scenario in its colour, without warnings', async () => {
    const spec = outcomesChart(outcomes, scenarios) as { data: { values: { panel: string }[] }; spec: { layer: object[] } };
    expect(() => compileChart(spec as never)).not.toThrow();
    expect(new Set(spec.data.values.map((v) => v.panel))).toEqual(new Set(['AI spend (dollars)', 'Trust at the end (share)']));
    const text = JSON.stringify(spec);
    for (const colour of SCENARIO_COLOURS.slice(0, 3)) expect(text).toContain(colour);
    expect(spec.spec.layer).toHaveLength(2);
    const svg = await renderSvg(spec as never);
    expect(svg).toContain('Key outcomes by scenario');
  });

  it('differences: against the first scenario, which is not drawn, with zero marked', async () => {
    const spec = differencesChart(differences, scenarios) as { title: { text: string }; spec: { layer: { mark: { type: string }; encoding: { y?: { sort: string[] }; x: { datum?: number } } }[] } };
    expect(() => compileChart(spec as never)).not.toThrow();
    expect(spec.title.text).toBe('Difference from baseline');
    const [zero, interval] = spec.spec.layer;
    expect(zero.encoding.x.datum).toBe(0);
    expect(interval.encoding.y?.sort).toEqual(['meshclaw', 'guarded']);
    const svg = await renderSvg(spec as never);
    expect(svg).toContain('meshclaw');
  });
});
