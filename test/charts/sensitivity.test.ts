import { describe, expect, it } from 'vitest';
import { morrisChart, sobolChart, type MorrisIndex, type SobolIndex } from '../../src/index.ts';
import { VEGA_LITE_SCHEMA } from '../../src/charts/theme.ts';
import { compileChart, renderSvg } from '../../src/report/render.ts';

const sobolRows: SobolIndex[] = [
  { parameter: 'policies.quota.target', S1: 0.31, S1lo: 0.28, S1hi: 0.35, ST: 0.56, STlo: 0.52, SThi: 0.6 },
  { parameter: 'policies.review.managerWeight.mean', S1: 0.44, S1lo: 0.41, S1hi: 0.47, ST: 0.44, STlo: 0.42, SThi: 0.46 },
  { parameter: 'culture.contagion', S1: -0.01, S1lo: -0.04, S1hi: 0.03, ST: 0.24, STlo: 0.23, SThi: 0.26 },
];
const morrisRows: MorrisIndex[] = [
  { parameter: 'policies.quota.target', mu: 20, muStar: 20, sigma: 0.5 },
  { parameter: 'policies.review.managerWeight.mean', mu: -2, muStar: 5, sigma: 7 },
  { parameter: 'culture.contagion', mu: 0, muStar: 0.1, sigma: 0.05 },
];

interface Layer {
  data?: { values: Record<string, unknown>[] };
  mark: { type: string };
  encoding: Record<string, { field?: string; sort?: string[]; datum?: number }>;
  layer?: Layer[];
}

describe('sensitivity charts', () => {
  it('Sobol: S1 and ST with interval bars, parameters sorted by ST, without warnings', async () => {
    const spec = sobolChart(sobolRows, { output: 'Real output' }) as unknown as {
      $schema: string;
      title: { text: string };
      data: { values: { parameter: string; index: string; value: number; lo: number; hi: number }[] };
      layer: Layer[];
    };
    expect(spec.$schema).toBe(VEGA_LITE_SCHEMA);
    expect(() => compileChart(spec as never)).not.toThrow();
    expect(spec.title.text).toBe("Sensitivity of Real output: Sobol' indices");
    expect(spec.data.values).toHaveLength(6);
    expect(spec.data.values[1]).toEqual({ parameter: 'policies.quota.target', index: 'Total ST (with interactions)', value: 0.56, lo: 0.52, hi: 0.6 });
    const [zero, interval, dot] = spec.layer;
    expect(zero.encoding.x.datum).toBe(0);
    expect([interval.mark.type, interval.encoding.x.field, interval.encoding.x2.field]).toEqual(['rule', 'lo', 'hi']);
    expect([dot.mark.type, dot.encoding.x.field, dot.encoding.color.field]).toEqual(['point', 'value', 'index']);
    expect(dot.encoding.y.sort).toEqual(['policies.quota.target', 'policies.review.managerWeight.mean', 'culture.contagion']);
    const svg = await renderSvg(spec as never);
    expect(svg).toContain('Sobol');
    expect(svg).toContain('policies.review.managerWeight.mean'); // long parameter names are shown whole
    expect(svg).toContain('First-order S1');
  });

  it('Morris: μ* across, σ up, each point labelled with its parameter, without warnings', async () => {
    const spec = morrisChart(morrisRows, { output: 'Incidents' }) as unknown as { title: { text: string }; layer: Layer[] };
    expect(() => compileChart(spec as never)).not.toThrow();
    expect(spec.title.text).toBe('Sensitivity of Incidents: Morris screening');
    const [diagonal, points] = spec.layer;
    expect(diagonal.data?.values).toEqual([
      { muStar: 0, sigma: 0 },
      { muStar: 20, sigma: 20 },
    ]);
    expect(points.data?.values.map((v) => v.parameter)).toEqual(morrisRows.map((r) => r.parameter));
    const [dots, labels] = points.layer!;
    expect([dots.encoding.x.field, dots.encoding.y.field]).toEqual(['muStar', 'sigma']);
    expect([labels.mark.type, labels.encoding.text.field]).toEqual(['text', 'parameter']);
    const svg = await renderSvg(spec as never);
    expect(svg).toContain('Morris screening');
    for (const row of morrisRows) expect(svg).toContain(row.parameter);
  });

  it('without an output name, generic titles', () => {
    expect((sobolChart(sobolRows) as { title: { text: string } }).title.text).toBe("Sobol' sensitivity indices");
    expect((morrisChart(morrisRows) as { title: { text: string } }).title.text).toBe('Morris screening');
  });
});
