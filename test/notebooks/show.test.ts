import { afterEach, describe, expect, it } from 'vitest';
import type { TopLevelSpec } from 'vega-lite';
import { bundled } from '../helpers.ts';
import { chartData, runScenario, show, validityChart, VEGA_LITE_MIME } from '../../src/index.ts';

const spec = validityChart(chartData(runScenario(bundled('meshclaw', ['agents=100', 'weeks=12']), { seeds: 1 }), 0));
const untitled = { mark: 'point', data: { values: [{ x: 1 }] }, encoding: { x: { field: 'x', type: 'quantitative' } } } as TopLevelSpec;

const global = globalThis as { Deno?: unknown };
afterEach(() => {
  delete global.Deno;
});

describe('show', () => {
  it('returns the Vega-Lite media bundle outside a Deno kernel, with the chart title as its text', async () => {
    const bundle = await show(spec);
    expect(bundle).toBeDefined();
    expect(bundle![VEGA_LITE_MIME]).toBe(spec);
    // The media type's version is the spec's: v6 in both.
    expect(VEGA_LITE_MIME).toBe('application/vnd.vegalite.v6+json');
    expect((spec as { $schema?: string }).$schema).toMatch(/\/v6\.json$/);
    // Beside it, the chart drawn, for GitHub and nbconvert's HTML.
    expect(bundle!['image/svg+xml']).toMatch(/^<svg[^>]*class="marks"/);
    expect(bundle!['image/svg+xml']).toContain('meshclaw: is usage still a measure of work?');
    expect(bundle!['text/plain']).toBe('Vega-Lite chart: meshclaw: is usage still a measure of work?');
  });

  it('says only that it is a chart when the spec has no title', async () => {
    expect((await show(untitled))!['text/plain']).toBe('Vega-Lite chart');
  });

  it('displays the bundle raw through Deno.jupyter.display in a Deno kernel and returns nothing', async () => {
    const calls: [object, { raw: boolean }][] = [];
    global.Deno = { jupyter: { display: async (bundle: object, options: { raw: boolean }) => void calls.push([bundle, options]) } };
    expect(await show(spec)).toBeUndefined();
    expect(calls).toHaveLength(1);
    expect(calls[0][1]).toEqual({ raw: true });
    expect((calls[0][0] as Record<string, unknown>)[VEGA_LITE_MIME]).toBe(spec);
  });

  it('returns the bundle under deno run, where reading Deno.jupyter throws', async () => {
    global.Deno = Object.defineProperty({}, 'jupyter', {
      get() {
        throw new Error('Deno.jupyter is only available in `deno jupyter` subcommand');
      },
    });
    expect((await show(spec))![VEGA_LITE_MIME]).toBe(spec);
  });
});
