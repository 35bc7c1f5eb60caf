import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { agentPoints, gamingChart, incidentsChart, outputAndTokensChart, peopleChart, rankVsOutputChart, SCENARIO_CHARTS, strategySharesChart, tokenBins, tokenDistributionChart, validityChart } from '../../src/index.ts';
import { compileChart, renderSvg } from '../../src/report/render.ts';
import { chartData } from './fixtures.ts';

/** Every mark type and field used anywhere in a spec. */
function inventory(spec: unknown) {
  const marks = new Set<string>();
  const fields = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.mark === 'string') marks.add(o.mark);
    if (o.mark && typeof o.mark === 'object') marks.add((o.mark as { type: string }).type);
    if (typeof o.field === 'string') fields.add(o.field);
    Object.values(o).forEach(walk);
  };
  walk(spec);
  return { marks, fields };
}

function titleOf(spec: TopLevelSpec): string {
  const t = spec.title as { text: string };
  return t.text;
}

describe('scenario charts', () => {
  it.each(Object.entries(SCENARIO_CHARTS))('%s compiles without warnings and renders to SVG', async (_name, build) => {
    const spec = build(chartData());
    expect(() => compileChart(spec)).not.toThrow();
    const svg = await renderSvg(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('toy');
  });

  it('output and tokens: a line and a band for each, on a shared week axis', () => {
    const spec = outputAndTokensChart(chartData()) as { vconcat: unknown[] };
    expect(spec.vconcat).toHaveLength(2);
    const { marks, fields } = inventory(spec);
    expect([...marks].sort()).toEqual(['area', 'line']);
    expect(fields).toEqual(new Set(['week', 'mean', 'lo', 'hi']));
    expect(JSON.stringify(spec)).toContain('Tokens used (billions per week)');
  });

  it('strategy shares: a normalised stacked area of the five strategies', () => {
    const spec = strategySharesChart(chartData()) as { data: { values: { strategy: string }[] }; encoding: { y: { stack: string } } };
    expect(new Set(spec.data.values.map((v) => v.strategy)).size).toBe(5);
    expect(spec.encoding.y.stack).toBe('normalize');
  });

  it('gaming: the wasted spend is gaming tokens times the price', () => {
    const spec = gamingChart(chartData()) as { vconcat: { data: { values: { mean: number }[] } }[] };
    // gamingTokens mean in week 0 is 10 tokens at $2.5 per million.
    expect(spec.vconcat[1].data.values[0].mean).toBeCloseTo(10 * 2.5e-6, 12);
  });

  it('incidents: major outages marked where they happened, loss cumulated', () => {
    const spec = incidentsChart(chartData()) as { vconcat: [{ layer: [unknown, { data: { values: { week: number }[] } }] }, { data: { values: { cumulative: number }[] } }] };
    // The fixture has outages in weeks 1 and 2, not in week 0.
    expect(spec.vconcat[0].layer[1].data.values.map((v) => v.week)).toEqual([1, 2]);
    expect(spec.vconcat[1].data.values.map((v) => v.cumulative)).toEqual([10, 21, 33]);
  });

  it('validity: the mandate start is marked, or not when there is none', () => {
    expect(JSON.stringify(validityChart(chartData()))).toContain('mandate starts');
    expect(JSON.stringify(validityChart(chartData({ mandateWeek: undefined })))).not.toContain('mandate starts');
  });

  it('people: belief, trust and morale on a 0-1 scale, and attrition', () => {
    const text = JSON.stringify(peopleChart(chartData()));
    for (const label of ['Belief that usage counts in reviews', 'Trust in what management says', 'Morale', 'Engineers who left (cumulative)']) expect(text).toContain(label);
  });

  it('token distribution: bars on a log scale with the quota target as a rule', () => {
    const spec = tokenDistributionChart(chartData());
    const { marks } = inventory(spec);
    expect(marks.has('bar')).toBe(true);
    expect(marks.has('rule')).toBe(true);
    expect(JSON.stringify(spec)).toContain(String(Math.log10(25e6)));
    expect(titleOf(spec)).toContain('tokens per engineer');
    expect(inventory(tokenDistributionChart(chartData({ quotaTarget: undefined }))).marks.has('rule')).toBe(false);
  });

  it('rank vs output: one point per engineer, coloured by strategy', () => {
    const spec = rankVsOutputChart(chartData()) as { data: { values: unknown[] }; encoding: { color: { field: string } } };
    expect(spec.data.values).toHaveLength(2);
    expect(spec.encoding.color.field).toBe('strategy');
  });
});

describe('chart data helpers', () => {
  it('tokenBins counts engineers per bin of 0.05 decades and those using none', () => {
    const { bins, noTokens } = tokenBins(Float64Array.of(0, 0, 1e7, 1.05e7, 1e8));
    expect(noTokens).toBe(2);
    expect(bins.map((b) => b.engineers)).toEqual([2, 1]);
    expect(bins[0].from).toBeCloseTo(7, 10);
    expect(bins[1].from).toBeCloseTo(8, 10);
  });

  it('agentPoints gives each engineer the share using less, ties split evenly', () => {
    const points = agentPoints(Float64Array.of(0, 0, 5, 10), Float64Array.of(1, 2, 3, 4), Uint8Array.of(0, 0, 1, 3));
    expect(points.map((p) => p.usageRank)).toEqual([0.25, 0.25, 0.625, 0.875]);
    expect(points[3].strategy).toBe('maxer');
  });
});
