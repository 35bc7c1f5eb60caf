import { describe, expect, it } from 'vitest';
import { sweepCharts, sweepHeatmap, sweepLine, sweepScatter, type SweepPointRow } from '../../src/index.ts';
import { VEGA_LITE_SCHEMA } from '../../src/charts/theme.ts';
import { compileChart, renderSvg } from '../../src/report/render.ts';

const Q = 'policies.quota.target';
const C = 'behaviour.contagion';
const M = 'policies.review.statedWeight';

/** A 3 × 2 × 2 grid: realOutput falls with the quota target and with contagion. */
const grid: SweepPointRow[] = [0, 1e7, 2e7].flatMap((q) =>
  [0, 0.8].flatMap((c) =>
    [0, 0.5].map((m) => {
      const mean = 1000 - q / 1e5 - 100 * c + 10 * m;
      return { values: { [Q]: q, [C]: c, [M]: m }, replications: 4, outputs: { realOutput: { mean, lo: mean - 20, hi: mean + 20 } } };
    }),
  ),
);

/** 40 sampled points (as lhs would give), one of them a list parameter. */
const sampled: SweepPointRow[] = Array.from({ length: 40 }, (_, k) => {
  const q = (k * 7919) % 40 / 40 * 2e7;
  const c = (k * 104729) % 40 / 40;
  const mean = 1000 - q / 1e5 - 100 * c;
  return { values: { [Q]: q, [C]: c, mode: k % 2 === 0 ? 'strict' : 'lax' }, replications: 3, outputs: { realOutput: { mean, lo: mean - 15, hi: mean + 15 } } };
});

type Spec = { $schema: string; title: { text: string; subtitle: string | string[] }; data: { values: Record<string, unknown>[] }; encoding?: Record<string, { field?: string; bin?: unknown; type?: string }>; layer?: { mark: { type: string }; encoding: Record<string, { field?: string; title?: string }> }[] };

async function check(spec: unknown, title: string): Promise<Spec> {
  const s = spec as Spec;
  expect(s.$schema).toBe(VEGA_LITE_SCHEMA);
  expect(s.title.text).toBe(title);
  expect(() => compileChart(spec as never)).not.toThrow();
  const svg = await renderSvg(spec as never);
  expect(svg).toContain(title);
  return s;
}

describe('sweep charts', () => {
  it('heatmap on a grid: one cell per pair of values, averaged over the third parameter', async () => {
    const s = await check(sweepHeatmap(grid, Q, C, { output: 'realOutput', grid: true }), 'Real output (whole run, total, engineer-weeks) by quota target and contagion');
    expect(s.data.values).toHaveLength(6);
    expect(s.data.values[0]).toMatchObject({ x: 0, y: 0, mean: 1002.5, points: 2 });
    // Readable names in the title and on the axes; the sweep file's names below, to find them in runs.csv.
    expect(s.title.subtitle).toEqual(['Mean over replications, averaged over the other parameters', `realOutput by ${Q} and ${C} in the sweep file`]);
    expect([(s.encoding!.x as { title?: string }).title, (s.encoding!.y as { title?: string }).title]).toEqual(['Quota target', 'Contagion']);
    // No grid lines through the cells.
    expect([(s.encoding!.x as { axis?: { grid?: boolean } }).axis?.grid, (s.encoding!.y as { axis?: { grid?: boolean } }).axis?.grid]).toEqual([false, false]);
    expect([s.encoding!.x.field, s.encoding!.y.field, s.encoding!.color.field]).toEqual(['x', 'y', 'mean']);
    expect(s.encoding!.x.type).toBe('ordinal');
  });

  it('heatmap of a sampled design: numeric parameters binned', async () => {
    const s = await check(sweepHeatmap(sampled, Q, C, { output: 'realOutput', grid: false }), 'Real output (whole run, total, engineer-weeks) by quota target and contagion');
    expect(s.data.values).toHaveLength(40);
    expect(s.encoding!.x.bin).toEqual({ maxbins: 4 });
    expect(s.encoding!.y.bin).toEqual({ maxbins: 4 });
  });

  it('line with band along one grid parameter, averaged over the others', async () => {
    const s = await check(sweepLine(grid, Q, { output: 'realOutput', grid: true }), 'Real output (whole run, total, engineer-weeks) along quota target');
    expect(s.data.values.map((v) => [v.x, v.mean, v.points])).toEqual([
      [0, 962.5, 4],
      [1e7, 862.5, 4],
      [2e7, 762.5, 4],
    ]);
    const [band, line] = s.layer!;
    expect([band.mark.type, band.encoding.y.field, band.encoding.y2.field]).toEqual(['area', 'lo', 'hi']);
    expect([line.mark.type, line.encoding.y.field, line.encoding.x.title]).toEqual(['line', 'mean', 'Quota target']);
  });

  it('scatter of the points of a sampled design against one parameter, numeric or a list', async () => {
    const s = await check(sweepScatter(sampled, C, { output: 'realOutput', grid: false }), 'Real output (whole run, total, engineer-weeks) against contagion');
    expect(s.data.values).toHaveLength(40);
    const [interval, dots] = s.layer!;
    expect([interval.mark.type, interval.encoding.y.field, interval.encoding.y2.field]).toEqual(['rule', 'lo', 'hi']);
    expect([dots.mark.type, dots.encoding.x.field, dots.encoding.y.field]).toEqual(['point', 'x', 'mean']);
    await check(sweepScatter(sampled, 'mode', { output: 'realOutput', grid: false }), 'Real output (whole run, total, engineer-weeks) against mode');
  });

  it('names every chart of a sweep by output and parameter', () => {
    expect(Object.keys(sweepCharts(grid, [Q, C, M], ['realOutput'], true))).toEqual(['heatmap-realOutput', `line-realOutput-${Q}`, `line-realOutput-${C}`, `line-realOutput-${M}`]);
    expect(Object.keys(sweepCharts(sampled, [C], ['realOutput'], false))).toEqual([`scatter-realOutput-${C}`]);
  });
});
