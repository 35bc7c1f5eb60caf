import { describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { runScenario } from '../../src/index.ts';
import { buildReport } from '../../src/report/build.ts';
import { chartTemplate } from '../../src/report/chart-template.ts';
import { renderSvg, renderSvgs } from '../../src/report/svg.ts';
import { chartData } from '../charts/fixtures.ts';
import { gamingChart, tokenDistributionChart } from '../../src/charts/scenario.ts';
import { bundled } from '../helpers.ts';

const small = ['agents=200', 'weeks=12'];
const results = ['baseline', 'meshclaw', 'guarded-deploys'].map((name) => runScenario(bundled(name, small), { seeds: 2, snapshot: true }));
const built = buildReport(results, 'test');
const specs: TopLevelSpec[] = [...[...built.scenarios.values()].flatMap((charts) => Object.values(charts)), ...Object.values(built.overview)];

describe('chart templates', () => {
  it('give two scenarios’ charts of one kind the same key, their rows, titles and colours kept apart', () => {
    const a = chartTemplate(gamingChart(chartData({ name: 'first', colour: '#009E73' })));
    const b = chartTemplate(gamingChart(chartData({ name: 'second', colour: '#CC79A7' })));
    expect(a.key).toBe(b.key);
    expect(a.key).not.toContain('#009E73');
    expect(a.key).not.toContain('first');
    // Two panels, each a data set; two layers each with the scenario's colour; title and subtitle.
    expect(a.data.map(([name]) => name)).toEqual(['template_data_0', 'template_data_1']);
    expect(a.signals.map(([, value]) => value)).toEqual(['#009E73', '#009E73', '#009E73', '#009E73', 'first: tokens burnt for the metric', 'Tokens beyond genuine need, and what they cost']);
    expect(b.signals[0][1]).toBe('#CC79A7');
  });

  it('keep charts whose layers differ apart: a quota line is part of the shape', () => {
    const withQuota = chartTemplate(tokenDistributionChart(chartData({ quotaTarget: 25e6 })));
    const without = chartTemplate(tokenDistributionChart(chartData({ quotaTarget: undefined })));
    expect(withQuota.key).not.toBe(without.key);
  });

  it('leave data Vega would parse in the spec', () => {
    const spec = { data: { values: 'a,b\n1,2', format: { type: 'csv' } }, mark: 'point' } as unknown as TopLevelSpec;
    const template = chartTemplate(spec);
    expect(template.data).toEqual([]);
    expect(template.key).toContain('a,b');
  });

  it('draw the report’s charts to the same SVG, byte for byte, as each drawn on its own, compiling fewer shapes', async () => {
    const keys = new Set(specs.map((s) => chartTemplate(s).key));
    expect(specs.length).toBe(8 * 3 + 2);
    expect(keys.size).toBeLessThan(specs.length / 2);
    const together = await renderSvgs(specs);
    const alone = await Promise.all(specs.map((s) => renderSvg(s)));
    expect(together).toHaveLength(specs.length);
    together.forEach((svg, k) => expect(svg).toBe(alone[k]));
  });

  it('leave the caller’s rows unmarked', async () => {
    const spec = gamingChart(chartData());
    const rows = (spec as unknown as { vconcat: { data: { values: object[] } }[] }).vconcat[0].data.values;
    await renderSvgs([spec]);
    expect(Object.getOwnPropertySymbols(rows[0])).toEqual([]);
  });
});
